// The vocabularies and limits of the use cases that write committee engagement records, as the import checks a
// file's records against them (src/domain/interchange/check-engagement.ts): one list each, the use cases' own.
import type { EngagementVocabulary } from '../../domain/interchange/check-engagement.ts';
import { AGENDA_OUTCOMES, MEETING_TEXT_LIMIT } from '../record-agenda-outcome.ts';
import { FOLLOWING_DECISIONS } from '../record-following.ts';
import { VIEW_LIMITS, VIEW_SOURCES } from '../view-input.ts';

/** The engagement use cases' own vocabularies and limits, as the import checks a file's records against them. */
export const ENGAGEMENT_VOCABULARY: EngagementVocabulary = {
  viewSources: VIEW_SOURCES,
  viewSourcesAtMeetings: ['meeting'] satisfies (typeof VIEW_SOURCES)[number][],
  followingDecisions: FOLLOWING_DECISIONS,
  agendaOutcomes: AGENDA_OUTCOMES,
  // add-meeting-action.ts and record-agenda-outcome.ts: an owner of up to 200 characters, items 1 to 999
  limits: {
    viewText: VIEW_LIMITS.text,
    viewAuthor: VIEW_LIMITS.author,
    meetingText: MEETING_TEXT_LIMIT,
    actionOwner: 200,
    agendaItem: 999,
  },
};

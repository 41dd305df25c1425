// Reading committee meetings for a viewer: every meeting newest first, a committee with its meetings, and one
// meeting with the papers the viewer may see (by agenda item), each with its action and classification labels.
import { listMeetings } from '../db/meetings.repository.ts';
import { listMeetingPapers, listPaperRecipients } from '../db/papers.repository.ts';
import { findCommitteeByRef, findMeeting } from '../db/papers.repository.ts';
import { canSeePaper, type Viewer } from '../domain/access/visibility.ts';
import type { ComposePaperDeps } from './compose-paper.ts';

export interface MeetingSummary {
  committee: { ref: string; name: string };
  number: number;
  date: string;
}

export interface MeetingPaper {
  reference: string;
  type: string;
  item: number | null;
  title: string;
  action: { slug: string; label: string };
  classification: { slug: string; label: string };
  date: string;
}

export interface MeetingDetail extends MeetingSummary {
  papers: MeetingPaper[];
}

export type MeetingDeps = ComposePaperDeps;

const summary = (m: MeetingSummary): MeetingSummary => ({
  committee: { ref: m.committee.ref, name: m.committee.name },
  number: m.number,
  date: m.date,
});

/** Every meeting in the register, newest first. */
export async function listAllMeetings(deps: MeetingDeps): Promise<MeetingSummary[]> {
  return (await listMeetings(deps.db, deps.rules.id)).map(summary);
}

/** A committee and its meetings, newest first; null for a committee the register does not hold. */
export async function getCommitteeMeetings(
  deps: MeetingDeps,
  input: { committee: string },
): Promise<{ committee: { ref: string; name: string }; meetings: MeetingSummary[] } | null> {
  const committee = await findCommitteeByRef(deps.db, deps.rules.id, input.committee);
  if (!committee) return null;
  const meetings = await listMeetings(deps.db, deps.rules.id, committee.id);
  return { committee: { ref: committee.ref, name: committee.name }, meetings: meetings.map(summary) };
}

/** A meeting with the papers the viewer may see; null when the register holds no such meeting. */
export async function getMeeting(
  deps: MeetingDeps,
  input: { viewer: Viewer; committee: string; number: number },
): Promise<MeetingDetail | null> {
  const { db, rules } = deps;
  const meeting = await findMeeting(db, rules.id, input.committee, input.number);
  if (!meeting) return null;
  const all = await listMeetingPapers(db, meeting.id);
  const recipients = await listPaperRecipients(
    db,
    all.map((row) => row.id),
  );
  const rows = all.filter((row) =>
    canSeePaper(input.viewer, {
      classification: row.classification,
      committeeRef: meeting.committee.ref,
      recipientUserIds: recipients.get(row.id) ?? [],
    }),
  );
  const label = (list: readonly { slug: string; label: string }[], slug: string) => ({
    slug,
    label: list.find((x) => x.slug === slug)?.label ?? slug,
  });
  return {
    ...summary(meeting),
    papers: rows.map((row) => ({
      reference: row.reference,
      type: row.type,
      item: row.item,
      title: row.title,
      action: label(rules.register.paperActions, row.action),
      classification: label(rules.register.classifications, row.classification),
      date: row.date,
    })),
  };
}

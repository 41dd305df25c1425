// REST API v1 for what committees decide (the pages: following-pages.ts, meeting-outcome-pages.ts, and the
// committee and meeting pages of meeting-pages.ts):
//   GET  /api/v1/committees/:ref/following                   the committee's decisions on the proposals the
//        viewer may see, as its page shows them: yes (it follows them), no, undecided
//   PUT  /api/v1/committees/:ref/following/:proposal         staff: { decision, meeting, on? } -> 200
//   GET  /api/v1/committees/:ref/meetings/:number/outcomes   a meeting's outcomes and actions (White
//        committee business: everyone, as on the meeting's page)
//   POST /api/v1/committees/:ref/meetings/:number/outcomes   staff: an agenda item's outcome, replacing the
//        one before { item, outcome, notes? (left out: kept) } -> 200
//   POST /api/v1/committees/:ref/meetings/:number/actions    staff: { text, owner, item?, dueOn? } -> 201
//   POST /api/v1/actions/:id/done                            staff: { on? } (default today) -> 200
// The writes are for the administrator's staff (canCreatePapers, as the web forms), through the same use
// cases, which write the audit record naming the signed-in user. A decision on a proposal the user may not
// see is refused as for one that does not exist (404).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { addMeetingAction } from '../../app/add-meeting-action.ts';
import { completeMeetingAction } from '../../app/complete-meeting-action.ts';
import { getMeeting } from '../../app/get-meeting.ts';
import { listFollowedProposals } from '../../app/list-followed-proposals.ts';
import { listMeetingOutcomes } from '../../app/list-meeting-outcomes.ts';
import {
  AGENDA_OUTCOME_LABELS,
  isAgendaOutcome,
  MeetingDecisionInputError,
  MeetingDecisionNotFoundError,
  recordAgendaOutcome,
} from '../../app/record-agenda-outcome.ts';
import {
  FOLLOWING_DECISION_LABELS,
  FollowingInputError,
  FollowingNotFoundError,
  recordFollowing,
} from '../../app/record-following.ts';
import type { Db } from '../../db/connect.ts';
import { canCreatePapers } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import {
  parseJsonBody,
  sendApiError,
  sendBodyProblem,
  sendProposalNotFound,
  signInFirst,
  staffOrRefuse,
  wholeParam,
  type BodySpec,
} from './engagement-api-shared.ts';

export interface CommitteesApiDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
}

const FOLLOWING = {
  decision: { kind: 'text', required: true },
  meeting: { kind: 'whole', required: true },
  on: { kind: 'date' },
} as const satisfies BodySpec;
const OUTCOME = {
  item: { kind: 'whole', required: true },
  outcome: { kind: 'text', required: true },
  notes: { kind: 'text' },
} as const satisfies BodySpec;
const ACTION = {
  text: { kind: 'text' },
  owner: { kind: 'text' },
  item: { kind: 'whole' },
  dueOn: { kind: 'date' },
} as const satisfies BodySpec;
const DONE = { on: { kind: 'date' } } as const satisfies BodySpec;

type MeetingParams = { ref: string; number: string };

const outcomesPath = (committee: string, meeting: number) =>
  `/api/v1/committees/${encodeURIComponent(committee)}/meetings/${meeting}/outcomes`;

const meetingNotFound = (reply: FastifyReply, committee: string, number: string) =>
  sendApiError(reply, 'meeting.not_found', `No meeting ${number} of the committee ${committee}`);

/** A meeting-decision use case's refusal as the API's error; anything else is thrown on. */
function sendMeetingDecisionError(
  reply: FastifyReply,
  error: unknown,
  notFound: () => FastifyReply,
): FastifyReply {
  if (error instanceof MeetingDecisionNotFoundError) return notFound();
  if (error instanceof MeetingDecisionInputError)
    return sendApiError(reply, error.code, error.message, { field: error.field });
  throw error;
}

export function registerCommitteesApiRoutes(app: FastifyInstance, deps: CommitteesApiDeps): void {
  const { db, rules, today } = deps;

  app.get<{ Params: { ref: string } }>('/api/v1/committees/:ref/following', async (request, reply) => {
    const following = await listFollowedProposals(
      { db, rules },
      { committee: request.params.ref, viewer: viewerOf(request.user) },
    );
    if (!following) return sendApiError(reply, 'committee.not_found', `No committee ${request.params.ref}`);
    return { committee: request.params.ref.trim(), ...following };
  });

  const recordingFollowing = 'record what a committee decided';
  app.put<{ Params: { ref: string; proposal: string } }>(
    '/api/v1/committees/:ref/following/:proposal',
    signInFirst(recordingFollowing),
    async (request, reply) => {
      const user = staffOrRefuse(request, reply, canCreatePapers, recordingFollowing);
      if (!user) return reply;
      const input = parseJsonBody(request.body, FOLLOWING, 'a following decision');
      if (!input.ok) return sendBodyProblem(reply, input);
      const { ref, proposal } = request.params;
      try {
        const recorded = await recordFollowing(
          { db, rules },
          {
            committee: ref,
            meeting: input.value.meeting ?? 0,
            proposal,
            decision: input.value.decision ?? '',
            on: input.value.on,
            actor: `user:${user.id}`,
            viewer: viewerOf(user),
          },
        );
        return {
          ...recorded,
          decisionLabel: FOLLOWING_DECISION_LABELS[recorded.decision],
        };
      } catch (error) {
        // the proposal is the path's: one that is not a reference, not there or hidden is not found alike
        if (
          (error instanceof FollowingInputError || error instanceof FollowingNotFoundError) &&
          error.field === 'proposal'
        )
          return sendProposalNotFound(reply, proposal);
        if (error instanceof FollowingNotFoundError && error.field === 'committee')
          return sendApiError(reply, 'committee.not_found', `No committee ${ref}`);
        // the meeting is the body's: one that is not there is a field to correct
        if (error instanceof FollowingNotFoundError)
          return sendApiError(reply, 'following.invalid', error.message, { field: error.field });
        if (error instanceof FollowingInputError)
          return sendApiError(reply, error.code, error.message, { field: error.field });
        throw error;
      }
    },
  );

  app.get<{ Params: MeetingParams }>(
    '/api/v1/committees/:ref/meetings/:number/outcomes',
    async (request, reply) => {
      const { ref, number } = request.params;
      const wanted = wholeParam(number);
      if (wanted === null) return meetingNotFound(reply, ref, number);
      // as the meeting's page: the meeting for this viewer, and what it decided (White: everyone)
      const meeting = await getMeeting(
        { db, rules },
        { viewer: viewerOf(request.user), committee: ref, number: wanted },
      );
      const decided =
        meeting && (await listMeetingOutcomes({ db, rules }, { committee: ref, meeting: wanted }));
      if (!meeting || !decided) return meetingNotFound(reply, ref, number);
      return {
        committee: meeting.committee,
        meeting: meeting.number,
        date: meeting.date,
        outcomes: decided.outcomes,
        actions: decided.actions,
      };
    },
  );

  const deciding = 'record what a meeting decided';
  app.post<{ Params: MeetingParams }>(
    '/api/v1/committees/:ref/meetings/:number/outcomes',
    signInFirst(deciding),
    async (request, reply) => {
      const user = staffOrRefuse(request, reply, canCreatePapers, deciding);
      if (!user) return reply;
      const { ref, number } = request.params;
      const meeting = wholeParam(number);
      if (meeting === null) return meetingNotFound(reply, ref, number);
      const input = parseJsonBody(request.body, OUTCOME, 'an agenda item’s outcome');
      if (!input.ok) return sendBodyProblem(reply, input);
      try {
        const recorded = await recordAgendaOutcome(
          { db, rules },
          {
            committee: ref,
            meeting,
            item: input.value.item ?? 0,
            outcome: input.value.outcome ?? '',
            notes: input.value.notes,
            actor: `user:${user.id}`,
          },
        );
        return {
          committee: ref,
          meeting,
          item: recorded.item,
          outcome: recorded.outcome,
          label: isAgendaOutcome(recorded.outcome)
            ? AGENDA_OUTCOME_LABELS[recorded.outcome]
            : recorded.outcome,
          notes: recorded.notes,
          previous: recorded.previous,
          changed: recorded.changed,
        };
      } catch (error) {
        return sendMeetingDecisionError(reply, error, () => meetingNotFound(reply, ref, number));
      }
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/api/v1/committees/:ref/meetings/:number/actions',
    signInFirst(deciding),
    async (request, reply) => {
      const user = staffOrRefuse(request, reply, canCreatePapers, deciding);
      if (!user) return reply;
      const { ref, number } = request.params;
      const meeting = wholeParam(number);
      if (meeting === null) return meetingNotFound(reply, ref, number);
      const input = parseJsonBody(request.body, ACTION, 'an action');
      if (!input.ok) return sendBodyProblem(reply, input);
      try {
        const added = await addMeetingAction(
          { db, rules },
          {
            committee: ref,
            meeting,
            item: input.value.item,
            text: input.value.text ?? '',
            owner: input.value.owner ?? '',
            dueOn: input.value.dueOn,
            actor: `user:${user.id}`,
          },
        );
        const listed = await listMeetingOutcomes({ db, rules }, { committee: ref, meeting });
        const action = listed?.actions.find((a) => a.id === added.id);
        return await reply
          .code(201)
          .header('location', outcomesPath(ref, meeting))
          .send({
            committee: ref,
            meeting,
            action: action ?? {
              id: added.id,
              item: input.value.item ?? null,
              text: input.value.text?.trim() ?? '',
              owner: added.owner.name,
              dueOn: added.dueOn,
              doneOn: null,
            },
          });
      } catch (error) {
        return sendMeetingDecisionError(reply, error, () => meetingNotFound(reply, ref, number));
      }
    },
  );

  const completing = 'mark an action done';
  app.post<{ Params: { id: string } }>(
    '/api/v1/actions/:id/done',
    signInFirst(completing),
    async (request, reply) => {
      const user = staffOrRefuse(request, reply, canCreatePapers, completing);
      if (!user) return reply;
      const notFound = () => sendApiError(reply, 'action.not_found', `No action ${request.params.id}`);
      const id = wholeParam(request.params.id);
      if (id === null) return notFound();
      const input = parseJsonBody(request.body, DONE, 'a completed action');
      if (!input.ok) return sendBodyProblem(reply, input);
      try {
        const done = await completeMeetingAction(
          { db, rules, today },
          { id, on: input.value.on ?? today(), actor: `user:${user.id}` },
        );
        return {
          id: done.id,
          doneOn: done.doneOn,
          committee: done.committee,
          meeting: done.meeting,
          outcomes: outcomesPath(done.committee, done.meeting),
        };
      } catch (error) {
        return sendMeetingDecisionError(reply, error, notFound);
      }
    },
  );
}

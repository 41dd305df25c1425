// The secretariat records a committee's view on a proposal: given at a meeting (against the agenda item and the
// paper, as the OPSG_26_0511_16 paper asks the Operations Group for its "initial comments"), or sent by e-mail to
// the Change Team between meetings (the paper's "views or comments offline"). The administrator's staff record
// views, on the web (the staff form, the API) and on the command line (the administrator's own tool, which sees
// the whole register). Every field is checked, every problem named by its field, and nothing is stored unless
// there are none; the view and its audit record `view.recorded` (before: nothing; after: the view) are written in
// one transaction.
//
// The meeting, the paper and the agenda item must agree: the meeting is the committee's; the paper is that
// meeting's; the item is the paper's. Given an item without a paper, the meeting's one paper at that item is the
// paper; given a paper without an item, its item is the item. A view given at a meeting is given on the meeting's
// day unless another is said; no view is dated before its proposal was raised, or after today.
import type { Db } from '../db/connect.ts';
import { findCommitteeByRef, findMeeting, findPaperByReference } from '../db/papers.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { insertView, listPapersAtItem } from '../db/views.repository.ts';
import { canEditProposals } from '../domain/access/can.ts';
import { viewerOf } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { ActionUser } from './list-recordable-events.ts';
import {
  checkClassification,
  checkText,
  checkVersion,
  getProposalForViewOrThrow,
  isRealDate,
  ProblemList,
  ViewNotAllowedError,
  VIEW_LIMITS,
} from './view-input.ts';

export interface RecordViewInput {
  /** DP090 or MP090. */
  reference: string;
  /** The committee whose view it is: OPSG. */
  committee: string;
  /** meeting (the default): given at a meeting, which must then be named; email: sent to the Change Team. */
  source?: 'meeting' | 'email' | undefined;
  /** The meeting's number in the committee's series: 26. */
  meeting?: number | undefined;
  /** The paper it answers: OPSG_26_0511_16. */
  paper?: string | undefined;
  /** The agenda item: 16. */
  item?: number | undefined;
  /** Who gave it, as the minutes name them ("Operations Group", "Jane Smith (British Gas)"). */
  author: string;
  /** YYYY-MM-DD; for a view given at a meeting, the meeting's day when left out. */
  on?: string | undefined;
  /** A classification slug; the proposal's when left out. */
  classification?: string | undefined;
  /** Markdown. */
  text: string;
  /** The problem statement version it answers; the one current on the paper's day (or the view's) when left out. */
  version?: number | undefined;
  /** The member of staff recording it (web, API), or the command line. */
  by: { user: ActionUser } | 'cli';
}

export interface RecordedView {
  id: number;
  reference: string;
  committee: string;
  source: 'meeting' | 'email';
  meeting: number | null;
  paper: string | null;
  item: number | null;
  givenOn: string;
  classification: string;
  problemStatementVersion: number | null;
}

export async function recordView(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: RecordViewInput,
): Promise<RecordedView> {
  const { db, rules } = deps;
  if (input.by !== 'cli' && !canEditProposals(input.by.user))
    throw new ViewNotAllowedError(
      'Only the code administrator’s staff (administrators and analysts) record a committee’s views from its meetings. Committee members send theirs in with the form for members.',
    );
  const viewer = input.by === 'cli' ? 'whole-register' : viewerOf(input.by.user);
  const today = deps.today();

  return db.transaction(async (tx) => {
    const proposal = await getProposalForViewOrThrow(
      { db: tx, rules },
      { reference: input.reference, viewer },
    );
    const problems = new ProblemList();
    const source = input.source ?? 'meeting';
    if (source !== 'meeting' && source !== 'email')
      problems.add(
        'source',
        `A view is recorded as given at a meeting or sent by e-mail, not "${String(source)}".`,
      );

    const committeeRef = input.committee.trim();
    const committee = committeeRef ? await findCommitteeByRef(tx, rules.id, committeeRef) : null;
    if (!committeeRef) problems.add('committee', 'Enter the committee whose view it is, such as OPSG.');
    else if (!committee)
      problems.add('committee', `There is no committee "${committeeRef}" in the ${rules.id} register.`);

    // the meeting, then the paper and the item, which must agree with it and with each other
    let meeting: Awaited<ReturnType<typeof findMeeting>> = null;
    if (input.meeting === undefined) {
      if (source === 'meeting')
        problems.add('meeting', 'Enter the number of the meeting the view was given at.');
    } else if (!Number.isInteger(input.meeting) || input.meeting < 1)
      problems.add('meeting', `A meeting number is a whole number from 1, not ${String(input.meeting)}.`);
    else if (committee) {
      meeting = await findMeeting(tx, rules.id, committee.ref, input.meeting);
      if (!meeting)
        problems.add(
          'meeting',
          `There is no meeting ${input.meeting} of the ${committee.name} (${committee.ref}) in the register.`,
        );
    }

    let item = input.item ?? null;
    if (item !== null && (!Number.isInteger(item) || item < 1)) {
      problems.add('item', `The agenda item is a whole number from 1, not ${String(item)}.`);
      item = null;
    }
    if (item !== null && input.meeting === undefined && !input.paper?.trim())
      problems.add('meeting', 'Enter the meeting whose agenda item it is.');

    let paper: { id: number; reference: string; date: string } | null = null;
    const paperRef = input.paper?.trim();
    if (paperRef) {
      const found = await findPaperByReference(tx, rules.id, paperRef);
      if (!found) problems.add('paper', `There is no paper ${paperRef} in the register.`);
      else if (meeting && found.meeting?.id !== meeting.id)
        problems.add(
          'paper',
          found.meeting && found.committee
            ? `${found.reference} is a paper for meeting ${found.meeting.number} of the ${found.committee.ref}, not for meeting ${meeting.number} of the ${meeting.committee.ref}.`
            : `${found.reference} is not a paper for meeting ${meeting.number} of the ${meeting.committee.ref}.`,
        );
      else if (!meeting && committee && found.committee && found.committee.ref !== committee.ref)
        problems.add(
          'paper',
          `${found.reference} is a paper for the ${found.committee.ref}, not the ${committee.ref}.`,
        );
      else {
        paper = { id: found.id, reference: found.reference, date: found.date };
        if (item === null) item = found.item;
        else if (found.item !== null && found.item !== item && !problems.has('item'))
          problems.add('item', `${found.reference} is agenda item ${found.item}, not item ${item}.`);
        // sent by e-mail about a paper: the paper's meeting is the one it answers
        if (!meeting && input.meeting === undefined && found.meeting && found.committee)
          meeting = { ...found.meeting, committee: found.committee };
      }
    } else if (item !== null && meeting) {
      const atItem = await listPapersAtItem(tx, meeting.id, item);
      if (atItem.length === 1 && atItem[0]) paper = atItem[0];
    }

    const author = input.author.trim();
    if (!author) problems.add('author', 'Enter who gave the view, as the minutes name them.');
    else if (author.length > VIEW_LIMITS.author)
      problems.add('author', `The author must be ${VIEW_LIMITS.author} characters or fewer.`);

    const on = input.on?.trim() || (source === 'meeting' ? (meeting?.date ?? '') : '');
    if (!on) {
      if (!problems.has('meeting') && !problems.has('committee'))
        problems.add('on', 'Enter the date the view was given, as YYYY-MM-DD.');
    } else if (!isRealDate(on))
      problems.add('on', `The date the view was given must be a real date as YYYY-MM-DD, not "${on}".`);
    else if (on > today)
      problems.add('on', `The date the view was given cannot be in the future (today is ${today}).`);
    else if (on < proposal.raised)
      problems.add(
        'on',
        `The date the view was given cannot be before ${proposal.reference} was raised, on ${proposal.raised}.`,
      );

    const classification = checkClassification(problems, rules, input.classification, proposal);
    const text = checkText(problems, input.text);
    const versionDay = paper?.date ?? (isRealDate(on) ? on : null);
    const version = await checkVersion(tx, problems, proposal, input.version, versionDay);
    problems.throwIfAny();
    if (!committee) throw new Error('internal: a view without its committee passed the checks');

    const record = {
      proposalId: proposal.id,
      committeeId: committee.id,
      source,
      authorUserId: null,
      authorName: author,
      givenOn: on,
      classification,
      text,
      problemStatementVersion: version,
      meetingId: meeting?.id ?? null,
      paperId: paper?.id ?? null,
      agendaItem: item,
    };
    const id = await insertView(tx, record);
    const recorded: RecordedView = {
      id,
      reference: proposal.reference,
      committee: committee.ref,
      source,
      meeting: meeting?.number ?? null,
      paper: paper?.reference ?? null,
      item,
      givenOn: on,
      classification,
      problemStatementVersion: version,
    };
    await appendAuditEvent(tx, {
      actor: input.by === 'cli' ? 'cli' : `user:${input.by.user.id}`,
      action: 'view.recorded',
      subjectType: 'committee_view',
      subjectId: String(id),
      before: null,
      after: { ...recorded, author, text },
    });
    return recorded;
  });
}

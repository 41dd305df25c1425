// Creating the monthly paper for a committee meeting: the record (meeting, agenda item, date, reporting period,
// author) is checked and stored with an audit record, its reference computed as COMMITTEE_meeting_DDMM_item
// unless one is given, and it is composed in the same transaction, so a paper that cannot be composed is not
// stored. Returns the reference and what the author should know (proposals left out, an empty period).
import type { Db } from '../db/connect.ts';
import { findMeeting, findPaperAuthor, insertPaper, paperReferenceExists } from '../db/papers.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import type { Actor } from '../domain/lifecycle/lifecycle.models.ts';
import { paperReference } from '../domain/papers/paper-reference.ts';
import type { CompositionNotice } from '../domain/papers/paper.models.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { composePaper } from './compose-paper.ts';

export const COMPOSABLE_PAPER_TYPES = ['new_proposals_summary'] as const;

export interface CreatePaperInput {
  type: string;
  /** The committee's reference: OPSG. */
  committee: string;
  /** The meeting's number; the meeting must be in the register (its date makes the reference). */
  meeting: number;
  item: number;
  /** The paper's date, YYYY-MM-DD, printed under the author's name. */
  date: string;
  /** The reporting period, both days included. */
  period: { from: string; to: string };
  /** Given to keep a reference the administrator has already used; else computed. */
  reference?: string | undefined;
  /** Else the code's title for this type of paper. */
  title?: string | undefined;
  /** An action slug; for_discussion unless given. */
  action?: string | undefined;
  /** A classification slug; the code's lowest (White) unless given. */
  classification?: string | undefined;
  /** The person who signs it, by id. */
  author?: string | undefined;
  actor: Actor;
  /** Who, for the audit record: the signed-in user (`user:7`) when it comes from the web. */
  actorName?: string | undefined;
}

export interface CreatePaperResult {
  reference: string;
  notices: readonly CompositionNotice[];
}

export class PaperInputError extends Error {
  readonly code = 'paper.invalid';
  readonly status = 400;
  override name = 'PaperInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class DuplicatePaperError extends Error {
  readonly code = 'paper.duplicate_reference';
  readonly status = 409;
  override name = 'DuplicatePaperError';
  constructor(readonly reference: string) {
    super(`There is already a paper ${reference} in the register.`);
  }
}

function checkDate(value: string, field: string, what: string): string {
  try {
    parseIsoDate(value);
    return value;
  } catch {
    throw new PaperInputError(`The ${what} must be a real date as YYYY-MM-DD, not "${value}".`, field);
  }
}

const isUniqueViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if ((e as Error & { code?: unknown }).code === '23505') return true;
  return false;
};

export async function createPaper(
  deps: { db: Db; rules: RulesPack },
  input: CreatePaperInput,
): Promise<CreatePaperResult> {
  const { db, rules } = deps;
  const { register } = rules;
  if (!(COMPOSABLE_PAPER_TYPES as readonly string[]).includes(input.type))
    throw new PaperInputError(
      `modgov can create papers of type ${COMPOSABLE_PAPER_TYPES.join(', ')}, not "${input.type}".`,
      'type',
    );
  const date = checkDate(input.date, 'date', 'paper’s date');
  const period = {
    from: checkDate(input.period.from, 'from', 'start of the period'),
    to: checkDate(input.period.to, 'to', 'end of the period'),
  };
  if (period.from > period.to)
    throw new PaperInputError(`The period ends (${period.to}) before it starts (${period.from}).`, 'to');
  if (!Number.isInteger(input.item) || input.item < 1)
    throw new PaperInputError(`The agenda item must be a whole number from 1, not ${input.item}.`, 'item');
  const action = input.action ?? 'for_discussion';
  if (!register.paperActions.some((a) => a.slug === action))
    throw new PaperInputError(
      `"${action}" is not a paper action of the ${rules.id} (${register.paperActions.map((a) => a.slug).join(', ')}).`,
      'action',
    );
  const classification = input.classification ?? register.classifications[0]?.slug ?? 'white';
  if (!register.classifications.some((c) => c.slug === classification))
    throw new PaperInputError(
      `"${classification}" is not a classification of the ${rules.id}.`,
      'classification',
    );
  const given = input.reference?.trim();
  if (given !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(given))
    throw new PaperInputError(
      `A paper reference is letters, digits, _ and -, such as OPSG_26_0511_16, not "${given}".`,
      'reference',
    );

  let reference = given ?? '';
  try {
    return await db.transaction(async (tx) => {
      const meeting = await findMeeting(tx, rules.id, input.committee.trim(), input.meeting);
      if (!meeting)
        throw new PaperInputError(
          `There is no meeting ${input.meeting} of the committee "${input.committee}" in the register.`,
          'meeting',
        );
      const author = input.author ? await findPaperAuthor(tx, input.author) : null;
      if (input.author && !author)
        throw new PaperInputError(`There is no person "${input.author}" in the register.`, 'author');
      reference =
        given ??
        paperReference({
          committee: meeting.committee.ref,
          meeting: meeting.number,
          meetingDate: meeting.date,
          item: input.item,
        });
      if (await paperReferenceExists(tx, rules.id, reference)) throw new DuplicatePaperError(reference);

      const record = {
        codeId: rules.id,
        reference,
        type: input.type,
        meetingId: meeting.id,
        item: input.item,
        title: input.title?.trim() || rules.papers.newProposalsSummary.defaultTitle,
        action,
        classification,
        date,
        authorId: author?.id ?? null,
        coversFrom: period.from,
        coversTo: period.to,
      };
      const id = await insertPaper(tx, record);
      await appendAuditEvent(tx, {
        actor: input.actorName ? `${input.actor}:${input.actorName}` : input.actor,
        action: 'paper.created',
        subjectType: 'paper',
        subjectId: String(id),
        before: null,
        after: {
          reference,
          type: record.type,
          committee: meeting.committee.ref,
          meeting: meeting.number,
          item: record.item,
          title: record.title,
          action,
          classification,
          date,
          author: author?.slug ?? null,
          covers: period,
        },
      });
      const composed = await composePaper({ db: tx, rules }, { reference });
      return { reference, notices: composed.notices };
    });
  } catch (error) {
    // two people creating the same paper at once: the unique index decides, with the same answer
    if (isUniqueViolation(error)) throw new DuplicatePaperError(reference);
    throw error;
  }
}

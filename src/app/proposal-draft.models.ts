// A Draft Proposal being written on the web: its fields as the form sends them (every one a string, so a refused
// form comes back as typed), how long each may be, what a submission must hold, and the errors of the draft use
// cases, each with a stable code and its HTTP status. Pure: no database, no web.
import type { EligibilityCondition, ProposalKind } from '../domain/eligibility/eligibility.models.ts';

/**
 * The form's fields. The problem statement is required to submit: the Development Stage works on the problem
 * the proposer states (SEC: only the problem is worked on until the Change Sub-Committee agrees it), so a Draft
 * Proposal without one gives the analyst nothing to develop. `reasonCode` and `reasonText` are asked for only
 * when the rule the proposer's organisation raises under requires a reason (the Authority, the Panel).
 */
export const DRAFT_FIELDS = [
  'title',
  'summary',
  'problemStatement',
  'kind',
  'reasonCode',
  'reasonText',
] as const;
export type DraftFieldName = (typeof DRAFT_FIELDS)[number];
export type DraftFields = Record<DraftFieldName, string>;

export const isDraftFieldName = (name: string): name is DraftFieldName =>
  (DRAFT_FIELDS as readonly string[]).includes(name);

/** The longest each free-text field may be, in characters, saved or submitted. */
export const DRAFT_FIELD_LIMITS = {
  title: 200,
  summary: 10_000,
  problemStatement: 20_000,
  reasonText: 2_000,
} as const satisfies Partial<Record<DraftFieldName, number>>;

const FIELD_NAMES: Record<keyof typeof DRAFT_FIELD_LIMITS, string> = {
  title: 'Title',
  summary: 'Summary',
  problemStatement: 'Problem statement',
  reasonText: 'The circumstances',
};

export interface DraftFieldError {
  field: DraftFieldName;
  text: string;
}

export const emptyDraftFields = (): DraftFields => ({
  title: '',
  summary: '',
  problemStatement: '',
  kind: 'normal',
  reasonCode: '',
  reasonText: '',
});

/** The draft's fields from what was stored (unknown keys dropped, missing ones blank). */
export function draftFieldsOf(stored: Readonly<Record<string, unknown>>): DraftFields {
  const fields = emptyDraftFields();
  for (const name of DRAFT_FIELDS) {
    const value = stored[name];
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

/** What makes the fields too long to keep, even as a draft. */
export function checkDraftLengths(fields: DraftFields): DraftFieldError[] {
  const errors: DraftFieldError[] = [];
  for (const [name, limit] of Object.entries(DRAFT_FIELD_LIMITS) as [
    keyof typeof DRAFT_FIELD_LIMITS,
    number,
  ][])
    if (fields[name].length > limit)
      errors.push({
        field: name,
        text: `${FIELD_NAMES[name]} must be ${limit.toLocaleString('en-GB')} characters or fewer.`,
      });
  return errors;
}

/** What the raiser is offered: the kinds they may ask for, and what their rule needs recorded. */
export interface RaiseOffer {
  kinds: readonly { kind: ProposalKind }[];
  conditions: readonly EligibilityCondition[];
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** What a submission is missing, field by field, in the order of the form; empty when it may be raised. */
export function checkDraftForSubmission(fields: DraftFields, offer: RaiseOffer): DraftFieldError[] {
  const errors: DraftFieldError[] = [];
  if (!fields.title.trim()) errors.push({ field: 'title', text: 'Enter a title for the Draft Proposal.' });
  if (!fields.summary.trim())
    errors.push({ field: 'summary', text: 'Enter a summary of the Draft Proposal.' });
  if (!fields.problemStatement.trim())
    errors.push({
      field: 'problemStatement',
      text: 'Enter the problem statement: the issue, what it affects and why it needs to change.',
    });
  errors.push(...checkDraftLengths(fields).filter((e) => !errors.some((x) => x.field === e.field)));
  if (!offer.kinds.some((k) => k.kind === fields.kind))
    errors.push({ field: 'kind', text: 'Select the kind of proposal.' });
  for (const condition of offer.conditions) {
    if (condition.kind === 'reason_code' && !condition.allowed.some((o) => o.code === fields.reasonCode))
      errors.push({ field: 'reasonCode', text: sentence(condition.ask) });
    if (condition.kind === 'reason_text' && !fields.reasonText.trim())
      errors.push({ field: 'reasonText', text: sentence(condition.ask) });
  }
  return errors;
}

/** The fields as they are not right: answered 400 with the error summary, nothing stored. */
export class DraftInputError extends Error {
  readonly code = 'proposal_draft.invalid';
  readonly status = 400;
  override name = 'DraftInputError';
  constructor(readonly errors: readonly DraftFieldError[]) {
    super(errors.map((e) => e.text).join(' '));
  }
}

/** No draft of this user has that id (someone else's is not found either). */
export class DraftNotFoundError extends Error {
  readonly code = 'proposal_draft.not_found';
  readonly status = 404;
  override name = 'DraftNotFoundError';
  constructor() {
    super('There is no such draft of yours.');
  }
}

/** The draft was raised already: it cannot be changed, deleted or raised again. */
export class DraftAlreadyRaisedError extends Error {
  readonly code = 'proposal_draft.already_raised';
  readonly status = 409;
  override name = 'DraftAlreadyRaisedError';
  constructor(
    readonly draftId: number,
    readonly reference: string | null,
  ) {
    super(`This draft was raised already${reference ? ` as ${reference}` : ''}.`);
  }
}

/** The user may not raise a Draft Proposal here (not a party user, or no person in the register). */
export class RaiseNotAllowedError extends Error {
  readonly code = 'proposal.raise_not_allowed';
  readonly status = 403;
  override name = 'RaiseNotAllowedError';
}

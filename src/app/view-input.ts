// What recording a view (record-view.ts, by the secretariat) and sending one in (submit-view.ts, by a member)
// share: their errors, the proposal a view is about, and the checks on the fields both take (the text, the
// classification and the problem statement version it answers). Every problem names its field.
//
// Classification: a view is a classified item (canSee) that names its committee and the proposal's proposer
// organisation, and no recipients. So a Red view could be read by no one: Red is refused, and a Red view that got
// into the database by another way is shown to no one (list-views.ts). Left unsaid, a view takes its proposal's
// classification, so it is never shown more widely than the proposal by default.
import type { Db } from '../db/connect.ts';
import type { Tx } from '../db/register.repository.ts';
import {
  findProposalForViews,
  findVersionCurrentOn,
  listProblemStatementVersions,
} from '../db/views.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { ProposalNotFoundError } from './transition-proposal.ts';

/** meeting: recorded by the secretariat from a meeting; member: sent in between meetings; email: sent to the Change Team. */
export const VIEW_SOURCES = ['meeting', 'member', 'email'] as const;
export type ViewSource = (typeof VIEW_SOURCES)[number];

export const VIEW_SOURCE_LABELS: Record<ViewSource, string> = {
  meeting: 'Given at a meeting',
  member: 'Sent in by a member',
  email: 'Sent by e-mail to the Change Team',
};

/** The longest a view's text and its author's name may be, in characters. */
export const VIEW_LIMITS = { text: 20_000, author: 200 } as const;

export interface ViewProblem {
  field: string;
  message: string;
}

/** The input does not make a view: every problem found, each naming its field. Nothing is stored. */
export class ViewInputError extends Error {
  readonly code = 'view.invalid';
  readonly status = 400;
  override name = 'ViewInputError';
  readonly field: string;
  constructor(readonly problems: readonly ViewProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.field = problems[0]?.field ?? 'text';
  }
}

/** The user may not give this view (not the administrator's staff; not a member of that committee). */
export class ViewNotAllowedError extends Error {
  readonly code = 'view.not_allowed';
  readonly status = 403;
  override name = 'ViewNotAllowedError';
}

/** Collects problems, one per field, in the order found. */
export class ProblemList {
  readonly items: ViewProblem[] = [];
  add(field: string, message: string): void {
    if (!this.items.some((p) => p.field === field)) this.items.push({ field, message });
  }
  has(field: string): boolean {
    return this.items.some((p) => p.field === field);
  }
  throwIfAny(): void {
    if (this.items.length > 0) throw new ViewInputError(this.items);
  }
}

export interface ProposalForView {
  id: number;
  reference: string;
  title: string;
  raised: string;
  classification: string;
  proposerOrganisationId: number;
}

/**
 * The proposal a view is about, as `viewer` may see it ('whole-register': the command line, which sees
 * everything); ProposalNotFoundError when there is none (or it is hidden from them: it does not exist for them).
 */
export async function getProposalForViewOrThrow(
  deps: { db: Db | Tx; rules: RulesPack },
  input: { reference: string; viewer: Viewer | 'whole-register' },
): Promise<ProposalForView> {
  const { rules } = deps;
  const references = candidateReferences(rules.register, input.reference);
  const scope = input.viewer === 'whole-register' ? null : { codeId: rules.id, viewer: input.viewer };
  const rows = await findProposalForViews(deps.db, rules.id, references, scope);
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row)
    throw new ProposalNotFoundError(`reference: there is no proposal ${input.reference} in the register.`);
  return row;
}

export const isRealDate = (value: string): boolean => {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
};

/** The text, trimmed with its line endings made "\n"; a problem when empty or too long. */
export function checkText(problems: ProblemList, text: string | undefined): string {
  const clean = (text ?? '').replace(/\r\n?/g, '\n').trim();
  if (!clean) problems.add('text', 'Enter the view: what the committee said.');
  else if (clean.length > VIEW_LIMITS.text)
    problems.add('text', `The view must be ${VIEW_LIMITS.text.toLocaleString('en-GB')} characters or fewer.`);
  return clean;
}

/** The classification slug: given, else the proposal's; one of the code's, and not Red (see the note above). */
export function checkClassification(
  problems: ProblemList,
  rules: RulesPack,
  given: string | undefined,
  proposal: ProposalForView,
): string {
  const slug = given?.trim().toLowerCase() || proposal.classification;
  const known = rules.register.classifications;
  if (!known.some((c) => c.slug === slug))
    problems.add(
      'classification',
      `"${given ?? slug}" is not a classification of the ${rules.id}: use ${known
        .filter((c) => c.slug !== 'red')
        .map((c) => c.slug)
        .join(', ')}.`,
    );
  else if (slug === 'red')
    problems.add(
      'classification',
      'A view names no recipients, so a Red view could be read by no one: classify it Amber at most.',
    );
  return slug;
}

/**
 * The problem statement version the view answers: given, it must be one of the proposal's; else the version
 * current on `day` (the paper's date, or the view's), or none when the proposal has no versions then.
 */
export async function checkVersion(
  db: Db | Tx,
  problems: ProblemList,
  proposal: ProposalForView,
  given: number | undefined,
  day: string | null,
): Promise<number | null> {
  if (given === undefined) return day === null ? null : findVersionCurrentOn(db, proposal.id, day);
  if (!Number.isInteger(given) || given < 1) {
    problems.add('version', `The problem statement version is a whole number from 1, not ${String(given)}.`);
    return null;
  }
  const versions = await listProblemStatementVersions(db, proposal.id);
  if (!versions.some((v) => v.version === given))
    problems.add(
      'version',
      versions.length
        ? `${proposal.reference} has no problem statement version ${given}: its versions are ${versions
            .map((v) => v.version)
            .reverse()
            .join(', ')}.`
        : `${proposal.reference} has no problem statement versions yet, so the view cannot answer version ${given}.`,
    );
  return given;
}

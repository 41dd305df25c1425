// Editing a proposal's text: its title, summary and problem statement (Markdown), and its impact for each
// committee (an empty impact removes it). The staff who run proposals edit them; the caller checks that
// (canEditProposals). One transaction: the proposal is found as the user may see it, locked, compared field by
// field, and only what changed is written, with one audit record `proposal.edited` holding the before and after
// of the changed fields only. Nothing changed: nothing is written, and there is no audit record.
//
// Text is compared as it would be stored: line endings made "\n" (a browser sends "\r\n") and the ends trimmed,
// so saving a form unchanged changes nothing.
import { findLatestProblemStatementVersion } from '../db/problem-statements.repository.ts';
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import { findVisibleProposalByReferences } from '../db/proposals.repository.ts';
import {
  deleteProposalImpact,
  listCommitteesForImpacts,
  listImpactsByCommittee,
  lockProposalText,
  updateProposalText,
  upsertProposalImpact,
} from '../db/workspace.repository.ts';
import { viewerOf, type ViewerSource } from '../domain/access/visibility.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { ProposalNotFoundError } from './transition-proposal.ts';

/** The longest each field may be, in characters (checked only on a field being changed). */
export const EDIT_LIMITS = { title: 200, summary: 10_000, problemStatement: 20_000, impact: 10_000 } as const;

export type EditField = 'title' | 'summary' | 'problemStatement' | 'impact';

export interface EditFieldError {
  field: EditField;
  /** The committee, for an impact. */
  committee?: string;
  text: string;
}

export class ProposalEditInputError extends Error {
  readonly code = 'proposal.invalid_edit';
  readonly status = 400;
  override name = 'ProposalEditInputError';
  constructor(readonly errors: readonly EditFieldError[]) {
    super(errors.map((e) => e.text).join(' '));
  }
}

export interface EditProposalInput {
  /** DP090 or MP090: either finds the proposal. */
  reference: string;
  /** The signed-in user making the change: they must be able to see the proposal; the audit record names them. */
  user: ViewerSource;
  /** Each field left undefined keeps its value. */
  title?: string | undefined;
  summary?: string | undefined;
  problemStatement?: string | undefined;
  /** Impact text by committee reference (OPSG); a committee left out keeps its impact, '' removes it. */
  impacts?: Readonly<Record<string, string>> | undefined;
}

export interface EditProposalResult {
  reference: string;
  /** The fields changed (title, summary, problemStatement, impacts), empty when nothing changed. */
  changed: string[];
}

/** Markdown as stored: "\n" line endings, trimmed; empty is null. */
const normaliseText = (text: string | null | undefined): string | null =>
  (text ?? '').replace(/\r\n?/g, '\n').trim() || null;
/** A title is one line: runs of white space become one space. */
const normaliseTitle = (text: string): string => text.replace(/\s+/g, ' ').trim();

const NAMES: Record<EditField, string> = {
  title: 'Title',
  summary: 'Summary',
  problemStatement: 'Problem statement',
  impact: 'Impact',
};
const tooLong = (field: EditField, limit: number, committee?: string): EditFieldError => ({
  field,
  ...(committee ? { committee } : {}),
  text: `${committee ? `The ${committee} impact` : NAMES[field]} must be ${limit.toLocaleString('en-GB')} characters or fewer.`,
});

export async function editProposal(
  deps: { db: Db; rules: RulesPack },
  input: EditProposalInput,
): Promise<EditProposalResult> {
  const { db, rules } = deps;
  const title = input.title === undefined ? undefined : normaliseTitle(input.title);

  return db.transaction(async (tx) => {
    const references = candidateReferences(rules.register, input.reference);
    const rows = await findVisibleProposalByReferences(
      tx,
      { codeId: rules.id, viewer: viewerOf(input.user) },
      references,
    );
    const found = rows.find((r) => r.reference === references[0]) ?? rows[0];
    if (!found) throw new ProposalNotFoundError(`There is no proposal ${input.reference}.`);
    const current = await lockProposalText(tx, found.id);
    if (!current) throw new ProposalNotFoundError(`There is no proposal ${input.reference}.`);

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const errors: EditFieldError[] = [];
    const patch: Parameters<typeof updateProposalText>[2] = {};

    if (title === '') errors.push({ field: 'title', text: 'Enter a title.' });
    else if (title !== undefined && title !== normaliseTitle(current.title)) {
      if (title.length > EDIT_LIMITS.title) errors.push(tooLong('title', EDIT_LIMITS.title));
      before.title = current.title;
      after.title = patch.title = title;
    }
    for (const field of ['summary', 'problemStatement'] as const) {
      if (input[field] === undefined) continue;
      const value = normaliseText(input[field]);
      if (value === normaliseText(current[field])) continue;
      if ((value?.length ?? 0) > EDIT_LIMITS[field]) errors.push(tooLong(field, EDIT_LIMITS[field]));
      // a problem statement kept in versions changes only by a new version (and its agreement)
      if (field === 'problemStatement' && (await findLatestProblemStatementVersion(tx, current.id)))
        errors.push({
          field,
          text: `${found.reference}'s problem statement is kept in versions: write a new version of it instead.`,
        });
      before[field] = current[field];
      after[field] = patch[field] = value;
    }

    const impactWrites: { committeeId: number; text: string | null }[] = [];
    const impactsBefore: Record<string, string | null> = {};
    const impactsAfter: Record<string, string | null> = {};
    const given = Object.entries(input.impacts ?? {});
    if (given.length > 0) {
      const committees = new Map((await listCommitteesForImpacts(tx, rules.id)).map((c) => [c.ref, c]));
      const stored = await listImpactsByCommittee(tx, current.id);
      for (const [ref, text] of given) {
        const committee = committees.get(ref);
        if (!committee) {
          errors.push({
            field: 'impact',
            committee: ref,
            text: `There is no committee ${ref} in the ${rules.id} register.`,
          });
          continue;
        }
        const was = stored.get(committee.id) ?? null;
        const value = normaliseText(text);
        if (value === normaliseText(was)) continue;
        if ((value?.length ?? 0) > EDIT_LIMITS.impact)
          errors.push(tooLong('impact', EDIT_LIMITS.impact, committee.ref));
        impactsBefore[committee.ref] = was;
        impactsAfter[committee.ref] = value;
        impactWrites.push({ committeeId: committee.id, text: value });
      }
    }
    if (errors.length > 0) throw new ProposalEditInputError(errors);
    if (impactWrites.length > 0) {
      before.impacts = impactsBefore;
      after.impacts = impactsAfter;
    }
    const changed = Object.keys(after);
    if (changed.length === 0) return { reference: current.reference, changed };

    await updateProposalText(tx, current.id, patch);
    for (const write of impactWrites) {
      if (write.text === null) await deleteProposalImpact(tx, current.id, write.committeeId);
      else
        await upsertProposalImpact(tx, {
          proposalId: current.id,
          committeeId: write.committeeId,
          text: write.text,
        });
    }
    await appendChainedAuditEvents(tx, [
      {
        actor: `user:${input.user.id}`,
        action: 'proposal.edited',
        subjectType: 'proposal',
        subjectId: String(current.id),
        before,
        after,
      },
    ]);
    return { reference: current.reference, changed };
  });
}

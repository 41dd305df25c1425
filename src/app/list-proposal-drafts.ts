// The user's own drafts, the last changed first: those still being written (to resume or delete) and those
// raised (with the proposal each became). No one sees anyone else's drafts.
import type { Db } from '../db/connect.ts';
import { listDraftsOfUser } from '../db/drafts.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { draftFieldsOf } from './proposal-draft.models.ts';

export interface ProposalDraftItem {
  id: number;
  /** As typed; '' when the draft has no title yet. */
  title: string;
  createdAt: Date;
  updatedAt: Date;
  /** The proposal it became, under its reference now; null until raised. */
  raised: { reference: string } | null;
}

export async function listProposalDrafts(
  deps: { db: Db; rules: RulesPack },
  input: { userId: number },
): Promise<{ writing: ProposalDraftItem[]; raised: ProposalDraftItem[] }> {
  const rows = await listDraftsOfUser(deps.db, deps.rules.id, input.userId);
  const items = rows.map((row) => ({
    id: row.id,
    title: draftFieldsOf(row.fields).title.trim(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    raised: row.raised ? { reference: row.raised.reference } : null,
  }));
  return { writing: items.filter((d) => !d.raised), raised: items.filter((d) => d.raised) };
}

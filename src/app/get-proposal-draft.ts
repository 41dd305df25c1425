// One of the user's saved drafts, to resume it (its fields as they were left) or, once raised, to acknowledge
// it (the proposal it became). Someone else's draft is not found: null, as for a draft that does not exist.
import type { Db } from '../db/connect.ts';
import { findChangeTeamEmail, findDraftOfUser } from '../db/drafts.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { draftFieldsOf, type DraftFields } from './proposal-draft.models.ts';

export interface ProposalDraft {
  id: number;
  fields: DraftFields;
  createdAt: Date;
  updatedAt: Date;
  /** The proposal it became, under its reference now, with the code's Change Team address; null until raised. */
  raised: { reference: string; title: string; raised: string; changeTeamEmail: string | null } | null;
}

export async function getProposalDraft(
  deps: { db: Db; rules: RulesPack },
  input: { userId: number; draftId: number },
): Promise<ProposalDraft | null> {
  const { db, rules } = deps;
  const row = await findDraftOfUser(db, rules.id, input.userId, input.draftId);
  if (!row) return null;
  return {
    id: row.id,
    fields: draftFieldsOf(row.fields),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    raised: row.raised ? { ...row.raised, changeTeamEmail: await findChangeTeamEmail(db, rules.id) } : null,
  };
}

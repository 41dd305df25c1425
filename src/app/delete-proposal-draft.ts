// Deleting one of the user's drafts. Only a draft not yet raised: a raised one is the record of what was
// submitted, and stays. Someone else's draft is not found, as for one that does not exist.
import type { Db } from '../db/connect.ts';
import { deleteDraft, lockDraftOfUser } from '../db/drafts.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { DraftAlreadyRaisedError, DraftNotFoundError } from './proposal-draft.models.ts';

export async function deleteProposalDraft(
  deps: { db: Db; rules: RulesPack },
  input: { userId: number; draftId: number },
): Promise<void> {
  const { db, rules } = deps;
  await db.transaction(async (tx) => {
    const found = await lockDraftOfUser(tx, rules.id, input.userId, { id: input.draftId });
    if (!found) throw new DraftNotFoundError();
    if (found.raisedProposalId !== null) throw new DraftAlreadyRaisedError(found.id, null);
    await deleteDraft(tx, found.id);
  });
}

// Saving a Draft Proposal to finish later: the form's fields are kept as typed, even incomplete, for the user who
// wrote them, who must be one who may raise it (a party user of an organisation the code's rule allows). Only the
// length of each field is checked here; what a submission needs is checked when it is submitted.
//
// A new draft may be saved with the key of the form it came from: saving (or submitting) from the same form again,
// after going back in the browser, finds that draft instead of making a second one.
import type { Db } from '../db/connect.ts';
import { insertDraft, lockDraftOfUser, updateDraftFields } from '../db/drafts.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { getEligibleRaiserOrThrow, type RaisingUser } from './get-raise-eligibility.ts';
import {
  DraftAlreadyRaisedError,
  DraftInputError,
  DraftNotFoundError,
  checkDraftLengths,
  type DraftFields,
} from './proposal-draft.models.ts';

export interface SaveProposalDraftInput {
  user: RaisingUser;
  /** The draft to change; null for a new one. */
  draftId: number | null;
  /** The key of the form a new draft comes from (see above). */
  formKey?: string | undefined;
  fields: DraftFields;
}

export async function saveProposalDraft(
  deps: { db: Db; rules: RulesPack; now: () => Date },
  input: SaveProposalDraftInput,
): Promise<{ draftId: number }> {
  const { db, rules, now } = deps;
  await getEligibleRaiserOrThrow({ db, rules }, input.user);
  const errors = checkDraftLengths(input.fields);
  if (errors.length) throw new DraftInputError(errors);

  return db.transaction(async (tx) => {
    const userId = input.user.id;
    const found =
      input.draftId !== null
        ? await lockDraftOfUser(tx, rules.id, userId, { id: input.draftId })
        : input.formKey
          ? await lockDraftOfUser(tx, rules.id, userId, { formKey: input.formKey })
          : null;
    if (input.draftId !== null && !found) throw new DraftNotFoundError();
    if (found?.raisedProposalId != null) throw new DraftAlreadyRaisedError(found.id, null);
    const at = now();
    if (found) {
      const formKey = found.fields.formKey;
      await updateDraftFields(tx, found.id, { ...input.fields, ...(formKey ? { formKey } : {}) }, at);
      return { draftId: found.id };
    }
    const fields = { ...input.fields, ...(input.formKey ? { formKey: input.formKey } : {}) };
    return { draftId: await insertDraft(tx, { codeId: rules.id, userId, fields, at }) };
  });
}

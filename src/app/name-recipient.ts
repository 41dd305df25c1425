// Naming (or un-naming) a recipient of a proposal or a paper: the only readers of a Red item, and readers of
// any item they are named on (the Panel Information Policy). One transaction with its audit record, which
// holds the recipients before and after.
import { findUserByEmail } from '../db/accounts.repository.ts';
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import {
  deleteRecipient,
  findRecipientSubject,
  insertRecipient,
  listRecipients,
} from '../db/recipients.repository.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { normaliseEmail } from './add-user.ts';

export class RecipientInputError extends Error {
  readonly status = 400;
  override name = 'RecipientInputError';
  constructor(
    readonly code: 'recipient.unknown_subject' | 'recipient.unknown_user' | 'recipient.bad_email',
    message: string,
  ) {
    super(message);
  }
}

export interface NameRecipientInput {
  /** A proposal's reference (DP090, MP090) or a paper's (OPSG_26_0511_16). */
  reference: string;
  email: string;
  /** true names them; false stops naming them. */
  named: boolean;
  /** Who did it, for the audit log. */
  actor: string;
}

export async function nameRecipient(
  deps: { db: Db; rules: RulesPack },
  input: NameRecipientInput,
): Promise<{ subject: string; recipients: string[]; changed: boolean }> {
  const email = normaliseEmail(input.email);
  if (!email)
    throw new RecipientInputError('recipient.bad_email', `email: "${input.email}" is not an e-mail address.`);
  return deps.db.transaction(async (tx) => {
    const subject = await findRecipientSubject(
      tx,
      deps.rules.id,
      referencesFor(deps.rules, input.reference.trim()),
    );
    if (!subject)
      throw new RecipientInputError(
        'recipient.unknown_subject',
        `reference: there is no proposal or paper ${input.reference} in the register.`,
      );
    const user = await findUserByEmail(tx, email);
    if (!user) throw new RecipientInputError('recipient.unknown_user', `email: there is no user ${email}.`);
    const before = (await listRecipients(tx, subject)).map((r) => r.email);
    const changed = input.named
      ? await insertRecipient(tx, subject, user.id)
      : await deleteRecipient(tx, subject, user.id);
    const after = (await listRecipients(tx, subject)).map((r) => r.email);
    if (changed)
      await appendChainedAuditEvents(tx, [
        {
          actor: input.actor,
          action: input.named ? `${subject.kind}.recipient_named` : `${subject.kind}.recipient_unnamed`,
          subjectType: subject.kind,
          subjectId: String(subject.id),
          before: { reference: subject.reference, recipients: before },
          after: { reference: subject.reference, recipients: after },
        },
      ]);
    return { subject: subject.reference, recipients: after, changed };
  });
}

/** A proposal's references (DP090 and MP090 are one), else the paper reference as given. */
function referencesFor(rules: RulesPack, reference: string): string[] {
  const candidates = candidateReferences(rules.register, reference);
  return candidates.length ? candidates : [reference];
}

// Submitting a Draft Proposal written on the web: the fields are checked (title, summary and problem statement
// required; the kind one the proposer may ask for; the reason their rule needs), the draft is stored as submitted
// and raised through raiseProposal's own logic in the same transaction (which checks the code's rule again and
// writes the audit record naming the user), and the draft is marked raised. A draft that was raised already is
// not raised again: the answer names the proposal it became, and nothing is written or sent.
// After the transaction, the proposer is sent an acknowledgement by e-mail; a failure to send does not undo the
// proposal (the answer says it was not sent).
import type { Db } from '../db/connect.ts';
import {
  findChangeTeamEmail,
  findDraftOfUser,
  insertDraft,
  lockDraftOfUser,
  markDraftRaised,
  updateDraftFields,
} from '../db/drafts.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  getEligibleRaiserOrThrow,
  type RaiseEligibility,
  type RaisingUser,
} from './get-raise-eligibility.ts';
import {
  DraftInputError,
  DraftNotFoundError,
  checkDraftForSubmission,
  type DraftFields,
} from './proposal-draft.models.ts';
import { NotEligibleError, raiseProposalInTransaction } from './raise-proposal.ts';

export interface SubmitProposalDraftInput {
  user: RaisingUser & { email: string; name: string };
  /** The saved draft submitted; null for a form submitted without saving first. */
  draftId: number | null;
  /** The key of the form a new draft comes from, so submitting the same form twice raises once. */
  formKey?: string | undefined;
  fields: DraftFields;
  /** The site's address, for the link in the e-mail: https://modgov.example */
  baseUrl: string;
}

export interface SubmittedDraft {
  draftId: number;
  reference: string;
  title: string;
  /** The date it was raised, YYYY-MM-DD. */
  raised: string;
  /** True when the draft had been raised before: nothing new was raised, stored or sent. */
  alreadyRaised: boolean;
  /** Whether the acknowledgement e-mail went out (false when already raised, or when sending failed). */
  mailed: boolean;
  /** Why it did not, when sending failed (for the log). */
  mailError: string | null;
}

export async function submitProposalDraft(
  deps: { db: Db; rules: RulesPack; mailer: Mailer; today: () => string; now: () => Date },
  input: SubmitProposalDraftInput,
): Promise<SubmittedDraft> {
  const { db, rules } = deps;
  const { user } = input;
  const eligibility = await getEligibleRaiserOrThrow({ db, rules }, user);

  const outcome = await db.transaction(async (tx) => {
    const found =
      input.draftId !== null
        ? await lockDraftOfUser(tx, rules.id, user.id, { id: input.draftId })
        : input.formKey
          ? await lockDraftOfUser(tx, rules.id, user.id, { formKey: input.formKey })
          : null;
    if (input.draftId !== null && !found) throw new DraftNotFoundError();
    if (found?.raisedProposalId != null) return { draftId: found.id, alreadyRaised: true } as const;

    const errors = checkDraftForSubmission(input.fields, eligibility);
    if (errors.length) throw new DraftInputError(errors);
    const kind = eligibility.kinds.find((k) => k.kind === input.fields.kind)?.kind ?? 'normal';

    const at = deps.now();
    const formKey = found ? found.fields.formKey : input.formKey;
    const fields = { ...input.fields, ...(formKey ? { formKey } : {}) };
    let draftId: number;
    if (found) {
      draftId = found.id;
      await updateDraftFields(tx, draftId, fields, at);
    } else draftId = await insertDraft(tx, { codeId: rules.id, userId: user.id, fields, at });

    const raised = await raiseProposalInTransaction(tx, rules, {
      proposer: eligibility.proposer.slug,
      title: input.fields.title,
      summary: input.fields.summary.trim(),
      problemStatement: input.fields.problemStatement.trim(),
      kind,
      ...reasonOf(eligibility, input.fields),
      raised: deps.today(),
      actor: 'proposer',
      userId: user.id,
    }).catch((error: unknown) => {
      // the reason given is not one the rule accepts: say so at the field that asked for it
      const asked = eligibility.conditions[0];
      if (error instanceof NotEligibleError && asked)
        throw new DraftInputError([
          { field: asked.kind === 'reason_code' ? 'reasonCode' : 'reasonText', text: error.message },
        ]);
      throw error;
    });
    await markDraftRaised(tx, draftId, raised.id, at);
    return { draftId, alreadyRaised: false, raised } as const;
  });

  const draft = await findDraftOfUser(db, rules.id, user.id, outcome.draftId);
  if (!draft?.raised) throw new Error('internal: the raised draft was not found');
  const submitted = {
    draftId: outcome.draftId,
    reference: draft.raised.reference,
    title: draft.raised.title,
    raised: draft.raised.raised,
    alreadyRaised: outcome.alreadyRaised,
  };
  if (outcome.alreadyRaised) return { ...submitted, mailed: false, mailError: null };

  try {
    await deps.mailer.send({
      to: user.email,
      subject: `Draft Proposal ${submitted.reference} raised: ${submitted.title}`,
      text: acknowledgementText(rules, {
        ...submitted,
        user,
        eligibility,
        rule: outcome.raised.rule,
        changeTeamEmail: await findChangeTeamEmail(db, rules.id),
        url: `${input.baseUrl.replace(/\/+$/, '')}/proposals/${encodeURIComponent(submitted.reference)}`,
      }),
    });
    return { ...submitted, mailed: true, mailError: null };
  } catch (error) {
    return { ...submitted, mailed: false, mailError: error instanceof Error ? error.message : String(error) };
  }
}

/** The reason the proposer's rule needs, from the fields that asked for it. */
function reasonOf(eligibility: RaiseEligibility, fields: DraftFields) {
  if (eligibility.conditions.length === 0) return {};
  const code = fields.reasonCode.trim();
  const text = fields.reasonText.trim();
  return { reason: { ...(code ? { code } : {}), ...(text ? { text } : {}) } };
}

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

/** The acknowledgement: what was raised, by whom, and what happens next. */
function acknowledgementText(
  rules: RulesPack,
  facts: {
    reference: string;
    title: string;
    raised: string;
    rule: string;
    user: { name: string };
    eligibility: RaiseEligibility;
    changeTeamEmail: string | null;
    url: string;
  },
): string {
  const { proposer } = facts.eligibility;
  const stage = rules.lifecycle.stages.find((s) => s.slug === rules.lifecycle.initialStage);
  return [
    `Dear ${facts.user.name},`,
    '',
    `Your Draft Proposal has been raised as ${facts.reference}.`,
    '',
    `Reference: ${facts.reference}`,
    `Title: ${facts.title}`,
    `Proposer: ${proposer.name}, ${proposer.organisation.name}`,
    `Raised: ${longDate(facts.raised)}, under ${rules.eligibility.code} ${facts.rule}`,
    '',
    'What happens next',
    `- The ${rules.id} Change Team will contact you about it${facts.changeTeamEmail ? ` (${facts.changeTeamEmail})` : ''}.`,
    ...(stage ? [`- ${stage.label}: ${stage.description}`] : []),
    '- A Lead Analyst develops the problem statement with you before the committees are asked to agree it.',
    '',
    `See it, with its timetable, at ${facts.url}`,
    '',
    `You are sent this because you raised ${facts.reference} on modgov.`,
    '',
  ].join('\n');
}

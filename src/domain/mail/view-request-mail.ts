// The words of the e-mails of views by e-mail: the request a committee member is sent (the proposals they are
// asked about, each with its page and the web form, and how to reply), and the answer to their reply (what was
// recorded, or why nothing was, and how to put it right). Plain text; pure.
import { formatLongDate } from '../papers/paper-text.ts';

export interface MailProposal {
  reference: string;
  title: string;
  stageLabel: string;
}

export interface ViewRequestMailInput {
  member: { name: string };
  committee: { ref: string; name: string };
  paper: { reference: string; title: string; item: number | null };
  meeting: { number: number; date: string } | null;
  proposals: readonly MailProposal[];
  /** The site's address, no trailing slash: https://modgov.example */
  baseUrl: string;
  /** YYYY-MM-DD: the last day a reply is taken. */
  expiresOn: string;
}

export const proposalUrl = (baseUrl: string, reference: string) =>
  `${baseUrl}/proposals/${encodeURIComponent(reference)}`;

const viewFormUrl = (baseUrl: string, reference: string) => `${proposalUrl(baseUrl, reference)}/views/new`;

export function composeViewRequestMail(input: ViewRequestMailInput): { subject: string; text: string } {
  const { member, committee, paper, meeting, proposals, baseUrl } = input;
  const first = proposals[0]?.reference ?? 'DP090';
  const second = proposals[1]?.reference;
  const at = meeting
    ? ` for meeting ${meeting.number} on ${formatLongDate(meeting.date)}${paper.item === null ? '' : ` (agenda item ${paper.item})`}`
    : '';
  const lines = [
    `Hello ${member.name},`,
    '',
    `The ${committee.name} (${committee.ref}) is asked for its views on the ${
      proposals.length === 1 ? 'proposal' : `${proposals.length} proposals`
    } of paper ${paper.reference}, "${paper.title}"${at}. As a member of the ${committee.ref}, you can send yours by replying to this e-mail.`,
    '',
  ];
  for (const p of proposals)
    lines.push(
      `${p.reference}: ${p.title}`,
      `  Stage: ${p.stageLabel}`,
      `  The proposal: ${proposalUrl(baseUrl, p.reference)}`,
      `  Your views on the web: ${viewFormUrl(baseUrl, p.reference)}`,
      '',
    );
  lines.push(
    'How to reply',
    '',
    `Reply to this e-mail; start the views on each proposal with its reference on a line of its own, e.g. \`${first}:\`. For example:`,
    '',
    `${first}:`,
    `Your views on ${first}.`,
    ...(second ? ['', `${second}:`, `Your views on ${second}.`] : []),
    '',
    proposals.length === 1
      ? `Text above any reference goes to the only proposal when there is just one: here, ${first}, so you can simply write your views.`
      : 'Text above any reference goes to the only proposal when there is just one; this e-mail asks about more than one, so start with a reference.',
    '',
    `Each is recorded as your view for the ${committee.ref}, dated the day it arrives and classified as its proposal. Write above the quoted message: quoted text and your signature are left out. You will get an e-mail saying what was recorded. Reply from this address; the reply address is yours alone, so please do not forward this e-mail. Replies are taken until ${formatLongDate(input.expiresOn)}.`,
  );
  return {
    subject: `Views requested: ${paper.reference} ${paper.title}`,
    text: `${lines.join('\n')}\n`,
  };
}

export interface ReceiptMailInput {
  member: { name: string };
  committee: { ref: string };
  paper: { reference: string };
  /** The subject of the reply being answered. */
  subject: string | null;
  /** The site's address; null: the proposals are named without links. */
  baseUrl: string | null;
}

const replySubject = (subject: string | null, fallback: string) => {
  const s = (subject ?? '').trim();
  if (!s) return `Re: ${fallback}`;
  return /^re:/i.test(s) ? s : `Re: ${s}`;
};

/** The answer to a reply whose views were recorded. */
export function composeRecordedMail(
  input: ReceiptMailInput & { recorded: readonly { reference: string; givenOn: string }[] },
): { subject: string; text: string } {
  const refs = input.recorded.map((r) => r.reference);
  const lines = [
    `Hello ${input.member.name},`,
    '',
    `Your views on ${refs.join(', ')} were recorded, for the ${input.committee.ref}, in answer to ${input.paper.reference}:`,
    '',
    ...input.recorded.map(
      (r) =>
        `${r.reference}, on ${formatLongDate(r.givenOn)}${
          input.baseUrl === null ? '' : `: ${proposalUrl(input.baseUrl, r.reference)}/views`
        }`,
    ),
    '',
    'To add to them, reply again to the request, or use the form on each proposal’s page.',
  ];
  return {
    subject: replySubject(input.subject, `Views requested: ${input.paper.reference}`),
    text: `${lines.join('\n')}\n`,
  };
}

/** A problem with its reference in front, unless it already names it first. */
export function describeProblem(problem: { reference: string | null; message: string }): string {
  const { reference, message } = problem;
  return reference && !message.startsWith(reference) ? `${reference}: ${message}` : message;
}

/** The answer to a reply of which nothing was recorded: each reason, and how to put it right. */
export function composeRefusedMail(
  input: ReceiptMailInput & {
    reasons: readonly { reference: string | null; message: string }[];
    /** The proposals the request asked about, for the example. */
    covered: readonly string[];
    /** How to put it right, when not by replying again (an expired request, a seat given up). */
    fix?: string | undefined;
  },
): { subject: string; text: string } {
  const first = input.covered[0] ?? 'DP090';
  const lines = [
    `Hello ${input.member.name},`,
    '',
    'Nothing was recorded:',
    '',
    ...input.reasons.map((r) => `- ${describeProblem(r)}`),
    '',
    `How to fix it: ${
      input.fix ??
      `reply to the request again, with the views on each proposal under its reference on a line of its own, such as \`${first}:\` (this request asked about ${input.covered.join(', ') || 'no proposal'}), and write above the quoted message. Or use the form on each proposal’s page${
        input.baseUrl === null ? '.' : `: ${proposalUrl(input.baseUrl, first)}/views/new`
      }`
    }`,
  ];
  return {
    subject: replySubject(input.subject, `Views requested: ${input.paper.reference}`),
    text: `${lines.join('\n')}\n`,
  };
}

// A committee member's reply to a request for views (request-views.ts), delivered by the mail system (a Postfix
// alias piping to `modgov mail receive`), records their views (issue 7).
//
// The message is parsed (mailparser). An automatic message (Auto-Submitted other than "no"; Precedence bulk,
// junk, list or auto_reply; a bounce or a report) is ignored and never answered: answering is how mail loops
// start. Otherwise the token is the sub-address of the first reply address the message was sent to (To, Cc,
// Delivered-To, X-Original-To), and the request is found by its SHA-256. Refused, storing nothing:
// - a message to no reply address, or an unknown token (the mail system's "no such user");
// - a From that is not the e-mail address of the request's member (case aside), or a member whose account is
//   now disabled: not answered (the reply would go to someone who did not ask for it);
// - a request revoked or past its last day; a member who no longer sits on the committee; a reply with nothing
//   of its own, text above the references when the request covers more than one proposal, a reference it does
//   not cover, an empty section (src/domain/mail/reply-text.ts): answered, each reason named, with how to fix it.
// Each section is recorded as the member's view through the one member path (submitView with source 'email':
// author the member, dated today, classified as its proposal, for the request's committee, answering its paper,
// meeting and agenda item), all in one transaction with their audit records (`view.submitted`): a section
// refused there (a proposal now hidden from them, a text too long) refuses them all. The member is answered at
// their own address: what was recorded, with links, or why nothing was. A message whose Message-ID already
// recorded views (the mail system delivered it twice) is ignored: the views are taken once, and not answered again.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Db } from '../db/connect.ts';
import {
  findViewRequestByTokenHash,
  isReplyReceived,
  listProposalsAmong,
  markReplyReceived,
} from '../db/view-requests.repository.ts';
import { COMMITTEE_ROLES } from '../domain/access/roles.ts';
import { viewerOf } from '../domain/access/visibility.ts';
import { formatLongDate } from '../domain/papers/paper-text.ts';
import { automaticReason } from '../domain/mail/automatic-mail.ts';
import { findReplyToken, parseReplyAddressBase } from '../domain/mail/reply-address.ts';
import { splitReply, type ReplyProblem } from '../domain/mail/reply-text.ts';
import {
  composeRecordedMail,
  composeRefusedMail,
  describeProblem,
} from '../domain/mail/view-request-mail.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { Mailer } from '../mail/mailer.ts';
import { loadRoleGrants } from './get-session.ts';
import { hashToken } from './sign-in.ts';
import { submitView, type SubmittedView } from './submit-view.ts';
import { ViewInputError } from './view-input.ts';

export interface ReceiveViewEmailInput {
  /** The message as the mail system delivered it (RFC 5322). */
  raw: Buffer | string;
  /** MODGOV_VIEWS_REPLY_TO: the address replies go to, before its token. */
  replyTo: string | undefined;
  /** The site's address, for the links in the answer; null: the answer names the proposals without links. */
  baseUrl: string | null;
}

export type ReceivedViewEmail =
  | {
      outcome: 'recorded';
      member: string;
      committee: string;
      views: SubmittedView[];
      /** Whether the member was answered; the views stay recorded when the answer cannot be sent. */
      answered: boolean;
    }
  | { outcome: 'ignored'; reason: string }
  | {
      outcome: 'refused';
      /**
       * not_configured: MODGOV_VIEWS_REPLY_TO is not set (the mail system should hold the message);
       * unknown_recipient: no reply address, or an unknown token; invalid: anything else.
       */
      kind: 'not_configured' | 'unknown_recipient' | 'invalid';
      /** One line. */
      reason: string;
      answered: boolean;
    };

/** Another delivery of the same message recorded its views first: rolls the transaction back. */
class AlreadyReceived extends Error {}

/** A section refused while recording: rolls the transaction back. */
class SectionsRefused extends Error {
  constructor(readonly problems: ReplyProblem[]) {
    super('sections refused');
  }
}

const addressesOf = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((o) =>
    o.value.flatMap((a) => [
      ...(a.address ? [a.address] : []),
      ...(a.group ?? []).flatMap((g) => (g.address ? [g.address] : [])),
    ]),
  );

/** The addresses in the raw lines of a header (Delivered-To, X-Original-To), each line after its name. */
const addressesInHeader = (mail: ParsedMail, key: string): string[] =>
  mail.headerLines
    .filter((h) => h.key === key)
    .flatMap((h) => h.line.slice(h.line.indexOf(':') + 1).match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []);

const headerText = (mail: ParsedMail, key: string): string | undefined => {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).trim();
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export async function receiveViewEmail(
  deps: { db: Db; rules: RulesPack; mailer: Mailer; today: () => string },
  input: ReceiveViewEmailInput,
): Promise<ReceivedViewEmail> {
  const { db, rules, mailer } = deps;
  const address = parseReplyAddressBase(input.replyTo);
  if (!address.ok)
    return { outcome: 'refused', kind: 'not_configured', reason: oneLine(address.reason), answered: false };

  const mail = await simpleParser(input.raw, {
    skipImageLinks: true,
    skipTextLinks: true,
    skipTextToHtml: true,
  });
  const from = addressesOf(mail.from);
  const automatic = automaticReason({
    autoSubmitted: headerText(mail, 'auto-submitted'),
    precedence: headerText(mail, 'precedence'),
    contentType: headerText(mail, 'content-type'),
    returnPath: headerText(mail, 'return-path'),
    from: from[0],
    xAutoreply: headerText(mail, 'x-autoreply'),
    xAutorespond: headerText(mail, 'x-autorespond'),
    xFailedRecipients: headerText(mail, 'x-failed-recipients'),
  });
  if (automatic) return { outcome: 'ignored', reason: `Not answered: ${automatic}.` };

  const refuse = (
    kind: 'unknown_recipient' | 'invalid',
    reason: string,
  ): Extract<ReceivedViewEmail, { outcome: 'refused' }> => ({
    outcome: 'refused',
    kind,
    reason: oneLine(reason),
    answered: false,
  });
  const example = `${address.base.local}+<token>@${address.base.domain}`;
  const token = findReplyToken(address.base, [
    ...addressesOf(mail.to),
    ...addressesOf(mail.cc),
    ...addressesInHeader(mail, 'delivered-to'),
    ...addressesInHeader(mail, 'x-original-to'),
  ]);
  if (!token)
    return refuse(
      'unknown_recipient',
      `The message is not addressed to a reply address for views (${example}), so it answers no request.`,
    );
  const request = await findViewRequestByTokenHash(db, hashToken(token));
  if (!request)
    return refuse(
      'unknown_recipient',
      `The reply address ${address.base.local}+${token.slice(0, 6)}...@${address.base.domain} belongs to no request for views (an unknown token).`,
    );
  const { user, committee, paper } = request;
  if (from.length !== 1 || from[0]?.toLowerCase() !== user.email.toLowerCase())
    return refuse(
      'invalid',
      `The message is from ${from.join(', ') || 'no address'}, not from the member this request for views was sent to: only their own replies are taken.`,
    );
  if (user.disabledAt)
    return refuse('invalid', `The account of ${user.name} is disabled, so their views are not taken.`);

  const messageId = mail.messageId?.trim() || null;
  const alreadyReceived = (): ReceivedViewEmail => ({
    outcome: 'ignored',
    reason: `Already received: message ${messageId ?? ''} recorded its views before.`,
  });
  if (messageId && (await isReplyReceived(db, messageId))) return alreadyReceived();

  // from here on the sender is the member, as far as e-mail tells: they are answered
  const subject = mail.subject ?? null;
  const answer = async (message: { subject: string; text: string }): Promise<boolean> => {
    try {
      await mailer.send({
        to: user.email,
        subject: message.subject,
        text: message.text,
        inReplyTo: mail.messageId,
        autoSubmitted: 'auto-replied',
      });
      return true;
    } catch {
      return false; // what was recorded stays recorded; the caller says the answer was not sent
    }
  };
  const base = {
    member: user,
    committee,
    paper,
    subject,
    baseUrl: input.baseUrl?.replace(/\/+$/, '') ?? null,
  };
  const refuseAndAnswer = async (problems: ReplyProblem[], covered: string[], fix?: string) => {
    const answered = await answer(composeRefusedMail({ ...base, reasons: problems, covered, fix }));
    const reason = problems.map(describeProblem).join('; ');
    return { ...refuse('invalid', reason), answered };
  };

  const today = deps.today();
  if (request.revokedAt)
    return refuseAndAnswer(
      [{ reference: null, message: `This request for views on ${paper.reference} was withdrawn.` }],
      [],
      'use the form on each proposal’s page, or ask the secretariat for a new request.',
    );
  if (today > request.expiresOn)
    return refuseAndAnswer(
      [
        {
          reference: null,
          message: `This request for views on ${paper.reference} took replies until ${formatLongDate(request.expiresOn)}.`,
        },
      ],
      [],
      'use the form on each proposal’s page, or ask the secretariat for a new request.',
    );
  const roles = await loadRoleGrants(db, user.id);
  const seated = roles.some(
    (r) =>
      (COMMITTEE_ROLES as readonly string[]).includes(r.role) &&
      'committee' in r &&
      r.committee === committee.ref,
  );
  if (!seated)
    return refuseAndAnswer(
      [
        {
          reference: null,
          message: `You no longer sit on the ${committee.name} (${committee.ref}), so you cannot send its views.`,
        },
      ],
      [],
      `if you should, ask the secretariat to give you your seat on the ${committee.ref} again.`,
    );

  const actor = { ...user, roles };
  const covered = (await listProposalsAmong(db, rules.id, request.proposalIds, viewerOf(actor))).map(
    (p) => p.reference,
  );
  const split = splitReply(rules, covered, mail.text ?? '');
  if (!split.ok) return refuseAndAnswer(split.problems, covered);

  let views: SubmittedView[];
  try {
    views = await db.transaction(async (tx) => {
      if (messageId && !(await markReplyReceived(tx, messageId, request.id))) throw new AlreadyReceived();
      const recorded: SubmittedView[] = [];
      const problems: ReplyProblem[] = [];
      for (const section of split.sections) {
        try {
          recorded.push(
            await submitView(
              { db: tx, rules, today: () => today },
              {
                user: actor,
                reference: section.reference,
                committee: committee.ref,
                text: section.text,
                source: 'email',
                answers: { paperId: paper.id, meetingId: request.meeting?.id ?? null, item: paper.item },
              },
            ),
          );
        } catch (error) {
          if (!isRefusal(error)) throw error;
          const message =
            error instanceof ViewInputError
              ? error.problems.map((p) => p.message).join(' ')
              : error.message.replace(/^reference: /, '');
          problems.push({ reference: section.reference, message });
        }
      }
      if (problems.length > 0) throw new SectionsRefused(problems);
      return recorded;
    });
  } catch (error) {
    if (error instanceof SectionsRefused) return refuseAndAnswer(error.problems, covered);
    if (error instanceof AlreadyReceived) return alreadyReceived();
    throw error;
  }

  const answered = await answer(
    composeRecordedMail({
      ...base,
      recorded: views.map((v) => ({ reference: v.reference, givenOn: v.givenOn })),
    }),
  );
  return { outcome: 'recorded', member: user.name, committee: committee.ref, views, answered };
}

/** A use case's refusal: a stable code and a 4xx status (a view that cannot be, a proposal not found). */
function isRefusal(error: unknown): error is Error {
  const { code, status } = error as { code?: unknown; status?: unknown };
  return (
    error instanceof Error &&
    typeof code === 'string' &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
}

// Asking a committee's members for their views on a paper's proposals by e-mail (issue 7), as GitHub, Discourse
// and Redmine take replies by e-mail. For a monthly paper of a meeting (OPSG_26_0511_16 presents the new Draft
// and Modification Proposals to the Operations Group), each enabled user with a seat on the paper's committee
// (chair, member, alternate) who may see the paper gets one e-mail listing the proposals the paper presents that
// they may see (the paper's own rule, then the access policy for them), each with its reference, title, stage,
// page and web form, and how to reply. The Reply-To is theirs alone: the configured address
// (MODGOV_VIEWS_REPLY_TO, views@example.org) with a random token as its sub-address (views+<token>@example.org);
// only the token's SHA-256 is stored, in view_requests, with the member, the committee, the paper, the meeting,
// the proposals and the last day a reply is taken (60 days on). receive-view-email.ts takes the replies.
//
// Who: the administrator's staff (canCreatePapers), on the web; the command line (the administrator's own tool).
// Without MODGOV_VIEWS_REPLY_TO nothing is sent and the refusal names the setting. The requests and their audit
// record `views.requested` (subject: the paper; after: how many members, which proposals, each request's user
// id and proposals, never an address) are written in one transaction; the mail goes after it commits. Sending
// again makes new tokens; the old ones stay valid until they expire.
//
// planViewRequests is the same plan without sending: the staff page shows it before the button.
import { randomBytes } from 'node:crypto';
import { listCommitteeSeats } from '../db/committees.repository.ts';
import type { Db } from '../db/connect.ts';
import { listPaperRecipients, findPaperByReference, listProposalsForPaper } from '../db/papers.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { insertViewRequests, listProposalsAmong } from '../db/view-requests.repository.ts';
import { canCreatePapers } from '../domain/access/can.ts';
import { COMMITTEE_ROLES, describeRoleGrant, type CommitteeRole } from '../domain/access/roles.ts';
import { canSeePaper, viewerOf, type Viewer } from '../domain/access/visibility.ts';
import { formatIsoDate, parseIsoDate } from '../domain/calendar/iso-date.ts';
import { proposalsPaperPresents } from '../domain/mail/paper-proposals.ts';
import { parseReplyAddressBase, replyAddressFor } from '../domain/mail/reply-address.ts';
import { composeViewRequestMail } from '../domain/mail/view-request-mail.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { Mailer } from '../mail/mailer.ts';
import { PaperNotComposableError, PaperNotFoundError } from './compose-paper.ts';
import type { ActionUser } from './list-recordable-events.ts';
import { hashToken } from './sign-in.ts';
import { loadRoleGrants } from './get-session.ts';
import { ViewNotAllowedError } from './view-input.ts';

/** How long a request takes replies: the day it is sent and this many days after. */
export const VIEW_REQUEST_LIFETIME_DAYS = 60;

/** The only paper type whose proposals are known: the monthly paper. */
const SUMMARY_PAPER_TYPE = 'new_proposals_summary';

/** Mail is not configured for replies: MODGOV_VIEWS_REPLY_TO is unset or not an address. Nothing is sent. */
export class ViewRequestsNotConfiguredError extends Error {
  readonly code = 'view_requests.not_configured';
  readonly status = 409;
  readonly field = 'MODGOV_VIEWS_REPLY_TO';
  override name = 'ViewRequestsNotConfiguredError';
}

/** The paper presents no proposal, or no one who may see them sits on its committee. Nothing is sent. */
export class NothingToRequestError extends Error {
  readonly code = 'view_requests.nothing_to_ask';
  readonly status = 409;
  override name = 'NothingToRequestError';
}

export interface RequestedProposal {
  id: number;
  reference: string;
  title: string;
  stage: string;
  stageLabel: string;
  classification: string;
}

export interface PlannedMember {
  userId: number;
  name: string;
  /** For sending only: never shown on a page nor written to the audit log. */
  email: string;
  /** "Chair of OPSG" */
  roleLabel: string;
  organisation: string | null;
  proposals: RequestedProposal[];
}

export interface ViewRequestPlan {
  paper: {
    id: number;
    reference: string;
    title: string;
    date: string;
    classification: string;
    item: number | null;
    committee: { id: number; ref: string; name: string };
    meeting: { id: number; number: number; date: string };
    period: { from: string; to: string };
  };
  /** What the paper presents, in its order. */
  proposals: RequestedProposal[];
  /** Who will be asked, each about the proposals they may see. */
  members: PlannedMember[];
  /** Who sits on the committee but will not be asked, and why. */
  notAsked: { name: string; reason: string }[];
}

/** The plan for a paper, as `viewer` may see it ('whole-register': the command line). */
export async function planViewRequests(
  deps: { db: Db; rules: RulesPack },
  input: { paper: string; viewer: Viewer | 'whole-register' },
): Promise<ViewRequestPlan> {
  const { db, rules } = deps;
  const reference = input.paper.trim();
  const stored = reference ? await findPaperByReference(db, rules.id, reference) : null;
  const notFound = () => new PaperNotFoundError(`paper: there is no paper ${reference} in the register.`);
  if (!stored) throw notFound();
  const paperRecipients = (await listPaperRecipients(db, [stored.id])).get(stored.id) ?? [];
  const access = {
    classification: stored.classification,
    committeeRef: stored.committee?.ref ?? null,
    recipientUserIds: paperRecipients,
  };
  if (input.viewer !== 'whole-register' && !canSeePaper(input.viewer, access)) throw notFound();
  if (stored.type !== SUMMARY_PAPER_TYPE)
    throw new PaperNotComposableError(
      `paper: ${stored.reference} is a paper of type "${stored.type}"; only a monthly paper (${SUMMARY_PAPER_TYPE}) names the proposals to ask views on.`,
    );
  const { committee, meeting, coversFrom, coversTo } = stored;
  if (!committee || !meeting)
    throw new PaperNotComposableError(`paper: ${stored.reference} names no meeting, so no committee to ask.`);
  if (!coversFrom || !coversTo)
    throw new PaperNotComposableError(
      `paper: ${stored.reference} has no reporting period (covers from, to).`,
    );
  const period = { from: coversFrom, to: coversTo };

  const candidates = await listProposalsForPaper(db, { codeId: rules.id, committeeId: committee.id, period });
  const presented = proposalsPaperPresents(
    rules.register,
    { committee: committee.ref, classification: stored.classification, period },
    candidates,
  );
  const ids = presented.map((p) => p.id);
  const stageLabel = (slug: string) => rules.lifecycle.stages.find((s) => s.slug === slug)?.label ?? slug;
  const details = new Map(
    (await listProposalsAmong(db, rules.id, ids, null)).map((p) => [
      p.id,
      { ...p, stageLabel: stageLabel(p.stage) },
    ]),
  );
  const proposals = ids.flatMap((id) => details.get(id) ?? []);

  const seats = await listCommitteeSeats(db, rules.id, committee.ref, COMMITTEE_ROLES);
  const rank = (role: string) => COMMITTEE_ROLES.indexOf(role as CommitteeRole);
  const people = seats
    .filter((s) => rank(s.role) >= 0)
    .sort((a, b) => rank(a.role) - rank(b.role))
    .filter((s, i, all) => all.findIndex((o) => o.userId === s.userId) === i); // a user's highest seat
  const members: PlannedMember[] = [];
  const notAsked: ViewRequestPlan['notAsked'] = [];
  for (const seat of people) {
    const roles = await loadRoleGrants(db, seat.userId);
    const viewer = viewerOf({ id: seat.userId, organisationId: seat.organisationId, roles });
    if (!canSeePaper(viewer, access)) {
      notAsked.push({ name: seat.name, reason: 'may not see this paper' });
      continue;
    }
    const visible = new Set((await listProposalsAmong(db, rules.id, ids, viewer)).map((p) => p.id));
    const theirs = proposals.filter((p) => visible.has(p.id));
    if (theirs.length === 0) {
      notAsked.push({ name: seat.name, reason: 'may see none of its proposals' });
      continue;
    }
    members.push({
      userId: seat.userId,
      name: seat.name,
      email: seat.email,
      roleLabel: describeRoleGrant({ role: seat.role as CommitteeRole, committee: committee.ref }),
      organisation: seat.organisation,
      proposals: theirs,
    });
  }
  return {
    paper: {
      id: stored.id,
      reference: stored.reference,
      title: stored.title,
      date: stored.date,
      classification: stored.classification,
      item: stored.item,
      committee: { id: committee.id, ref: committee.ref, name: committee.name },
      meeting: { id: meeting.id, number: meeting.number, date: meeting.date },
      period,
    },
    proposals,
    members,
    notAsked,
  };
}

export interface RequestViewsInput {
  /** The paper: OPSG_26_0511_16. */
  paper: string;
  /** MODGOV_VIEWS_REPLY_TO: the address replies go to, before its token (views@example.org). */
  replyTo: string | undefined;
  /** The site's address, for the links: https://modgov.example */
  baseUrl: string;
  /** A member of staff (the web page), or the command line. */
  by: { user: ActionUser } | 'cli';
}

export interface RequestedViews {
  paper: string;
  committee: string;
  /** Each member asked, by name, with the references they were asked about. */
  sent: { name: string; proposals: string[] }[];
  /** A member whose e-mail could not be sent, and why (their request is stored, and simply never used). */
  failed: { name: string; reason: string }[];
  notAsked: { name: string; reason: string }[];
  /** YYYY-MM-DD: the last day replies are taken. */
  expiresOn: string;
}

/** A token: 16 random bytes as 32 lower-case hex digits (a mail system may lower-case the local part). */
export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

export async function requestViews(
  deps: { db: Db; rules: RulesPack; mailer: Mailer; today: () => string },
  input: RequestViewsInput,
): Promise<RequestedViews> {
  const { db, rules, mailer } = deps;
  if (input.by !== 'cli' && !canCreatePapers(input.by.user))
    throw new ViewNotAllowedError(
      'Only the code administrator’s staff (administrators and analysts) ask committees for their views.',
    );
  const address = parseReplyAddressBase(input.replyTo);
  if (!address.ok) throw new ViewRequestsNotConfiguredError(address.reason);
  const plan = await planViewRequests(
    { db, rules },
    { paper: input.paper, viewer: input.by === 'cli' ? 'whole-register' : viewerOf(input.by.user) },
  );
  const { paper } = plan;
  if (plan.proposals.length === 0)
    throw new NothingToRequestError(
      `paper: ${paper.reference} presents no proposals (none raised or converted from ${paper.period.from} to ${paper.period.to} that all its readers may see), so there is nothing to ask the ${paper.committee.ref} about.`,
    );
  if (plan.members.length === 0)
    throw new NothingToRequestError(
      `paper: no one who may see ${paper.reference}'s proposals sits on the ${paper.committee.name} (${paper.committee.ref}); give its members their seats first (modgov user add --role committee_member:${paper.committee.ref}).`,
    );

  const today = deps.today();
  const expiresOn = formatIsoDate(parseIsoDate(today) + VIEW_REQUEST_LIFETIME_DAYS);
  const requests = plan.members.map((member) => ({ member, token: newReplyToken() }));
  await db.transaction(async (tx) => {
    await insertViewRequests(
      tx,
      requests.map(({ member, token }) => ({
        tokenHash: hashToken(token),
        userId: member.userId,
        committeeId: paper.committee.id,
        paperId: paper.id,
        meetingId: paper.meeting.id,
        proposalIds: member.proposals.map((p) => p.id),
        expiresOn,
      })),
    );
    await appendAuditEvent(tx, {
      actor: input.by === 'cli' ? 'cli' : `user:${input.by.user.id}`,
      action: 'views.requested',
      subjectType: 'paper',
      subjectId: String(paper.id),
      before: null,
      after: {
        paper: paper.reference,
        committee: paper.committee.ref,
        meeting: paper.meeting.number,
        members: plan.members.length,
        proposals: plan.proposals.map((p) => p.reference),
        requests: plan.members.map((m) => ({
          user: m.userId,
          proposals: m.proposals.map((p) => p.reference),
        })),
        expiresOn,
      },
    });
  });

  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  const sent: RequestedViews['sent'] = [];
  const failed: RequestedViews['failed'] = [];
  for (const { member, token } of requests) {
    const mail = composeViewRequestMail({
      member,
      committee: paper.committee,
      paper,
      meeting: paper.meeting,
      proposals: member.proposals,
      baseUrl,
      expiresOn,
    });
    try {
      await mailer.send({
        to: member.email,
        subject: mail.subject,
        text: mail.text,
        replyTo: replyAddressFor(address.base, token),
        autoSubmitted: 'auto-generated',
      });
      sent.push({ name: member.name, proposals: member.proposals.map((p) => p.reference) });
    } catch (error) {
      failed.push({ name: member.name, reason: (error as Error).message });
    }
  }
  return {
    paper: paper.reference,
    committee: paper.committee.ref,
    sent,
    failed,
    notAsked: plan.notAsked,
    expiresOn,
  };
}

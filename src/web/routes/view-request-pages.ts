// Asking a committee's members for their views by e-mail (a reply records them: receive-view-email.ts).
//   GET  /papers/:ref/view-requests   who will be asked about which of the paper's proposals (names, never
//                                     addresses), who will not and why, and a "Send requests" button
//   POST /papers/:ref/view-requests   sends them through the one use case (requestViews), as the signed-in user
//                                     (the audit record names them), then 303 back: "Sent to N members"
// Who: the administrator's staff (canCreatePapers). The anonymous public is sent to sign in (303), on GET and
// POST alike; a signed-in user without the role is refused (403). A paper that is not in the register, or that
// they may not see, is not found (404), after those checks. The CSRF check (src/web/auth.ts) has already refused
// a POST without its token. Without MODGOV_VIEWS_REPLY_TO the page says so, offers no button, and a POST is
// refused (409) naming the setting, nothing stored or sent.
//
// The paper's page links here for staff only (meeting-pages.ts tells paper.njk whether the viewer is staff).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PaperNotComposableError, PaperNotFoundError } from '../../app/compose-paper.ts';
import {
  NothingToRequestError,
  planViewRequests,
  requestViews,
  ViewRequestsNotConfiguredError,
  VIEW_REQUEST_LIFETIME_DAYS,
  type ViewRequestPlan,
} from '../../app/request-views.ts';
import type { Db } from '../../db/connect.ts';
import { canCreatePapers } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import { parseReplyAddressBase } from '../../domain/mail/reply-address.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { csrfToken } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface ViewRequestPageDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  now: () => Date;
  pages: Pages;
  mailer: Mailer;
  /** The site's public address for the links (default MODGOV_PUBLIC_URL, else the request's own). */
  publicUrl?: string | undefined;
  /** The reply address before its token (default MODGOV_VIEWS_REPLY_TO, read on each request). */
  viewsReplyTo?: string | undefined;
}

/** `file`, not `ref`: Fastify keeps one name for a parameter at one place, and /papers/:file is the paper's page. */
type Params = { file: string };
type Query = { sent?: string; failed?: string };
const PATH = '/papers/:file/view-requests';
const pathOf = (reference: string) => `/papers/${encodeURIComponent(reference)}/view-requests`;

export function registerViewRequestRoutes(app: FastifyInstance, deps: ViewRequestPageDeps): void {
  const { db, rules, pages, mailer } = deps;
  const replyTo = () => deps.viewsReplyTo ?? process.env.MODGOV_VIEWS_REPLY_TO;

  /** Sends the refusal when this request may not use the page; null when it may. */
  function refusal(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
    if (!request.user) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    if (canCreatePapers(request.user)) return null;
    return reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(
        pages.render('error.njk', {
          status: 403,
          message:
            'Only the code administrator’s staff (administrators and analysts) ask committees for their views.',
        }),
      );
  }

  /** The plan; null when the answer is sent (404 for a paper not found, 409 for one that names no proposals). */
  async function planOrReply(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
  ): Promise<ViewRequestPlan | null> {
    try {
      return await planViewRequests(
        { db, rules },
        { paper: request.params.file, viewer: viewerOf(request.user ?? null) },
      );
    } catch (error) {
      if (error instanceof PaperNotFoundError) {
        reply.callNotFound();
        return null;
      }
      if (error instanceof PaperNotComposableError) {
        void reply
          .code(409)
          .type('text/html; charset=utf-8')
          .send(pages.render('error.njk', { status: 409, message: error.message.replace(/^paper: /, '') }));
        return null;
      }
      throw error;
    }
  }

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    plan: ViewRequestPlan,
    extra: Record<string, unknown> = {},
  ) {
    const address = parseReplyAddressBase(replyTo());
    const { paper } = plan;
    const html = pages.render('view-requests.njk', {
      paper,
      meetingPath: `/committees/${encodeURIComponent(paper.committee.ref)}/meetings/${paper.meeting.number}`,
      paperPath: `/papers/${encodeURIComponent(paper.reference)}`,
      action: pathOf(paper.reference),
      proposals: plan.proposals,
      members: plan.members.map((m) => ({
        name: m.name,
        roleLabel: m.roleLabel,
        organisation: m.organisation,
        proposals: m.proposals.map((p) => p.reference),
      })),
      notAsked: plan.notAsked,
      configured: address.ok,
      configuredProblem: address.ok ? null : address.reason,
      lifetimeDays: VIEW_REQUEST_LIFETIME_DAYS,
      canSend: address.ok && plan.members.length > 0 && plan.proposals.length > 0,
      csrfToken: csrfToken(request, reply),
      ...extra,
    });
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }

  app.get<{ Params: Params; Querystring: Query }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const plan = await planOrReply(request, reply);
    if (!plan) return reply;
    const count = (v: string | undefined) => (/^\d{1,4}$/.test(v ?? '') ? Number(v) : null);
    const sent = count(request.query.sent);
    const failed = count(request.query.failed);
    const sentText =
      sent === null
        ? null
        : `Sent to ${sent} ${sent === 1 ? 'member' : 'members'}${
            failed ? `; ${failed} could not be sent (see the server’s log)` : ''
          }`;
    return send(request, reply, 200, plan, { sentText });
  });

  app.post<{ Params: Params }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    const plan = await planOrReply(request, reply);
    if (!plan || !user) return reply;
    try {
      const result = await requestViews(
        { db, rules, mailer, today: deps.today },
        {
          paper: plan.paper.reference,
          replyTo: replyTo(),
          baseUrl:
            deps.publicUrl ?? (process.env.MODGOV_PUBLIC_URL || `${request.protocol}://${request.host}`),
          by: { user },
        },
      );
      for (const f of result.failed)
        request.log.error(
          { paper: result.paper, member: f.name, reason: f.reason },
          'request for views not sent',
        );
      const failed = result.failed.length ? `&failed=${result.failed.length}` : '';
      return reply.redirect(`${pathOf(plan.paper.reference)}?sent=${result.sent.length}${failed}`, 303);
    } catch (error) {
      if (error instanceof ViewRequestsNotConfiguredError || error instanceof NothingToRequestError)
        return send(request, reply, error.status, plan, {
          errorList: [{ text: error.message.replace(/^paper: /, ''), href: '#requests' }],
        });
      throw error;
    }
  });
}

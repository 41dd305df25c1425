// The public register: the list of proposals and one proposal's page. Each route parses, calls its use
// cases as the signed-in viewer (or the anonymous public), and renders.
import { canEditProposals } from '../../domain/access/can.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { viewerOf } from '../../domain/access/visibility.ts';
import { findEvent } from '../../domain/lifecycle/lifecycle-engine.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { getProposal, type GetProposalDeps } from '../../app/get-proposal.ts';
import { getProposalAudit } from '../../app/get-proposal-audit.ts';
import { getProblemStatementSummary } from '../../app/get-problem-statement-summary.ts';
import { getProposalRelations } from '../../app/get-proposal-relations.ts';
import { getProposalTimetable } from '../../app/get-proposal-timetable.ts';
import { listRecordableEvents } from '../../app/list-recordable-events.ts';
import {
  DEFAULT_PAGE_SIZE,
  listProposals,
  ListProposalsInputError,
  type ProposalPage,
} from '../../app/list-proposals.ts';
import { createChoicesCache, listRegisterChoices } from '../../app/list-register-choices.ts';
import { csrfToken } from '../auth.ts';
import {
  auditRows,
  historyFacts,
  proposalFacts,
  recordEventForm,
  timetableRows,
  type FieldError,
  type FormValues,
} from './presenters.ts';
import { registerRegisterDownloadRoutes } from './register-downloads.ts';
import { proposalViewsSection } from './view-pages.ts';
import { hasEmptyParameters, registerHref, registerPageContext, registerQueryFrom } from './register-view.ts';

export interface Pages {
  /** Renders a template inside the site layout. */
  render(template: string, context: Record<string, unknown>): string;
}

export interface RegisterPageDeps {
  db: GetProposalDeps['db'];
  rules: RulesPack;
  /** Today as YYYY-MM-DD, for the timetable. */
  today: () => string;
  pages: Pages;
}

/** `?page=` as a page number: absent is 1; anything but a positive whole number is null. */
function parsePageNumber(raw: unknown): number | null {
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 ? page : null;
}

function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(html);
}

export function registerRegisterPageRoutes(app: FastifyInstance, deps: RegisterPageDeps): void {
  const { db, rules, pages } = deps;

  // the filter panel's choices, kept a few seconds per viewer (see list-register-choices.ts)
  const choicesCache = createChoicesCache({ ttlMs: 10_000, now: () => performance.now() });
  // The register: search, filters and sort in the query string, so every view is a URL; the same view as a
  // CSV or JSON file at /proposals.csv and /proposals.json (register-downloads.ts).
  app.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
    const pageNumber = parsePageNumber(request.query.page);
    if (pageNumber === null) return reply.callNotFound();
    const viewer = viewerOf(request.user);
    const choices = await listRegisterChoices({ db, rules, cache: choicesCache }, { viewer });
    let page: ProposalPage;
    try {
      page = await listProposals(
        { db, rules },
        { ...registerQueryFrom(request.query), viewer, page: pageNumber, pageSize: DEFAULT_PAGE_SIZE },
      );
    } catch (error) {
      if (!(error instanceof ListProposalsInputError)) throw error;
      const html = pages.render(
        'register.njk',
        registerPageContext(null, error.view, choices, error.problems),
      );
      return sendHtml(reply.code(400), html);
    }
    if (page.page > page.pageCount) return reply.callNotFound();
    // an unfilled form field leaves `name=` in the URL: send the reader on to the view's own, clean URL
    if (hasEmptyParameters(request.query)) return reply.redirect(registerHref(page.view, page.page), 303);
    return sendHtml(reply, pages.render('register.njk', registerPageContext(page, page.view, choices)));
  });
  registerRegisterDownloadRoutes(app, { db, rules, today: deps.today });

  app.get<{ Params: { ref: string }; Querystring: { recorded?: string; edited?: string } }>(
    '/proposals/:ref',
    async (request, reply) =>
      renderProposalPage(deps, request, reply, {
        reference: request.params.ref,
        redirectToCurrent: true,
        recorded: typeof request.query.recorded === 'string' ? request.query.recorded : undefined,
        edited: request.query.edited === '1',
      }),
  );
}

function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** What the proposal page shows beyond the proposal: a notice of what was just recorded, or a refused form. */
export interface ProposalPageState {
  reference: string;
  status?: number;
  /** A GET for an older reference (DP090 for MP090) is sent on to the current one. */
  redirectToCurrent?: boolean;
  /** The event just recorded (the ?recorded= flag after the form's redirect). */
  recorded?: string | undefined;
  /** The proposal was just edited (the ?edited=1 flag after the edit form's redirect). */
  edited?: boolean | undefined;
  /** The "Record an event" form as posted, and its problems. */
  values?: FormValues;
  errors?: readonly FieldError[];
}

/**
 * One proposal's page, as the viewer may see it: 404 when they may not. A signed-in viewer also gets the events
 * they may record now (the "Record an event" form) and the change history; the anonymous public gets neither.
 */
export async function renderProposalPage(
  deps: RegisterPageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  state: ProposalPageState,
): Promise<FastifyReply> {
  const { db, rules, today, pages } = deps;
  const viewer = viewerOf(request.user);
  const proposal = await getProposal({ db, rules }, { viewer, reference: state.reference });
  if (!proposal) return notFound(reply);
  if (state.redirectToCurrent && proposal.id !== state.reference) {
    return reply.redirect(`/proposals/${encodeURIComponent(proposal.id)}`, 301);
  }
  const timetable = await getProposalTimetable({ db, rules, today }, { viewer, reference: proposal.id });
  if (!timetable) return notFound(reply);
  const stageLabel = (slug: string) => rules.lifecycle.stages.find((s) => s.slug === slug)?.label ?? slug;
  const eventLabel = (slug: string) => findEvent(rules.lifecycle, slug)?.label ?? slug;

  const user = request.user;
  const recordable = user
    ? await listRecordableEvents({ db, rules }, { user, reference: proposal.id })
    : null;
  const form =
    recordable && recordable.events.length > 0
      ? recordEventForm({
          events: recordable.events,
          today: today(),
          values: state.values ?? {},
          errors: state.errors ?? [],
        })
      : null;
  const audit = await getProposalAudit({ db, rules }, { viewer, reference: proposal.id });
  const recorded = state.recorded ? findEvent(rules.lifecycle, state.recorded) : undefined;

  const html = pages.render('proposal.njk', {
    proposal,
    facts: proposalFacts(proposal),
    timetable: { asOf: timetable.asOf, milestones: timetableRows(timetable) },
    nextEvents: timetable.nextEvents,
    history: proposal.history.map((entry) => ({ ...entry, details: historyFacts(entry, stageLabel) })),
    recordForm: form && {
      ...form,
      action: `/proposals/${encodeURIComponent(proposal.id)}/events`,
      csrfToken: csrfToken(request, reply),
    },
    // a problem with no form to show it on (the viewer may record nothing now): the summary still says why
    errorList: form?.errorList.length ? form.errorList : (state.errors ?? []).map((e) => ({ text: e.text })),
    recorded: recorded ? recorded.label : null,
    committeeViews: await proposalViewsSection({ db, rules }, request, proposal.id),
    edited: state.edited === true,
    canEdit: canEditProposals(request.user),
    problemStatement: await getProblemStatementSummary({ db, rules }, { viewer, reference: proposal.id }),
    changeHistory: audit ? auditRows(audit.entries, { stage: stageLabel, event: eventLabel }) : null,
    relations: await getProposalRelations({ db, rules }, { viewer, reference: proposal.id }),
  });
  return reply
    .code(state.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(html);
}

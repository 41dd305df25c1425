// The public register: the list of proposals and one proposal's page. Each route parses, calls its use
// cases as the signed-in viewer (or the anonymous public), and renders.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { getProposal, type GetProposalDeps } from '../../app/get-proposal.ts';
import { getProposalTimetable } from '../../app/get-proposal-timetable.ts';
import { DEFAULT_PAGE_SIZE, listProposals } from '../../app/list-proposals.ts';
import { historyFacts, proposalFacts, registerPagination, timetableRows } from './presenters.ts';

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
  const { db, rules, today, pages } = deps;

  app.get<{ Querystring: { page?: string } }>('/', async (request, reply) => {
    const pageNumber = parsePageNumber(request.query.page);
    if (pageNumber === null) return reply.callNotFound();
    const page = await listProposals(
      { db, rules },
      { viewer: viewerOf(request.user), page: pageNumber, pageSize: DEFAULT_PAGE_SIZE },
    );
    if (page.page > page.pageCount) return reply.callNotFound();
    const html = pages.render('register.njk', {
      page,
      firstShown: page.items.length ? (page.page - 1) * page.pageSize + 1 : 0,
      lastShown: (page.page - 1) * page.pageSize + page.items.length,
      pagination: registerPagination(page),
    });
    return sendHtml(reply, html);
  });

  app.get<{ Params: { ref: string } }>('/proposals/:ref', async (request, reply) => {
    const proposal = await getProposal(
      { db, rules },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!proposal) return reply.callNotFound();
    if (proposal.id !== request.params.ref) {
      return reply.redirect(`/proposals/${encodeURIComponent(proposal.id)}`, 301);
    }
    const timetable = await getProposalTimetable(
      { db, rules, today },
      { viewer: viewerOf(request.user), reference: proposal.id },
    );
    if (!timetable) return reply.callNotFound();
    const stageLabel = (slug: string) => rules.lifecycle.stages.find((s) => s.slug === slug)?.label ?? slug;
    const html = pages.render('proposal.njk', {
      proposal,
      facts: proposalFacts(proposal),
      timetable: { asOf: timetable.asOf, milestones: timetableRows(timetable) },
      nextEvents: timetable.nextEvents,
      history: proposal.history.map((entry) => ({ ...entry, details: historyFacts(entry, stageLabel) })),
    });
    return sendHtml(reply, html);
  });
}

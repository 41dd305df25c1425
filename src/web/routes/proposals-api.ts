// REST API v1 for the register, read-only for now. Field names follow the modgov/v1 interchange format
// (id, title, proposer, leadAnalyst, raised, stage, path, classification, impacts keyed by committee id,
// history with on/event/by...), with labels beside the slugs where a reader needs them.
import type { FastifyInstance } from 'fastify';
import { anonymousViewer } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { getProposal, type GetProposalDeps, type ProposalDetail } from '../../app/get-proposal.ts';
import { DEFAULT_PAGE_SIZE, listProposals, MAX_PAGE_SIZE } from '../../app/list-proposals.ts';
import { apiErrorBody, apiErrorStatus } from './http-errors.ts';

export interface ProposalsApiDeps {
  db: GetProposalDeps['db'];
  rules: RulesPack;
}

const listSchema = {
  querystring: {
    type: 'object',
    properties: {
      page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    },
  },
} as const;

/** One proposal as the API shows it: history entries carry their facts flat, as in modgov/v1. */
export function presentProposal(proposal: ProposalDetail) {
  const { impacts, history, ...facts } = proposal;
  return {
    ...facts,
    impacts: Object.fromEntries(impacts.map((impact) => [impact.committee, impact.text])),
    history: history.map((entry) => ({
      ...entry.facts,
      on: entry.on,
      event: entry.event,
      eventLabel: entry.eventLabel,
      ...(entry.by === null ? {} : { by: entry.by, byName: entry.byName }),
      ...(entry.release === null ? {} : { release: entry.release, releaseName: entry.releaseName }),
    })),
  };
}

export function registerProposalsApiRoutes(app: FastifyInstance, deps: ProposalsApiDeps): void {
  const { db, rules } = deps;

  app.get<{ Querystring: { page: number; pageSize: number } }>(
    '/api/v1/proposals',
    { schema: listSchema },
    async (request) => {
      const { items, total, page, pageSize } = await listProposals(
        { db, rules },
        { viewer: anonymousViewer, page: request.query.page, pageSize: request.query.pageSize },
      );
      return { items, total, page, pageSize };
    },
  );

  app.get<{ Params: { ref: string } }>('/api/v1/proposals/:ref', async (request, reply) => {
    const proposal = await getProposal(
      { db, rules },
      { viewer: anonymousViewer, reference: request.params.ref },
    );
    if (!proposal) {
      const code = 'proposal.not_found';
      return reply.code(apiErrorStatus(code)).send(apiErrorBody(code, `No proposal ${request.params.ref}`));
    }
    if (proposal.id !== request.params.ref) {
      return reply.redirect(`/api/v1/proposals/${encodeURIComponent(proposal.id)}`, 301);
    }
    return presentProposal(proposal);
  });
}

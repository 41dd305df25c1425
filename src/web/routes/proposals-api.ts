// REST API v1 for the register, read-only for now. Field names follow the modgov/v1 interchange format
// (id, title, proposer, leadAnalyst, raised, stage, path, classification, impacts keyed by committee id,
// history with on/event/by...), with labels beside the slugs where a reader needs them.
import type { FastifyInstance } from 'fastify';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { getProposal, type GetProposalDeps, type ProposalDetail } from '../../app/get-proposal.ts';
import { getProposalTimetable, type ProposalTimetable } from '../../app/get-proposal-timetable.ts';
import { DEFAULT_PAGE_SIZE, listProposals, MAX_PAGE_SIZE } from '../../app/list-proposals.ts';
import { apiErrorBody, apiErrorStatus, type ApiErrorBody } from './http-errors.ts';

export interface ProposalsApiDeps {
  db: GetProposalDeps['db'];
  rules: RulesPack;
  /** Today as YYYY-MM-DD, for timetables. */
  today: () => string;
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

/** A proposal's timetable as the API shows it: the day it was worked out and the milestones ahead. */
export function presentTimetable(timetable: ProposalTimetable) {
  return { asOf: timetable.asOf, milestones: timetable.milestones };
}

/** What may be recorded next, with the event slug under the name modgov/v1 uses in a history. */
export function presentNextEvents(timetable: ProposalTimetable) {
  return timetable.nextEvents.map((e) => ({ event: e.slug, label: e.label }));
}

function notFound(reference: string): ApiErrorBody {
  return apiErrorBody('proposal.not_found', `No proposal ${reference}`);
}

export function registerProposalsApiRoutes(app: FastifyInstance, deps: ProposalsApiDeps): void {
  const { db, rules, today } = deps;
  const notFoundStatus = apiErrorStatus('proposal.not_found');

  app.get<{ Querystring: { page: number; pageSize: number } }>(
    '/api/v1/proposals',
    { schema: listSchema },
    async (request) => {
      const { items, total, page, pageSize } = await listProposals(
        { db, rules },
        { viewer: viewerOf(request.user), page: request.query.page, pageSize: request.query.pageSize },
      );
      return { items, total, page, pageSize };
    },
  );

  app.get<{ Params: { ref: string } }>('/api/v1/proposals/:ref', async (request, reply) => {
    const proposal = await getProposal(
      { db, rules },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!proposal) return reply.code(notFoundStatus).send(notFound(request.params.ref));
    if (proposal.id !== request.params.ref) {
      return reply.redirect(`/api/v1/proposals/${encodeURIComponent(proposal.id)}`, 301);
    }
    const timetable = await getProposalTimetable(
      { db, rules, today },
      { viewer: viewerOf(request.user), reference: proposal.id },
    );
    if (!timetable) return reply.code(notFoundStatus).send(notFound(request.params.ref));
    return {
      ...presentProposal(proposal),
      timetable: presentTimetable(timetable),
      nextEvents: presentNextEvents(timetable),
    };
  });

  app.get<{ Params: { ref: string } }>('/api/v1/proposals/:ref/timetable', async (request, reply) => {
    const timetable = await getProposalTimetable(
      { db, rules, today },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!timetable) return reply.code(notFoundStatus).send(notFound(request.params.ref));
    if (timetable.reference !== request.params.ref) {
      return reply.redirect(`/api/v1/proposals/${encodeURIComponent(timetable.reference)}/timetable`, 301);
    }
    return presentTimetable(timetable);
  });
}

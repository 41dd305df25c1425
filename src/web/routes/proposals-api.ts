// REST API v1 for the register: reading it, and recording a lifecycle event as the signed-in user
// (`POST /api/v1/proposals/:ref/events`: the session cookie, and the CSRF token in the `x-csrf-token` header).
// Field names follow the modgov/v1 interchange format
// (id, title, proposer, leadAnalyst, raised, stage, path, classification, impacts keyed by committee id,
// history with on/event/by...), with labels beside the slugs where a reader needs them.
import { StoredHistoryError } from '../../app/list-recordable-events.ts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { getProposal, type GetProposalDeps, type ProposalDetail } from '../../app/get-proposal.ts';
import { getProposalTimetable, type ProposalTimetable } from '../../app/get-proposal-timetable.ts';
import {
  DEFAULT_PAGE_SIZE,
  listProposals,
  ListProposalsInputError,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  PROPOSAL_SORTS,
  type ProposalListItem,
  type RegisterQuery,
} from '../../app/list-proposals.ts';
import {
  EventInputError,
  EventNotAllowedError,
  recordProposalEvent,
} from '../../app/record-proposal-event.ts';
import {
  ProposalNotFoundError,
  TransitionInputError,
  TransitionRefusedError,
} from '../../app/transition-proposal.ts';
import { apiErrorBody, apiErrorStatus, type ApiErrorBody } from './http-errors.ts';
import { snippetHtml } from './register-view.ts';

export interface ProposalsApiDeps {
  db: GetProposalDeps['db'];
  rules: RulesPack;
  /** Today as YYYY-MM-DD, for timetables. */
  today: () => string;
}

const filterList = { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 50 } as const;
const isoDate = { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' } as const;

/**
 * The list's query: the register page's parameters (each filter may be repeated: any of its values), plus
 * page and pageSize. Values are checked against the code's vocabulary by the use case, which names a bad one.
 */
const listSchema = {
  querystring: {
    type: 'object',
    properties: {
      page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
      q: { type: 'string', maxLength: MAX_QUERY_LENGTH },
      stage: filterList,
      path: filterList,
      committee: filterList,
      organisation: filterList,
      affectedDocument: filterList,
      impactedParty: filterList,
      release: filterList,
      raisedFrom: isoDate,
      raisedTo: isoDate,
      sort: { type: 'string', enum: [...PROPOSAL_SORTS] },
    },
  },
} as const;

type ListQuery = RegisterQuery & { page: number; pageSize: number };

/** One proposal of the list: its facts, and when searching the snippet, as HTML (escaped text, <mark>s). */
function presentListItem(item: ProposalListItem, searching: boolean) {
  const { id, title, stage, stageLabel, path, pathLabel, raised, proposer, snippet } = item;
  const facts = { id, title, stage, stageLabel, path, pathLabel, raised, proposer };
  return searching ? { ...facts, snippet: snippetHtml(snippet) } : facts;
}

/** A schema error as the parameter it is about: "/stage/0" or "must have property ..." -> "stage". */
function fieldOfValidation(error: Pick<FastifyError, 'validation'>): string {
  const first = error.validation?.[0];
  const fromPath = first?.instancePath.split('/').filter(Boolean)[0];
  const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
  return fromPath ?? missing ?? 'query';
}

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

interface EventRequest {
  event: string;
  on: string | undefined;
  by: string | undefined;
  facts: Record<string, string>;
}

/** `{ event, on?, by?, facts? }`, or the field that is wrong and why. */
function parseEventRequest(body: unknown): EventRequest | { field: string; message: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return {
      field: 'event',
      message: 'Send a JSON object: { "event": ..., "on": "YYYY-MM-DD", "facts": {...} }.',
    };
  const { event, on, by, facts, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return { field: unknown, message: `"${unknown}" is not a field of an event.` };
  if (typeof event !== 'string' || !event.trim())
    return { field: 'event', message: 'Give the event, e.g. "converted".' };
  if (on !== undefined && (typeof on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(on)))
    return { field: 'on', message: 'Give the date it happened as YYYY-MM-DD.' };
  if (by !== undefined && (typeof by !== 'string' || !by.trim()))
    return { field: 'by', message: 'Give the committee that made it by its reference, e.g. "CSC".' };
  if (facts !== undefined && (!facts || typeof facts !== 'object' || Array.isArray(facts)))
    return {
      field: 'facts',
      message: 'Give the facts as an object of strings, e.g. { "outcome": "approve" }.',
    };
  const given = (facts ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(given))
    if (typeof value !== 'string')
      return { field: `facts.${name}`, message: `The fact "${name}" must be a string.` };
  return { event: event.trim(), on, by: by?.trim(), facts: given as Record<string, string> };
}

export function registerProposalsApiRoutes(app: FastifyInstance, deps: ProposalsApiDeps): void {
  const { db, rules, today } = deps;
  const notFoundStatus = apiErrorStatus('proposal.not_found');

  app.get<{ Querystring: ListQuery }>(
    '/api/v1/proposals',
    { schema: listSchema, attachValidation: true },
    async (request, reply) => {
      const invalid = request.validationError;
      if (invalid) {
        const field = fieldOfValidation(invalid);
        return reply
          .code(apiErrorStatus('request.invalid'))
          .send(apiErrorBody('request.invalid', `${field}: ${invalid.message}`, { field }));
      }
      const { page: pageNumber, pageSize: size, ...query } = request.query;
      try {
        const { items, total, page, pageSize, view } = await listProposals(
          { db, rules },
          { ...query, viewer: viewerOf(request.user), page: pageNumber, pageSize: size },
        );
        return { items: items.map((item) => presentListItem(item, view.q !== null)), total, page, pageSize };
      } catch (error) {
        if (!(error instanceof ListProposalsInputError)) throw error;
        return reply
          .code(error.status)
          .send(apiErrorBody(error.code, error.message, { field: error.field, problems: error.problems }));
      }
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

  app.post<{ Params: { ref: string } }>(
    '/api/v1/proposals/:ref/events',
    {
      // before the CSRF check: the anonymous public is told to sign in (401), not that its token is wrong
      preValidation: async (request, reply) => {
        if (!request.user)
          return reply
            .code(401)
            .send(apiErrorBody('auth.required', 'Sign in to record an event on a proposal.'));
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user)
        return reply
          .code(401)
          .send(apiErrorBody('auth.required', 'Sign in to record an event on a proposal.'));
      const input = parseEventRequest(request.body);
      if ('field' in input)
        return reply
          .code(apiErrorStatus('request.invalid'))
          .send(apiErrorBody('request.invalid', input.message, { field: input.field }));
      try {
        const result = await recordProposalEvent(
          { db, rules, today },
          { user, reference: request.params.ref, ...input, on: input.on ?? today() },
        );
        const proposal = await getProposal(
          { db, rules },
          { viewer: viewerOf(user), reference: result.reference },
        );
        if (!proposal) return reply.code(notFoundStatus).send(notFound(request.params.ref));
        return reply
          .code(201)
          .header('location', `/api/v1/proposals/${encodeURIComponent(proposal.id)}`)
          .send(presentProposal(proposal));
      } catch (error) {
        if (error instanceof ProposalNotFoundError)
          return reply.code(notFoundStatus).send(notFound(request.params.ref));
        if (error instanceof EventNotAllowedError)
          return reply
            .code(error.status)
            .send(apiErrorBody(error.code, error.message, { reason: error.reason }));
        if (error instanceof TransitionRefusedError)
          return reply
            .code(error.status)
            .send(apiErrorBody(error.code, error.message, { stage: error.stage, allowed: error.allowed }));
        if (error instanceof EventInputError)
          return reply
            .code(error.status)
            .send(apiErrorBody(error.code, error.message, { field: error.field, problems: error.problems }));
        if (error instanceof TransitionInputError)
          return reply
            .code(error.status)
            .send(apiErrorBody(error.code, error.message, { field: error.field }));
        if (error instanceof StoredHistoryError)
          return reply.code(error.status).send(apiErrorBody(error.code, error.message));
        throw error;
      }
    },
  );

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

// REST API v1 for committees' views on a proposal (registered by view-pages.ts):
//   GET  /api/v1/proposals/:ref/views  the views the viewer may see (list-views.ts: the proposal must be visible,
//                                      and each view's classification must allow); 404 for a hidden proposal.
//   POST /api/v1/proposals/:ref/views  as the signed-in user (the session cookie, and the CSRF token in the
//                                      `x-csrf-token` header, as for POST /api/v1/proposals/:ref/events): the
//                                      administrator's staff record a view from a meeting or an e-mail
//                                      (record-view.ts), a committee member sends one in (submit-view.ts).
// Errors: `{ error: { code, message, field?, problems? } }`, the codes in http-errors.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { listViews } from '../../app/list-views.ts';
import { recordView } from '../../app/record-view.ts';
import { submitView } from '../../app/submit-view.ts';
import { ProposalNotFoundError } from '../../app/transition-proposal.ts';
import { ViewInputError, ViewNotAllowedError } from '../../app/view-input.ts';
import type { Db } from '../../db/connect.ts';
import { canEditProposals } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { isWholeNumber, WHOLE_NUMBER_MESSAGE } from './engagement-api-shared.ts';
import { apiErrorBody, apiErrorStatus } from './http-errors.ts';

export interface ViewsApiDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
}

/** The fields a view request may carry: for everyone, and for the staff only (a view from a meeting). */
const TEXT_FIELDS = ['committee', 'text', 'classification'] as const;
const STAFF_TEXT_FIELDS = ['source', 'paper', 'author', 'on'] as const;
const NUMBER_FIELDS = ['version'] as const;
const STAFF_NUMBER_FIELDS = ['meeting', 'item'] as const;

type ViewRequest = Partial<
  Record<(typeof TEXT_FIELDS)[number] | (typeof STAFF_TEXT_FIELDS)[number], string>
> &
  Partial<Record<(typeof NUMBER_FIELDS)[number] | (typeof STAFF_NUMBER_FIELDS)[number], number>>;

/** The body as a view request, or the field that is wrong and why. */
function parseViewRequest(body: unknown, staff: boolean): ViewRequest | { field: string; message: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return {
      field: 'text',
      message: 'Send a JSON object: { "committee": "OPSG", "text": "..." }.',
    };
  const given = body as Record<string, unknown>;
  const texts: readonly string[] = staff ? [...TEXT_FIELDS, ...STAFF_TEXT_FIELDS] : TEXT_FIELDS;
  const numbers: readonly string[] = staff ? [...NUMBER_FIELDS, ...STAFF_NUMBER_FIELDS] : NUMBER_FIELDS;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined || value === null) continue;
    if (texts.includes(name)) {
      if (typeof value !== 'string') return { field: name, message: `"${name}" must be a string.` };
      out[name] = value;
    } else if (numbers.includes(name)) {
      if (!isWholeNumber(value)) return { field: name, message: WHOLE_NUMBER_MESSAGE(name) };
      out[name] = value;
    } else if (
      (STAFF_TEXT_FIELDS as readonly string[]).includes(name) ||
      (STAFF_NUMBER_FIELDS as readonly string[]).includes(name)
    )
      return {
        field: name,
        message: `"${name}" is for a view the administrator's staff record from a meeting; a member's view is dated today and names no meeting.`,
      };
    else return { field: name, message: `"${name}" is not a field of a view.` };
  }
  return out;
}

export function registerViewsApiRoutes(app: FastifyInstance, deps: ViewsApiDeps): void {
  const { db, rules, today } = deps;
  const notFound = (reply: FastifyReply, reference: string) =>
    reply
      .code(apiErrorStatus('proposal.not_found'))
      .send(apiErrorBody('proposal.not_found', `No proposal ${reference}`));

  app.get<{ Params: { ref: string } }>('/api/v1/proposals/:ref/views', async (request, reply) => {
    const found = await listViews(
      { db, rules },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!found) return notFound(reply, request.params.ref);
    if (found.reference !== request.params.ref)
      return reply.redirect(`/api/v1/proposals/${encodeURIComponent(found.reference)}/views`, 301);
    return { reference: found.reference, views: found.views };
  });

  app.post<{ Params: { ref: string } }>(
    '/api/v1/proposals/:ref/views',
    {
      // before the CSRF check: the anonymous public is told to sign in (401), not that its token is wrong
      preValidation: async (request, reply) => {
        if (!request.user)
          return reply.code(401).send(apiErrorBody('auth.required', 'Sign in to give a view on a proposal.'));
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user)
        return reply.code(401).send(apiErrorBody('auth.required', 'Sign in to give a view on a proposal.'));
      const staff = canEditProposals(user);
      const input = parseViewRequest(request.body, staff);
      if ('field' in input)
        return reply
          .code(apiErrorStatus('request.invalid'))
          .send(apiErrorBody('request.invalid', input.message, { field: input.field }));
      const reference = request.params.ref;
      try {
        const stored = staff
          ? await recordView(
              { db, rules, today },
              {
                reference,
                committee: input.committee ?? '',
                source: input.source as 'meeting' | 'email' | undefined,
                meeting: input.meeting,
                paper: input.paper,
                item: input.item,
                author: input.author ?? '',
                on: input.on,
                classification: input.classification,
                text: input.text ?? '',
                version: input.version,
                by: { user },
              },
            )
          : await submitView(
              { db, rules, today },
              {
                user,
                reference,
                committee: input.committee ?? '',
                text: input.text ?? '',
                classification: input.classification,
                version: input.version,
              },
            );
        const listed = await listViews(
          { db, rules },
          { viewer: viewerOf(user), reference: stored.reference },
        );
        const view = listed?.views.find((v) => v.id === stored.id) ?? stored;
        return reply
          .code(201)
          .header('location', `/api/v1/proposals/${encodeURIComponent(stored.reference)}/views`)
          .send({ reference: stored.reference, view });
      } catch (error) {
        if (error instanceof ProposalNotFoundError) return notFound(reply, reference);
        if (error instanceof ViewNotAllowedError)
          return reply.code(error.status).send(apiErrorBody(error.code, error.message));
        if (error instanceof ViewInputError)
          return reply
            .code(error.status)
            .send(apiErrorBody(error.code, error.message, { field: error.field, problems: error.problems }));
        throw error;
      }
    },
  );
}

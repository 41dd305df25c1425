// REST API v1 for a Draft Proposal's problem statement in versions (the pages: problem-statement-pages.ts):
//   GET  /api/v1/proposals/:ref/problem-statement                      its versions (oldest first), current
//   GET  /api/v1/proposals/:ref/problem-statement/compare?from=N&to=M  two versions compared, word by word
//   POST /api/v1/proposals/:ref/problem-statement/versions             staff: a new version -> 201
//        { issue, impacts, doNothing, context, on? }
//   POST /api/v1/proposals/:ref/problem-statement/versions/:version/agree
//        staff: the Change Sub-Committee agreed it { on } -> 200
// Reading is for anyone who may see the proposal (404 otherwise, the same as for one that does not exist;
// MP090 for DP090 is 301 to the current reference). Writing is for the administrator's staff
// (canEditProposals, as the web forms), through the same use cases, which write the audit record naming the
// signed-in user.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { agreeProblemStatement } from '../../app/agree-problem-statement.ts';
import { compareProblemStatementVersions } from '../../app/compare-problem-statement-versions.ts';
import {
  getProblemStatementHistory,
  type ProblemStatementHistory,
  type ProblemStatementVersion,
} from '../../app/get-problem-statement-history.ts';
import {
  ProblemStatementForbiddenError,
  ProblemStatementInputError,
  ProblemStatementRefusedError,
} from '../../app/problem-statement.errors.ts';
import { ProposalNotFoundError } from '../../app/transition-proposal.ts';
import { writeProblemStatementVersion } from '../../app/write-problem-statement-version.ts';
import type { Db } from '../../db/connect.ts';
import { canEditProposals } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import {
  parseJsonBody,
  sendApiError,
  sendBodyProblem,
  sendProposalNotFound,
  signInFirst,
  staffOrRefuse,
  type BodySpec,
} from './engagement-api-shared.ts';

export interface ProblemStatementApiDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
}

const WRITE = {
  issue: { kind: 'text' },
  impacts: { kind: 'text' },
  doNothing: { kind: 'text' },
  context: { kind: 'text' },
  on: { kind: 'date' },
} as const satisfies BodySpec;
const AGREE = { on: { kind: 'date', required: true } } as const satisfies BodySpec;

const basePath = (reference: string) =>
  `/api/v1/proposals/${encodeURIComponent(reference)}/problem-statement`;

/** A version as the API shows it: number, status, dates, the committee that agreed it, and its sections. */
export const presentVersion = (v: ProblemStatementVersion) => ({
  version: v.version,
  status: v.status,
  writtenOn: v.writtenOn,
  agreedOn: v.agreedOn,
  agreedBy: v.agreedBy,
  sections: { ...v.sections },
});

/** A version's facts without its sections (a comparison shows its text as runs). */
const versionFacts = (v: ProblemStatementVersion | null) => {
  if (!v) return null;
  const { sections: _sections, ...facts } = presentVersion(v);
  return facts;
};

export function presentHistory(history: ProblemStatementHistory) {
  return {
    reference: history.reference,
    title: history.title,
    stageLabel: history.stageLabel,
    /** Versions may be written and agreed now (a Draft Proposal). */
    open: history.open,
    agreeingCommittee: history.agreeingCommittee,
    /** The latest version's number: the one the proposal's page shows as current. */
    current: history.latest?.version ?? null,
    versions: history.versions.map(presentVersion),
  };
}

/** `?from=` and `?to=`: absent or empty is undefined; a whole number is itself; anything else null. */
function versionParameter(raw: unknown): number | undefined | null {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) return null;
  return Number(raw);
}

/** A use case's refusal as the API's error; anything else is thrown on. */
function sendProblemStatementError(reply: FastifyReply, reference: string, error: unknown): FastifyReply {
  if (error instanceof ProposalNotFoundError) return sendProposalNotFound(reply, reference);
  if (error instanceof ProblemStatementForbiddenError)
    return sendApiError(reply, 'auth.forbidden', error.message);
  if (error instanceof ProblemStatementInputError)
    return sendApiError(reply, error.code, error.message, {
      field: error.problems[0]?.field,
      problems: error.problems,
    });
  if (error instanceof ProblemStatementRefusedError) return sendApiError(reply, error.code, error.message);
  throw error;
}

export function registerProblemStatementApiRoutes(app: FastifyInstance, deps: ProblemStatementApiDeps): void {
  const { db, rules, today } = deps;
  type Params = { ref: string };

  app.get<{ Params: Params }>('/api/v1/proposals/:ref/problem-statement', async (request, reply) => {
    const history = await getProblemStatementHistory(
      { db, rules },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!history) return sendProposalNotFound(reply, request.params.ref);
    if (history.reference !== request.params.ref) return reply.redirect(basePath(history.reference), 301);
    return presentHistory(history);
  });

  app.get<{ Params: Params; Querystring: { from?: unknown; to?: unknown } }>(
    '/api/v1/proposals/:ref/problem-statement/compare',
    async (request, reply) => {
      const viewer = viewerOf(request.user);
      const history = await getProblemStatementHistory(
        { db, rules },
        { viewer, reference: request.params.ref },
      );
      if (!history) return sendProposalNotFound(reply, request.params.ref);
      if (history.reference !== request.params.ref) {
        const query = new URLSearchParams();
        for (const name of ['from', 'to'] as const) {
          const value = request.query[name];
          if (typeof value === 'string') query.set(name, value);
        }
        const search = query.toString() ? `?${query.toString()}` : '';
        return reply.redirect(`${basePath(history.reference)}/compare${search}`, 301);
      }
      const from = versionParameter(request.query.from);
      const to = versionParameter(request.query.to);
      const bad = [
        ...(from === null ? [{ field: 'from', message: '"from" must be a version’s number.' }] : []),
        ...(to === null ? [{ field: 'to', message: '"to" must be a version’s number.' }] : []),
      ];
      if (bad[0])
        return sendApiError(reply, 'request.invalid', bad.map((b) => b.message).join(' '), {
          field: bad[0].field,
          problems: bad,
        });
      try {
        const comparison = await compareProblemStatementVersions(
          { db, rules },
          { viewer, reference: history.reference, from: from ?? undefined, to: to ?? undefined },
        );
        if (!comparison) return sendProposalNotFound(reply, request.params.ref);
        return {
          reference: history.reference,
          from: versionFacts(comparison.from),
          to: versionFacts(comparison.to),
          changed: comparison.sections.some((s) => s.changed),
          sections: comparison.sections.map((s) => ({
            section: s.section,
            heading: s.heading,
            changed: s.changed,
            runs: s.runs,
          })),
        };
      } catch (error) {
        return sendProblemStatementError(reply, request.params.ref, error);
      }
    },
  );

  const writing = 'write problem statements';
  app.post<{ Params: Params }>(
    '/api/v1/proposals/:ref/problem-statement/versions',
    signInFirst(writing),
    async (request, reply) => {
      const user = staffOrRefuse(request, reply, canEditProposals, writing);
      if (!user) return reply;
      const input = parseJsonBody(request.body, WRITE, 'a problem statement version');
      if (!input.ok) return sendBodyProblem(reply, input);
      const { on, ...sections } = input.value;
      const reference = request.params.ref;
      try {
        const written = await writeProblemStatementVersion(
          { db, rules, today },
          { reference, sections, on, by: { user } },
        );
        const history = await getProblemStatementHistory(
          { db, rules },
          { viewer: viewerOf(user), reference: written.reference },
        );
        const version = history?.versions.find((v) => v.version === written.version);
        if (!version) return sendProposalNotFound(reply, reference);
        return await reply
          .code(201)
          .header('location', basePath(written.reference))
          .send({ reference: written.reference, version: presentVersion(version) });
      } catch (error) {
        return sendProblemStatementError(reply, reference, error);
      }
    },
  );

  const agreeing = 'record the agreement of a problem statement';
  app.post<{ Params: Params & { version: string } }>(
    '/api/v1/proposals/:ref/problem-statement/versions/:version/agree',
    signInFirst(agreeing),
    async (request, reply) => {
      const user = staffOrRefuse(request, reply, canEditProposals, agreeing);
      if (!user) return reply;
      if (!/^[1-9]\d{0,5}$/.test(request.params.version))
        return sendBodyProblem(reply, {
          field: 'version',
          message: `The version must be a version’s number, not "${request.params.version}".`,
        });
      const input = parseJsonBody(request.body, AGREE, 'an agreement');
      if (!input.ok) return sendBodyProblem(reply, input);
      const reference = request.params.ref;
      try {
        const agreed = await agreeProblemStatement(
          { db, rules, today },
          {
            reference,
            version: Number(request.params.version),
            on: input.value.on ?? '',
            by: { user },
          },
        );
        const history = await getProblemStatementHistory(
          { db, rules },
          { viewer: viewerOf(user), reference: agreed.reference },
        );
        const version = history?.versions.find((v) => v.version === agreed.version);
        if (!version) return sendProposalNotFound(reply, reference);
        return { reference: agreed.reference, version: presentVersion(version) };
      } catch (error) {
        return sendProblemStatementError(reply, reference, error);
      }
    },
  );
}

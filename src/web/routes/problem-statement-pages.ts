// A Draft Proposal's problem statement in versions:
//   GET  /proposals/:ref/problem-statement                  its versions (status, dates) and the latest's sections
//   GET  /proposals/:ref/problem-statement/compare?from&to  two versions side by side, the changes marked
//   GET  /proposals/:ref/problem-statement/new              staff: a new version, prefilled from the latest
//   POST /proposals/:ref/problem-statement/new
//   POST /proposals/:ref/problem-statement/:version/agree   staff: the Change Sub-Committee agreed it, on a date
//
// Who: anyone who may see the proposal reads its versions (404 for anyone else, as for a proposal that does not
// exist). The forms are for the administrator's staff (canEditProposals): the anonymous public is sent to sign in
// (303 to /sign-in?next=...), a signed-in user without the role refused (403), whatever the proposal. The CSRF
// check (src/web/auth.ts) has already refused a POST without its token. Everything works without JavaScript: the
// comparison's versions are chosen with a GET form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agreeProblemStatement } from '../../app/agree-problem-statement.ts';
import { compareProblemStatementVersions } from '../../app/compare-problem-statement-versions.ts';
import {
  getProblemStatementHistory,
  type ProblemStatementHistory,
} from '../../app/get-problem-statement-history.ts';
import {
  ProblemStatementForbiddenError,
  ProblemStatementInputError,
  ProblemStatementRefusedError,
  type ProblemStatementProblem,
} from '../../app/problem-statement.errors.ts';
import { ProposalNotFoundError } from '../../app/transition-proposal.ts';
import { writeProblemStatementVersion } from '../../app/write-problem-statement-version.ts';
import type { Db } from '../../db/connect.ts';
import { canEditProposals } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import {
  PROBLEM_STATEMENT_SECTIONS,
  SECTION_HEADINGS,
  type ProblemStatementSection,
} from '../../domain/proposals/problem-statement.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { DiffRun } from '../../domain/text/word-diff.ts';
import { csrfToken } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface ProblemStatementPageDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

const MARKDOWN_HINT =
  'You can use Markdown: leave a blank line between paragraphs, start a line with "- " for a bullet point.';

/** What each section's field asks. */
const SECTION_HINTS: Readonly<Record<ProblemStatementSection, string>> = {
  issue: 'What is the problem, and who has it?',
  impacts: 'Who and what it affects, and how.',
  doNothing: 'What happens if the code is not changed.',
  context: 'Where the code deals with it now: the sections, schedules and appendices.',
};

const basePath = (reference: string) => `/proposals/${encodeURIComponent(reference)}/problem-statement`;

const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const field = (request: FastifyRequest, name: string): string => {
  const value = bodyOf(request)[name];
  return typeof value === 'string' ? value : '';
};

/** A GOV.UK date input's day, month and year as YYYY-MM-DD; '' when all are blank; null when not numbers. */
function dateFromParts(request: FastifyRequest, prefix: string): string | null {
  const [day, month, year] = ['day', 'month', 'year'].map((part) =>
    field(request, `${prefix}-${part}`).trim(),
  );
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day ?? '') || !/^\d{1,2}$/.test(month ?? '') || !/^\d{4}$/.test(year ?? ''))
    return null;
  return `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
}

/** `?from=` and `?to=`: absent or empty is undefined; a whole number is itself; anything else null. */
function versionParameter(raw: unknown): number | undefined | null {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) return null;
  return Number(raw);
}

/** The error summary and the field messages, as the govuk macros take them. */
function presentErrors(problems: readonly ProblemStatementProblem[], idOf: (field: string) => string) {
  return {
    errorList: problems.map((p) => ({ text: p.message, href: `#${idOf(p.field)}` })),
    fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
  };
}

/** One side of a comparison: the runs it has (same and removed, or same and added), with line breaks kept. */
type Segment = { kind: 'same' | 'added' | 'removed'; text: string } | { kind: 'break' };
function sideOf(runs: readonly DiffRun[], side: 'from' | 'to'): Segment[] {
  const skip = side === 'from' ? 'added' : 'removed';
  return runs
    .filter((run) => run.kind !== skip)
    .flatMap((run) =>
      run.text
        .split('\n')
        .flatMap((text, i): Segment[] => [
          ...(i > 0 ? [{ kind: 'break' } as const] : []),
          ...(text ? [{ kind: run.kind, text }] : []),
        ]),
    );
}

/** The versions for the comparison's selects. */
const versionItems = (history: ProblemStatementHistory, selected: number | null) =>
  history.versions.map((v) => ({
    value: String(v.version),
    text: `Version ${v.version} (${v.status})`,
    selected: v.version === selected,
  }));

export function registerProblemStatementRoutes(app: FastifyInstance, deps: ProblemStatementPageDeps): void {
  const { db, rules, today, pages } = deps;
  const html = (reply: FastifyReply, status: number, template: string, context: Record<string, unknown>) =>
    reply.code(status).type('text/html; charset=utf-8').send(pages.render(template, context));

  /** Sends the refusal when this request may not use the staff forms; null when it may. */
  function refusal(request: FastifyRequest, reply: FastifyReply, what: string): FastifyReply | null {
    if (!request.user) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    if (canEditProposals(request.user)) return null;
    return html(reply, 403, 'error.njk', {
      status: 403,
      message: `Only the code administrator’s staff (administrators and analysts) can ${what}.`,
    });
  }

  type Params = { ref: string };

  /** The versions page; with the agreement form's problems when it was refused. */
  async function sendVersions(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    state: {
      status?: number;
      written?: number | undefined;
      agreed?: number | undefined;
      problems?: readonly ProblemStatementProblem[];
      agreedOn?: { day: string; month: string; year: string };
    } = {},
  ) {
    const history = await getProblemStatementHistory(
      { db, rules },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!history) return reply.callNotFound();
    if (history.reference !== request.params.ref && !state.problems)
      return reply.redirect(basePath(history.reference), 301);
    const staff = canEditProposals(request.user);
    const latest = history.latest;
    const base = basePath(history.reference);
    const problems = state.problems ?? [];
    return html(reply, state.status ?? 200, 'problem-statement.njk', {
      history,
      base,
      proposalPath: `/proposals/${encodeURIComponent(history.reference)}`,
      canWrite: staff && history.open,
      current: latest && {
        ...latest,
        sections: PROBLEM_STATEMENT_SECTIONS.map((s) => ({
          heading: SECTION_HEADINGS[s],
          text: latest.sections[s],
        })),
      },
      // newest first
      versions: [...history.versions].reverse(),
      agreeForm:
        staff && history.open && latest?.status === 'draft' && history.agreeingCommittee
          ? {
              action: `${base}/${latest.version}/agree`,
              version: latest.version,
              committee: history.agreeingCommittee.name,
              csrfToken: csrfToken(request, reply),
              values: state.agreedOn ?? { day: '', month: '', year: '' },
              error: problems.find((p) => p.field === 'on')?.message ?? null,
            }
          : null,
      errorList: problems.map((p) => ({
        text: p.message,
        href: p.field === 'on' ? '#agreed-on-day' : '#agree',
      })),
      written: state.written ?? null,
      agreed: state.agreed ?? null,
    });
  }

  app.get<{ Params: Params; Querystring: { written?: string; agreed?: string } }>(
    '/proposals/:ref/problem-statement',
    async (request, reply) => {
      const flag = (raw: unknown) =>
        typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
      return sendVersions(request, reply, {
        written: flag(request.query.written),
        agreed: flag(request.query.agreed),
      });
    },
  );

  app.get<{ Params: Params; Querystring: { from?: string; to?: string } }>(
    '/proposals/:ref/problem-statement/compare',
    async (request, reply) => {
      const viewer = viewerOf(request.user);
      const from = versionParameter(request.query.from);
      const to = versionParameter(request.query.to);
      const history = await getProblemStatementHistory(
        { db, rules },
        { viewer, reference: request.params.ref },
      );
      if (!history) return reply.callNotFound();
      const page = (status: number, context: Record<string, unknown>) =>
        html(reply, status, 'problem-statement-compare.njk', {
          history,
          base: basePath(history.reference),
          ...context,
        });
      const idOf = (f: string) => (f === 'from' ? 'from' : 'to');
      const bad: ProblemStatementProblem[] = [
        ...(from === null
          ? [{ field: 'from' as const, message: 'Choose the version to compare from.' }]
          : []),
        ...(to === null ? [{ field: 'to' as const, message: 'Choose the version to compare with.' }] : []),
      ];
      if (bad.length > 0)
        return page(400, {
          fromItems: versionItems(history, null),
          toItems: versionItems(history, null),
          ...presentErrors(bad, idOf),
        });
      try {
        const comparison = await compareProblemStatementVersions(
          { db, rules },
          { viewer, reference: history.reference, from: from ?? undefined, to: to ?? undefined },
        );
        if (!comparison) return reply.callNotFound();
        return page(200, {
          fromItems: versionItems(history, comparison.from?.version ?? null),
          toItems: versionItems(history, comparison.to?.version ?? null),
          from: comparison.from,
          to: comparison.to,
          sections: comparison.sections.map((s) => ({
            heading: s.heading,
            changed: s.changed,
            from: sideOf(s.runs, 'from'),
            to: sideOf(s.runs, 'to'),
          })),
          anyChange: comparison.sections.some((s) => s.changed),
        });
      } catch (error) {
        if (!(error instanceof ProblemStatementInputError)) throw error;
        return page(400, {
          fromItems: versionItems(history, null),
          toItems: versionItems(history, null),
          ...presentErrors(error.problems, idOf),
        });
      }
    },
  );

  const sendForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    history: ProblemStatementHistory,
    values: Record<ProblemStatementSection, string>,
    problems: readonly ProblemStatementProblem[],
  ) =>
    html(reply.header('cache-control', 'no-store'), status, 'problem-statement-new.njk', {
      history,
      base: basePath(history.reference),
      action: `${basePath(history.reference)}/new`,
      version: (history.latest?.version ?? 0) + 1,
      fields: PROBLEM_STATEMENT_SECTIONS.map((s) => ({
        id: s,
        label: SECTION_HEADINGS[s],
        hint: `${SECTION_HINTS[s]} ${MARKDOWN_HINT}`,
        value: values[s],
      })),
      markdownHint: MARKDOWN_HINT,
      csrfToken: csrfToken(request, reply),
      ...(problems.length ? presentErrors(problems, (f) => f) : {}),
    });

  const notOpen = (reply: FastifyReply, history: ProblemStatementHistory) =>
    html(reply, 409, 'error.njk', {
      status: 409,
      message: `${history.reference} is not a Draft Proposal now (${history.stageLabel}): a problem statement is written and agreed only before the conversion.`,
    });

  app.get<{ Params: Params }>('/proposals/:ref/problem-statement/new', async (request, reply) => {
    const refused = refusal(request, reply, 'write problem statements');
    if (refused) return refused;
    const history = await getProblemStatementHistory(
      { db, rules },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!history) return reply.callNotFound();
    if (history.reference !== request.params.ref)
      return reply.redirect(`${basePath(history.reference)}/new`, 301);
    if (!history.open) return notOpen(reply, history);
    const latest = history.latest?.sections;
    const values = {
      issue: latest?.issue ?? '',
      impacts: latest?.impacts ?? '',
      doNothing: latest?.doNothing ?? '',
      context: latest?.context ?? '',
    };
    return sendForm(request, reply, 200, history, values, []);
  });

  app.post<{ Params: Params }>('/proposals/:ref/problem-statement/new', async (request, reply) => {
    const refused = refusal(request, reply, 'write problem statements');
    if (refused) return refused;
    const user = request.user;
    if (!user) return reply.callNotFound();
    const history = await getProblemStatementHistory(
      { db, rules },
      { viewer: viewerOf(user), reference: request.params.ref },
    );
    if (!history) return reply.callNotFound();
    const values = {
      issue: field(request, 'issue'),
      impacts: field(request, 'impacts'),
      doNothing: field(request, 'doNothing'),
      context: field(request, 'context'),
    };
    try {
      const written = await writeProblemStatementVersion(
        { db, rules, today },
        { reference: history.reference, sections: values, by: { user } },
      );
      return await reply.redirect(`${basePath(written.reference)}?written=${written.version}`, 303);
    } catch (error) {
      if (error instanceof ProblemStatementInputError)
        return sendForm(request, reply, 400, history, values, error.problems);
      if (error instanceof ProblemStatementRefusedError) return notOpen(reply, history);
      if (error instanceof ProposalNotFoundError) return reply.callNotFound();
      if (error instanceof ProblemStatementForbiddenError)
        return html(reply, 403, 'error.njk', { status: 403, message: error.message });
      throw error;
    }
  });

  app.post<{ Params: Params & { version: string } }>(
    '/proposals/:ref/problem-statement/:version/agree',
    async (request, reply) => {
      const refused = refusal(request, reply, 'record the agreement of a problem statement');
      if (refused) return refused;
      const user = request.user;
      if (!user) return reply.callNotFound();
      if (!/^\d{1,6}$/.test(request.params.version)) return reply.callNotFound();
      const history = await getProblemStatementHistory(
        { db, rules },
        { viewer: viewerOf(user), reference: request.params.ref },
      );
      if (!history) return reply.callNotFound();
      const agreedOn = {
        day: field(request, 'agreed-on-day'),
        month: field(request, 'agreed-on-month'),
        year: field(request, 'agreed-on-year'),
      };
      const on = dateFromParts(request, 'agreed-on');
      const refuse = (status: number, problems: readonly ProblemStatementProblem[]) =>
        sendVersions(request, reply, { status, problems, agreedOn });
      if (on === '') return refuse(400, [{ field: 'on', message: 'Enter the date it was agreed.' }]);
      if (on === null) return refuse(400, [{ field: 'on', message: 'The date agreed must be a real date.' }]);
      try {
        const agreed = await agreeProblemStatement(
          { db, rules, today },
          { reference: history.reference, version: Number(request.params.version), on, by: { user } },
        );
        return await reply.redirect(`${basePath(agreed.reference)}?agreed=${agreed.version}`, 303);
      } catch (error) {
        if (error instanceof ProblemStatementInputError) return refuse(400, error.problems);
        if (error instanceof ProblemStatementRefusedError)
          return refuse(409, [{ field: 'version', message: error.message }]);
        if (error instanceof ProposalNotFoundError) return reply.callNotFound();
        if (error instanceof ProblemStatementForbiddenError)
          return html(reply, 403, 'error.njk', { status: 403, message: error.message });
        throw error;
      }
    },
  );
}

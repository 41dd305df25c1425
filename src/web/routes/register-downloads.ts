// The register's current view as a file: `GET /proposals.csv` and `GET /proposals.json` take the register
// page's query parameters (search, filters, sort; not the page) and hold every matching proposal the viewer may
// see, up to DOWNLOAD_CAP rows. A cut view says so: the `x-truncated` header, and `truncated` in the JSON.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import {
  DOWNLOAD_CAP,
  listProposals,
  ListProposalsInputError,
  type ListProposalsDeps,
  type ProposalListItem,
  type ProposalPage,
} from '../../app/list-proposals.ts';
import { apiErrorBody } from './http-errors.ts';
import { humanise } from './presenters.ts';
import { registerQueryFrom, registerSearchParams, snippetHtml } from './register-view.ts';

export interface RegisterDownloadDeps {
  db: ListProposalsDeps['db'];
  rules: RulesPack;
  /** Today as YYYY-MM-DD, for the file's name. */
  today: () => string;
  /** The most rows a file holds (default and most DOWNLOAD_CAP); tests lower it. */
  cap?: number;
}

const CSV_HEAD = [
  'Reference',
  'Title',
  'Stage',
  'Path',
  'Raised',
  'Proposer',
  'Proposer organisation',
  'Classification',
  'Affected documents',
  'Impacted parties',
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A field a
 * spreadsheet would read as a formula (starting = + - @, or a tab or carriage return) gets a leading
 * apostrophe, so it is shown as text and never run.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows as a CSV file: a header row, CRLF line ends, UTF-8 with a byte order mark (for spreadsheets). */
export function proposalsCsv(items: readonly ProposalListItem[]): string {
  const rows = items.map((item) => [
    item.id,
    item.title,
    item.stageLabel,
    item.pathLabel ?? '',
    item.raised,
    item.proposer.name,
    item.proposer.organisation.name,
    humanise(item.classification),
    item.affectedDocuments.join('; '),
    item.impactedParties.map(humanise).join('; '),
  ]);
  return `\uFEFF${[CSV_HEAD, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** One proposal in the JSON file: the API's list fields, its documents and parties, and the snippet as HTML. */
function jsonItem(item: ProposalListItem, searching: boolean) {
  const { snippet, ...rest } = item;
  return searching ? { ...rest, snippet: snippetHtml(snippet) } : rest;
}

export function proposalsJson(result: ProposalPage) {
  return {
    query: registerSearchParams(result.view).toString(),
    total: result.total,
    count: result.items.length,
    truncated: result.capped,
    ...(result.capped
      ? {
          message: `Only the first ${result.items.length} of the ${result.total} matching proposals are here: narrow the view to get the rest.`,
        }
      : {}),
    items: result.items.map((item) => jsonItem(item, result.view.q !== null)),
  };
}

export function registerRegisterDownloadRoutes(app: FastifyInstance, deps: RegisterDownloadDeps): void {
  const { db, rules, today } = deps;
  const cap = Math.min(DOWNLOAD_CAP, deps.cap ?? DOWNLOAD_CAP);
  const filename = (ext: string) => `${rules.id.toLowerCase()}-proposals-${today()}.${ext}`;

  const download = async (
    kind: 'csv' | 'json',
    query: Record<string, unknown>,
    viewer: ReturnType<typeof viewerOf>,
    reply: FastifyReply,
  ) => {
    let result: ProposalPage;
    try {
      result = await listProposals({ db, rules }, { ...registerQueryFrom(query), viewer, download: { cap } });
    } catch (error) {
      if (!(error instanceof ListProposalsInputError)) throw error;
      const body = apiErrorBody('request.invalid', error.message, {
        field: error.field,
        problems: error.problems,
      });
      return kind === 'json'
        ? reply.code(400).send(body)
        : reply.code(400).type('text/plain; charset=utf-8').send(`${error.message}\n`);
    }
    void reply
      .header('content-disposition', `attachment; filename="${filename(kind)}"`)
      .header('x-total-count', String(result.total));
    if (result.capped) void reply.header('x-truncated', `${result.items.length} of ${result.total}`);
    return kind === 'json'
      ? reply.type('application/json; charset=utf-8').send(proposalsJson(result))
      : reply.type('text/csv; charset=utf-8; header=present').send(proposalsCsv(result.items));
  };

  app.get<{ Querystring: Record<string, unknown> }>('/proposals.csv', async (request, reply) =>
    download('csv', request.query, viewerOf(request.user), reply),
  );
  app.get<{ Querystring: Record<string, unknown> }>('/proposals.json', async (request, reply) =>
    download('json', request.query, viewerOf(request.user), reply),
  );
}

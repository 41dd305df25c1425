// Lists the register as the viewer may see it, filtered, searched, sorted and paged: the web page, its CSV and
// JSON downloads, the REST API and the CLI share it. Every input is checked here and a bad one is refused by
// the name of its query parameter (`stage`, `raisedFrom`...), never turned into a silently empty list.
import type { Viewer } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { Db } from '../db/connect.ts';
import {
  countVisibleProposals,
  listVisibleProposals,
  PROPOSAL_SORTS,
  SNIPPET_START,
  SNIPPET_STOP,
  type ProposalFilters,
  type ProposalSort,
} from '../db/proposals.repository.ts';
import {
  findOrganisationSlugs,
  listCodeCommittees,
  listCodeReleases,
} from '../db/register-choices.repository.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** The most rows a download (CSV, JSON) holds; a bigger view is cut here and says so. */
export const DOWNLOAD_CAP = 10_000;
/** The longest search accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
const MAX_FILTER_VALUES = 50;
const MAX_VALUE_LENGTH = 200;

export { PROPOSAL_SORTS, type ProposalSort };

export interface ListProposalsDeps {
  db: Db;
  rules: RulesPack;
}

/** A query parameter as it arrives: absent, once, or repeated. */
type Many = string | readonly string[] | undefined;

/**
 * The view asked for, under the names of its query parameters. Each filter may be given more than once
 * (any of its values); different filters all apply. Empty values are ignored, as an empty form field is.
 */
export interface RegisterQuery {
  q?: string | undefined;
  stage?: Many;
  path?: Many;
  /** Committee reference: proposals with an anticipated impact for it. */
  committee?: Many;
  /** Organisation id (slug): proposals whose proposer belongs to it. */
  organisation?: Many;
  affectedDocument?: Many;
  impactedParty?: Many;
  /** Release reference (2020-11): proposals whose history names it (implemented in it). */
  release?: Many;
  /** YYYY-MM-DD, inclusive. */
  raisedFrom?: string | undefined;
  raisedTo?: string | undefined;
  sort?: string | undefined;
}

export interface ListProposalsInput extends RegisterQuery {
  viewer: Viewer;
  /** 1-based. */
  page?: number | undefined;
  pageSize?: number | undefined;
  /** A download: every matching row up to `cap` (default and most DOWNLOAD_CAP), page and pageSize ignored. */
  download?: { cap?: number } | undefined;
}

/** The view as understood: every filter as a list, the search trimmed, the sort settled. */
export interface RegisterView {
  q: string | null;
  stage: string[];
  path: string[];
  committee: string[];
  organisation: string[];
  affectedDocument: string[];
  impactedParty: string[];
  release: string[];
  raisedFrom: string | null;
  raisedTo: string | null;
  sort: ProposalSort;
}

export interface OrganisationRef {
  id: string;
  name: string;
  shortName: string | null;
}

/** A part of a search snippet: text, and whether it matched the search. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface ProposalListItem {
  id: string;
  title: string;
  stage: string;
  stageLabel: string;
  path: string | null;
  pathLabel: string | null;
  raised: string;
  classification: string;
  affectedDocuments: string[];
  impactedParties: string[];
  proposer: { id: string; name: string; organisation: OrganisationRef };
  /** When searching: where the summary and problem statement match, the matches marked. Plain text parts. */
  snippet: SnippetPart[] | null;
}

export interface ProposalPage {
  view: RegisterView;
  /** Is anything filtered or searched (beyond the sort)? */
  narrowed: boolean;
  items: ProposalListItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** A download that holds fewer rows than match (the cap). */
  capped: boolean;
}

export interface InputProblem {
  /** The query parameter: q, stage, path, committee, organisation, affectedDocument, impactedParty, release,
   * raisedFrom, raisedTo, sort, page or pageSize. */
  field: string;
  message: string;
}

/** The view asked for cannot be shown: each problem names its parameter. */
export class ListProposalsInputError extends Error {
  readonly code = 'request.invalid';
  readonly status = 400;
  constructor(
    readonly problems: readonly InputProblem[],
    /** The view as far as it could be read (a bad sort left at its default), to show the form again. */
    readonly view: RegisterView,
  ) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join(' '));
    this.name = 'ListProposalsInputError';
  }
  get field(): string {
    return this.problems[0]?.field ?? 'query';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A repeated parameter as a clean list: trimmed, no empties, no repeats, in the order given. */
function many(value: Many): string[] {
  const list = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  return [...new Set(list.map((v) => String(v).trim()).filter((v) => v !== ''))];
}

function one(value: string | readonly string[] | undefined): string | null {
  const list = many(value);
  return list.length ? (list[list.length - 1] ?? null) : null;
}

/** Checks the query and settles it into a view; every problem at once, by parameter. */
async function understand(deps: ListProposalsDeps, query: RegisterQuery): Promise<RegisterView> {
  const { db, rules } = deps;
  const problems: InputProblem[] = [];
  const view: RegisterView = {
    q: one(query.q),
    stage: many(query.stage),
    path: many(query.path),
    committee: many(query.committee),
    organisation: many(query.organisation),
    affectedDocument: many(query.affectedDocument),
    impactedParty: many(query.impactedParty),
    release: many(query.release),
    raisedFrom: one(query.raisedFrom),
    raisedTo: one(query.raisedTo),
    sort: 'raised-asc', // settled below
  };
  const lists = [
    'stage',
    'path',
    'committee',
    'organisation',
    'affectedDocument',
    'impactedParty',
    'release',
  ] as const;
  const CONTROL_MESSAGE = 'Remove the control characters (such as a null byte) from it.';
  for (const field of lists) {
    if (view[field].length > MAX_FILTER_VALUES)
      problems.push({ field, message: `Give at most ${MAX_FILTER_VALUES} values.` });
    if (view[field].some((v) => v.length > MAX_VALUE_LENGTH))
      problems.push({ field, message: `A value can be at most ${MAX_VALUE_LENGTH} characters.` });
    if (view[field].some((v) => CONTROL_CHARACTERS.test(v)))
      problems.push({ field, message: CONTROL_MESSAGE });
  }
  if (view.q !== null && view.q.length > MAX_QUERY_LENGTH)
    problems.push({ field: 'q', message: `Search for at most ${MAX_QUERY_LENGTH} characters.` });
  if (view.q !== null && CONTROL_CHARACTERS.test(view.q))
    problems.push({ field: 'q', message: CONTROL_MESSAGE });

  // values already refused above are not looked up (a null byte cannot even be sent to the database)
  const unknown = (field: string, values: readonly string[], known: Set<string>, what: string) => {
    const bad = values.filter((v) => !known.has(v) && !CONTROL_CHARACTERS.test(v));
    if (bad.length)
      problems.push({ field, message: `${bad.map((v) => `"${v}"`).join(', ')} is not ${what}.` });
  };
  unknown('stage', view.stage, new Set(rules.lifecycle.stages.map((s) => s.slug)), 'a stage');
  unknown('path', view.path, new Set(rules.lifecycle.paths.map((p) => p.slug)), 'a path');
  unknown('impactedParty', view.impactedParty, new Set(rules.register.impactedParties), 'an impacted party');
  if (view.committee.length)
    unknown(
      'committee',
      view.committee,
      new Set((await listCodeCommittees(db, rules.id)).map((c) => c.ref)),
      `a committee of the ${rules.id}`,
    );
  if (view.release.length)
    unknown(
      'release',
      view.release,
      new Set((await listCodeReleases(db, rules.id)).map((r) => r.ref)),
      `a release of the ${rules.id}`,
    );
  if (view.organisation.length)
    unknown(
      'organisation',
      view.organisation,
      await findOrganisationSlugs(
        db,
        view.organisation.filter((v) => !CONTROL_CHARACTERS.test(v)),
      ),
      'an organisation',
    );

  for (const field of ['raisedFrom', 'raisedTo'] as const) {
    const value = view[field];
    if (value !== null && !isIsoDate(value))
      problems.push({ field, message: `Give a date as YYYY-MM-DD, for example 2019-10-16, not "${value}".` });
  }
  if (
    view.raisedFrom &&
    view.raisedTo &&
    isIsoDate(view.raisedFrom) &&
    isIsoDate(view.raisedTo) &&
    view.raisedFrom > view.raisedTo
  )
    problems.push({
      field: 'raisedTo',
      message: 'The end of the raised dates must not be before the start.',
    });

  const sort = one(query.sort);
  view.sort = view.q ? 'relevance' : 'raised-asc';
  if (sort === null) {
    // the default: best match first when searching, else oldest first
  } else if (!(PROPOSAL_SORTS as readonly string[]).includes(sort))
    problems.push({ field: 'sort', message: `Sort by one of ${PROPOSAL_SORTS.join(', ')}, not "${sort}".` });
  else if (sort === 'relevance' && !view.q)
    problems.push({ field: 'sort', message: 'Sort by relevance only when searching (give q).' });
  else view.sort = sort as ProposalSort;

  if (problems.length) throw new ListProposalsInputError(problems, view);
  return view;
}

function filtersOf(view: RegisterView): ProposalFilters {
  return {
    stages: view.stage,
    paths: view.path,
    committees: view.committee,
    organisations: view.organisation,
    affectedDocuments: view.affectedDocument,
    impactedParties: view.impactedParty,
    releases: view.release,
    raisedFrom: view.raisedFrom,
    raisedTo: view.raisedTo,
    q: view.q,
  };
}

/** ts_headline's text with its markers, as parts; null for nothing to show. */
function snippetParts(headline: string | null): SnippetPart[] | null {
  if (headline === null) return null;
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const clean = text.replace(/\s+/g, ' ');
    if (clean !== '') parts.push({ text: clean, match });
  };
  for (const [i, piece] of headline.split(SNIPPET_START).entries()) {
    if (i === 0) {
      push(piece.replaceAll(SNIPPET_STOP, ''), false);
      continue;
    }
    const stop = piece.indexOf(SNIPPET_STOP);
    if (stop < 0) push(piece, false);
    else {
      push(piece.slice(0, stop), true);
      push(piece.slice(stop + 1).replaceAll(SNIPPET_STOP, ''), false);
    }
  }
  const first = parts[0];
  if (first && !first.match) first.text = first.text.trimStart();
  const last = parts[parts.length - 1];
  if (last && !last.match) last.text = last.text.trimEnd();
  return parts.some((p) => p.text !== '') ? parts : null;
}

/** Whether a view narrows the register at all (the sort alone does not). */
export function isNarrowed(view: RegisterView): boolean {
  return (
    view.q !== null ||
    view.raisedFrom !== null ||
    view.raisedTo !== null ||
    [
      view.stage,
      view.path,
      view.committee,
      view.organisation,
      view.affectedDocument,
      view.impactedParty,
      view.release,
    ].some((list) => list.length > 0)
  );
}

export async function listProposals(
  deps: ListProposalsDeps,
  input: ListProposalsInput,
): Promise<ProposalPage> {
  const { db, rules } = deps;
  const view = await understand(deps, input);
  const download = input.download;
  const page = download ? 1 : Math.max(1, Math.trunc(input.page ?? 1));
  const pageSize = download
    ? Math.min(DOWNLOAD_CAP, Math.max(1, Math.trunc(download.cap ?? DOWNLOAD_CAP)))
    : Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(input.pageSize ?? DEFAULT_PAGE_SIZE)));
  const scope = { codeId: rules.id, viewer: input.viewer };
  const filters = filtersOf(view);

  const total = await countVisibleProposals(db, scope, filters);
  const rows =
    (page - 1) * pageSize < total
      ? await listVisibleProposals(
          db,
          scope,
          { limit: pageSize, offset: (page - 1) * pageSize },
          { filters, sort: view.sort },
        )
      : [];

  const stageLabels = new Map(rules.lifecycle.stages.map((s) => [s.slug, s.label]));
  const pathLabels = new Map(rules.lifecycle.paths.map((p) => [p.slug, p.label]));
  return {
    view,
    narrowed: isNarrowed(view),
    items: rows.map((row) => ({
      id: row.reference,
      title: row.title,
      stage: row.stage,
      stageLabel: stageLabels.get(row.stage) ?? row.stage,
      path: row.path,
      pathLabel: row.path === null ? null : (pathLabels.get(row.path) ?? row.path),
      raised: row.raised,
      classification: row.classification,
      affectedDocuments: row.affectedDocuments,
      impactedParties: row.impactedParties,
      proposer: {
        id: row.proposer.slug,
        name: row.proposer.name,
        organisation: {
          id: row.proposerOrganisation.slug,
          name: row.proposerOrganisation.name,
          shortName: row.proposerOrganisation.shortName,
        },
      },
      snippet: view.q ? snippetParts(row.headline) : null,
    })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    capped: download !== undefined && total > rows.length,
  };
}

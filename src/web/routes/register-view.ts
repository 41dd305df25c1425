// The register's view in URLs and on the page: read from a query string, written back as links (pagination,
// sort, "remove" on each active filter, the downloads), and shown as the filter panel. Pure functions; no HTML
// is built here but the search snippet's, from escaped text.
import {
  DOWNLOAD_CAP,
  type InputProblem,
  type ProposalPage,
  type ProposalSort,
  type RegisterQuery,
  type RegisterView,
  type SnippetPart,
} from '../../app/list-proposals.ts';
import type { RegisterChoices } from '../../app/list-register-choices.ts';
import { formatDate, humanise, registerPagination } from './presenters.ts';

/** The repeatable filters, in the order a URL lists them. */
export const LIST_PARAMS = [
  'stage',
  'path',
  'committee',
  'organisation',
  'affectedDocument',
  'impactedParty',
  'release',
] as const;
type ListParam = (typeof LIST_PARAMS)[number];

type RawQuery = Record<string, unknown>;

function stringsOf(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** The register's parameters out of a parsed query string (anything else is ignored). */
export function registerQueryFrom(raw: RawQuery): RegisterQuery {
  const last = (value: unknown) => {
    const s = stringsOf(value);
    return Array.isArray(s) ? s[s.length - 1] : s;
  };
  const query: RegisterQuery = {
    q: last(raw.q),
    raisedFrom: last(raw.raisedFrom),
    raisedTo: last(raw.raisedTo),
    sort: last(raw.sort),
  };
  for (const name of LIST_PARAMS) query[name] = stringsOf(raw[name]);
  return query;
}

/** Does the query string carry empty parameters (an unfilled form field), so the view has a cleaner URL? */
export function hasEmptyParameters(raw: RawQuery): boolean {
  return Object.values(raw).some((v) =>
    Array.isArray(v) ? v.some((x) => typeof x === 'string' && x.trim() === '') : v === '',
  );
}

const defaultSort = (view: Pick<RegisterView, 'q'>): ProposalSort => (view.q ? 'relevance' : 'raised-asc');

/** The view's query string: only what differs from the whole register in its default order. */
export function registerSearchParams(view: RegisterView, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.append('q', view.q);
  for (const name of LIST_PARAMS) for (const value of view[name]) params.append(name, value);
  if (view.raisedFrom) params.append('raisedFrom', view.raisedFrom);
  if (view.raisedTo) params.append('raisedTo', view.raisedTo);
  if (view.sort !== defaultSort(view)) params.append('sort', view.sort);
  if (page > 1) params.append('page', String(page));
  return params;
}

/** The URL of a view (at a page), on the register or one of its downloads. */
export function registerHref(view: RegisterView, page = 1, path = '/'): string {
  const query = registerSearchParams(view, page).toString();
  return query ? `${path}?${query}` : path;
}

/** The view less one filter value (or the search): where an active filter's "Remove" link goes. */
function without(view: RegisterView, name: ListParam | 'q' | 'raisedFrom' | 'raisedTo', value?: string) {
  const next: RegisterView = { ...view };
  if (name === 'q') {
    next.q = null;
    if (view.sort === 'relevance') next.sort = 'raised-asc';
  } else if (name === 'raisedFrom' || name === 'raisedTo') next[name] = null;
  else next[name] = view[name].filter((v) => v !== value);
  return next;
}

export interface ActiveFilter {
  label: string;
  value: string;
  removeHref: string;
}

const PARAM_LABELS: Readonly<Record<ListParam | 'q' | 'raisedFrom' | 'raisedTo', string>> = {
  q: 'Search',
  stage: 'Stage',
  path: 'Path',
  committee: 'Impacts for',
  organisation: 'Proposer’s organisation',
  affectedDocument: 'Affected document',
  impactedParty: 'Impacted party',
  release: 'Release',
  raisedFrom: 'Raised from',
  raisedTo: 'Raised to',
};

/** Each filter in force, with its label and the link that removes it. */
export function activeFilters(view: RegisterView, choices: RegisterChoices): ActiveFilter[] {
  const labelOf: Record<ListParam, (value: string) => string> = {
    stage: (v) => choices.stages.find((s) => s.slug === v)?.label ?? v,
    path: (v) => choices.paths.find((p) => p.slug === v)?.label ?? v,
    committee: (v) => choices.committees.find((c) => c.ref === v)?.name ?? v,
    organisation: (v) => choices.organisations.find((o) => o.id === v)?.name ?? v,
    affectedDocument: (v) => v,
    impactedParty: (v) => humanise(v),
    release: (v) => choices.releases.find((r) => r.ref === v)?.name ?? v,
  };
  const out: ActiveFilter[] = [];
  if (view.q)
    out.push({ label: PARAM_LABELS.q, value: `“${view.q}”`, removeHref: registerHref(without(view, 'q')) });
  for (const name of LIST_PARAMS)
    for (const value of view[name])
      out.push({
        label: PARAM_LABELS[name],
        value: labelOf[name](value),
        removeHref: registerHref(without(view, name, value)),
      });
  for (const name of ['raisedFrom', 'raisedTo'] as const) {
    const value = view[name];
    if (value)
      out.push({
        label: PARAM_LABELS[name],
        value: formatDate(value),
        removeHref: registerHref(without(view, name)),
      });
  }
  return out;
}

const SORT_LABELS: Readonly<Record<ProposalSort, string>> = {
  relevance: 'Best match',
  'raised-asc': 'Oldest first',
  'raised-desc': 'Newest first',
  reference: 'Reference',
  title: 'Title (A to Z)',
};

/** The ways the view can be sorted, as links (the current one is not a link). */
export function sortLinks(view: RegisterView) {
  const sorts: ProposalSort[] = view.q
    ? ['relevance', 'raised-asc', 'raised-desc', 'reference', 'title']
    : ['raised-asc', 'raised-desc', 'reference', 'title'];
  return sorts.map((sort) => ({
    text: SORT_LABELS[sort],
    href: registerHref({ ...view, sort }),
    current: sort === view.sort,
  }));
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A search snippet as HTML: every part escaped, the matches in <mark> elements. Nothing else is markup. */
export function snippetHtml(parts: readonly SnippetPart[] | null): string | null {
  if (!parts) return null;
  return parts.map((p) => (p.match ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}

/** Where each parameter's error takes the reader: its field on the page. */
const FIELD_IDS: Readonly<Record<string, string>> = { sort: 'register-sort', stage: 'stage', path: 'path' };

/** The filter panel's fields as GOV.UK macro parameters, with their values and any problem. */
export function registerFilterFields(
  view: RegisterView,
  choices: RegisterChoices,
  problems: readonly InputProblem[] = [],
) {
  const errorFor = (field: string) => {
    const text = problems
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join(' ');
    return text ? { text } : false;
  };
  const select = (
    name: ListParam,
    label: string,
    hint: string | null,
    options: { value: string; text: string }[],
  ) => ({
    id: name,
    name,
    label: { text: label, classes: 'govuk-label--s' },
    ...(hint ? { hint: { text: hint } } : {}),
    classes: 'govuk-!-width-full',
    items: [
      { value: '', text: 'Any' },
      ...options.map((o) => ({ ...o, selected: view[name].includes(o.value) })),
    ],
    errorMessage: errorFor(name),
  });
  const checkboxes = (
    name: 'stage' | 'path',
    legend: string,
    options: { slug: string; label: string }[],
  ) => ({
    idPrefix: name,
    name,
    classes: 'govuk-checkboxes--small',
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    items: options.map((o) => ({ value: o.slug, text: o.label, checked: view[name].includes(o.slug) })),
    errorMessage: errorFor(name),
  });
  const date = (name: 'raisedFrom' | 'raisedTo', label: string) => ({
    id: name,
    name,
    label: { text: label, classes: 'govuk-label--s' },
    hint: { text: 'As YYYY-MM-DD, for example 2019-10-16' },
    classes: 'govuk-input--width-10',
    value: view[name] ?? '',
    errorMessage: errorFor(name),
  });
  return {
    q: {
      id: 'q',
      name: 'q',
      type: 'search',
      label: { text: 'Search proposals', classes: 'govuk-label--m' },
      hint: { text: 'Words from a title, summary or problem statement. Use "quotes" for a phrase.' },
      value: view.q ?? '',
      spellcheck: false,
      errorMessage: errorFor('q'),
    },
    stage: checkboxes('stage', 'Stage', choices.stages),
    path: checkboxes('path', 'Path', choices.paths),
    committee: select(
      'committee',
      'Impacts for committee',
      'Proposals with anticipated impacts for it',
      choices.committees.map((c) => ({ value: c.ref, text: c.name })),
    ),
    organisation: select(
      'organisation',
      'Proposer’s organisation',
      null,
      choices.organisations.map((o) => ({ value: o.id, text: o.name })),
    ),
    affectedDocument: select(
      'affectedDocument',
      'Affected document',
      null,
      choices.affectedDocuments.map((d) => ({ value: d, text: d })),
    ),
    impactedParty: select(
      'impactedParty',
      'Impacted party',
      null,
      choices.impactedParties.map((p) => ({ value: p, text: humanise(p) })),
    ),
    release: select(
      'release',
      'Release',
      'Proposals implemented in it',
      choices.releases.map((r) => ({ value: r.ref, text: r.name })),
    ),
    raisedFrom: date('raisedFrom', 'Raised on or after'),
    raisedTo: date('raisedTo', 'Raised on or before'),
    /** The sort to keep when the form is sent again (not relevance: the search may be cleared). */
    sort: view.sort !== defaultSort(view) && view.sort !== 'relevance' ? view.sort : null,
    errorList: problems.map((p) => ({
      text: `${PARAM_LABELS[p.field as ListParam] ?? humanise(p.field)}: ${p.message}`,
      href: `#${FIELD_IDS[p.field] ?? p.field}`,
    })),
  };
}

/** Everything register.njk shows: the form, the results (null when the query was refused), the links. */
export function registerPageContext(
  page: ProposalPage | null,
  view: RegisterView,
  choices: RegisterChoices,
  problems: readonly InputProblem[] = [],
) {
  const fields = registerFilterFields(view, choices, problems);
  const filters = activeFilters(view, choices);
  const downloadQuery = registerSearchParams(view).toString();
  return {
    view,
    fields,
    // the filter panel starts open when a filter (not just the search) is in force, or has a problem
    filtersOpen: filters.some((f) => f.label !== 'Search') || problems.length > 0,
    activeFilters: filters,
    clearHref: '/',
    page: page && {
      ...page,
      items: page.items.map((item) => ({ ...item, snippetParts: item.snippet ?? [] })),
    },
    firstShown: page && page.items.length ? (page.page - 1) * page.pageSize + 1 : 0,
    lastShown: page ? (page.page - 1) * page.pageSize + page.items.length : 0,
    pagination: page ? registerPagination(page, (n) => registerHref(view, n)) : null,
    sortLinks: sortLinks(view),
    sortCaption: SORT_LABELS[view.sort].toLowerCase(),
    downloads: page && {
      csv: `/proposals.csv${downloadQuery ? `?${downloadQuery}` : ''}`,
      json: `/proposals.json${downloadQuery ? `?${downloadQuery}` : ''}`,
      capped: page.total > DOWNLOAD_CAP,
      cap: DOWNLOAD_CAP,
    },
  };
}

// Turns use-case results into what the page templates show: dates, labels, summary-list rows, pagination.
// Pure functions; no HTML is built here (templates escape every value).
import type { ProposalDetail, ProposalHistoryEntry } from '../../app/get-proposal.ts';
import type { ProposalTimetable } from '../../app/get-proposal-timetable.ts';
import type { ProposalPage } from '../../app/list-proposals.ts';
import type { Milestone } from '../../domain/timetable/timetable.models.ts';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const numberFormat = new Intl.NumberFormat('en-GB');

/** "2019-10-16" -> "16 October 2019"; other text comes back unchanged, a non-string as ''. */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dateFormat.format(new Date(`${value}T00:00:00Z`));
}

export function formatNumber(value: unknown): string {
  return typeof value === 'number' ? numberFormat.format(value) : '';
}

const ACRONYMS: Readonly<Record<string, string>> = { dcc: 'DCC', sec: 'SEC', rfi: 'RFI' };
const SMALL_WORDS = new Set(['for', 'of', 'and', 'the', 'to', 'on']);

/** A slug as words: "other_sec_party" -> "Other SEC Party", "request_for_information" -> "Request for Information". */
export function humanise(slug: string): string {
  return slug
    .split(/[_-]+/)
    .filter(Boolean)
    .map(
      (word, i) =>
        ACRONYMS[word] ?? (i > 0 && SMALL_WORDS.has(word) ? word : word[0]?.toUpperCase() + word.slice(1)),
    )
    .join(' ');
}

/** Outcomes read as what happened. Other facts fall back to their words. */
const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  approve: 'Approved',
  reject: 'Rejected',
  deferred: 'Deferred',
  send_back: 'Sent back',
};

export interface Fact {
  label: string;
  value: string;
}

export type SummaryListRow = { key: { text: string }; value: { text: string } };

/** "Emslie Law, SSE"; a team or a person without an organisation is just the name. */
function personWithOrganisation(person: ProposalDetail['proposer'] | null): string {
  if (!person) return 'Not assigned';
  const organisation = person.organisation;
  if (!organisation || person.kind === 'team') return person.name;
  return `${person.name}, ${organisation.shortName ?? organisation.name}`;
}

export function proposalFacts(proposal: ProposalDetail): SummaryListRow[] {
  const rows: [string, string][] = [
    ['Reference', proposal.id],
    ['Stage', proposal.stageLabel],
    ['Path', proposal.pathLabel ?? 'Not yet decided'],
    ['Proposer', personWithOrganisation(proposal.proposer)],
    ['Lead Analyst', personWithOrganisation(proposal.leadAnalyst)],
    ['Raised', formatDate(proposal.raised)],
    ['Classification', proposal.classificationLabel],
    ['Urgent', proposal.urgent ? 'Yes' : 'No'],
    ['Fast-Track', proposal.fastTrack ? 'Yes' : 'No'],
  ];
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/** The facts a timeline entry shows under its label: who, outcome, consultation, closing date, release. */
export function historyFacts(entry: ProposalHistoryEntry, stageLabel: (slug: string) => string): Fact[] {
  const facts: Fact[] = [];
  if (entry.byName ?? entry.by) facts.push({ label: 'By', value: entry.byName ?? entry.by ?? '' });
  for (const [name, value] of Object.entries(entry.facts)) {
    if (name === 'release') continue;
    if (name === 'outcome') facts.push({ label: 'Outcome', value: OUTCOME_LABELS[value] ?? humanise(value) });
    else if (name === 'stage') facts.push({ label: 'Stage', value: stageLabel(value) });
    else if (name === 'closes' || name === 'opens')
      facts.push({ label: humanise(name), value: formatDate(value) });
    else facts.push({ label: humanise(name), value: humanise(value) });
  }
  if (entry.release) facts.push({ label: 'Release', value: entry.releaseName ?? entry.release });
  return facts;
}

/** govukTag parameters. */
export interface TagParams {
  text: string;
  classes: string;
}

/** One row of a proposal's timetable as the page shows it. */
export interface MilestoneRow {
  label: string;
  due: string;
  dueText: string;
  /** How the date was worked out, as a sentence: "5 working days before the meeting on 5 November 2019". */
  basis: string;
  /** "Overdue" (red) or "Done" (green: a paper issued before its date, which has passed). */
  tag: TagParams | null;
  /** "Due today", "In 4 working days", "2 working days late". */
  note: string | null;
}

const workingDays = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/** ISO dates in a milestone's basis read as dates, and the basis as a sentence. */
function basisText(basis: string): string {
  const text = basis.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => formatDate(date));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A milestone for the timetable table: its date, how it was worked out, and how near or late it is. */
export function milestoneRow(milestone: Milestone, asOf: string): MilestoneRow {
  const n = milestone.workingDaysLeft;
  let tag: TagParams | null = null;
  let note: string | null = null;
  if (milestone.overdue) {
    tag = { text: 'Overdue', classes: 'govuk-tag--red' };
    if (n < 0) note = `${workingDays(-n)} late`;
  } else if (milestone.due < asOf) {
    // due before today and not overdue: it was done (a paper issued before its meeting)
    tag = { text: 'Done', classes: 'govuk-tag--green' };
  } else if (milestone.due === asOf) {
    note = 'Due today';
  } else if (n > 0) {
    note = `In ${workingDays(n)}`;
  }
  return {
    label: milestone.label,
    due: milestone.due,
    dueText: formatDate(milestone.due),
    basis: basisText(milestone.basis),
    tag,
    note,
  };
}

export function timetableRows(timetable: Pick<ProposalTimetable, 'asOf' | 'milestones'>): MilestoneRow[] {
  return timetable.milestones.map((milestone) => milestoneRow(milestone, timetable.asOf));
}

export interface PaginationParams {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/** govukPagination parameters: the first, last and neighbouring pages, with ellipses between. */
export function registerPagination(page: Pick<ProposalPage, 'page' | 'pageCount'>): PaginationParams | null {
  if (page.pageCount <= 1) return null;
  const href = (n: number) => (n === 1 ? '/' : `/?page=${n}`);
  const shown = [...new Set([1, page.page - 1, page.page, page.page + 1, page.pageCount])]
    .filter((n) => n >= 1 && n <= page.pageCount)
    .sort((a, b) => a - b);
  const items: PaginationParams['items'] = [];
  let last = 0;
  for (const n of shown) {
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page.page });
    last = n;
  }
  return {
    ...(page.page > 1 ? { previous: { href: href(page.page - 1) } } : {}),
    ...(page.page < page.pageCount ? { next: { href: href(page.page + 1) } } : {}),
    items,
  };
}

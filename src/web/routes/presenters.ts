// Turns use-case results into what the page templates show: dates, labels, summary-list rows, pagination.
// Pure functions; no HTML is built here (templates escape every value).
import { PROBLEM_STATEMENT_SECTIONS, SECTION_HEADINGS } from '../../domain/proposals/problem-statement.ts';
import type { ProposalDetail, ProposalHistoryEntry } from '../../app/get-proposal.ts';
import type { ProposalAuditEntry } from '../../app/get-proposal-audit.ts';
import type { RecordableEvent } from '../../app/list-recordable-events.ts';
import type { Actor, FactDef } from '../../domain/lifecycle/lifecycle.models.ts';
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

/**
 * govukPagination parameters: the first, last and neighbouring pages, with ellipses between. `href` gives a
 * page's URL (the register's filtered view keeps its query); by default the whole register's.
 */
export function registerPagination(
  page: Pick<ProposalPage, 'page' | 'pageCount'>,
  href: (n: number) => string = (n) => (n === 1 ? '/' : `/?page=${n}`),
): PaginationParams | null {
  if (page.pageCount <= 1) return null;
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

// ---- the "Record an event" form on a proposal's page ----

/** A problem with the form, by the use case's name for the field: event, on, by, facts.<name>. */
export interface FieldError {
  field: string;
  text: string;
}

/** The form as posted: its fields by name. */
export type FormValues = Readonly<Record<string, string>>;

/** A field of one event's part of the form: `<event>.<name>` (name), `<event>-<name>` (id). */
export const recordFieldName = (event: string, name: string) => `${event}.${name}`;
export const recordFieldId = (event: string, name: string) => `${event}-${name}`;

const ACTOR_LABELS: Readonly<Record<Actor, string>> = {
  import: 'the import',
  analyst: 'analyst',
  proposer: 'proposer',
  panel: 'the Panel',
  change_board_member: 'Change Board member',
  authority: 'the Authority',
};

export const FACT_LABELS: Readonly<Record<FactDef['name'], string>> = {
  consultation: 'Consultation',
  closes: 'Closing date',
  outcome: 'Outcome',
  release: 'Release',
  stage: 'Stage',
  reason: 'Reason',
};

/** "send_back" -> "Send back". */
const sentence = (slug: string) => {
  const words = slug.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Where a field's error message goes: the field's id and the summary's link (a date's day box). */
function fieldTarget(event: RecordableEvent | undefined, field: string): { id: string; href: string } {
  if (field === 'on') return { id: 'on', href: '#on-day' };
  if (!event || field === 'event') return { id: 'event', href: '#event' };
  const name = field.startsWith('facts.') ? field.slice('facts.'.length) : field;
  const id = recordFieldId(event.event, name);
  const isDate = event.facts.some((f) => f.name === name && f.kind === 'date');
  return { id, href: `#${id}${isDate ? '-day' : ''}` };
}

type MacroField = { macro: 'radios' | 'select' | 'input' | 'dateInput'; params: Record<string, unknown> };

const dateItems = (
  prefix: string,
  values: FormValues,
  fallback: Partial<Record<string, string>>,
  error: boolean,
) =>
  (['day', 'month', 'year'] as const).map((part) => ({
    name: part,
    classes: `govuk-input--width-${part === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`,
    value: values[`${prefix}-${part}`] ?? fallback[part] ?? '',
  }));

function eventFields(
  event: RecordableEvent,
  values: FormValues,
  errorFor: (id: string) => string | undefined,
) {
  const fields: MacroField[] = [];
  const errorMessage = (id: string) => {
    const text = errorFor(id);
    return text === undefined ? false : { text };
  };
  if (event.by) {
    const id = recordFieldId(event.event, 'by');
    const name = recordFieldName(event.event, 'by');
    fields.push({
      macro: 'select',
      params: {
        id,
        name,
        label: { text: 'Made by', classes: 'govuk-label--s' },
        items: [
          ...(event.by.required ? [] : [{ value: '', text: 'Not recorded' }]),
          ...event.by.committees.map((c) => ({
            value: c.ref,
            text: c.name,
            selected: values[name] === c.ref,
          })),
        ],
        errorMessage: errorMessage(id),
      },
    });
  }
  for (const fact of event.facts) {
    const id = recordFieldId(event.event, fact.name);
    const name = recordFieldName(event.event, fact.name);
    const label = `${FACT_LABELS[fact.name]}${fact.required ? '' : ' (optional)'}`;
    const legend = { text: label, classes: 'govuk-fieldset__legend--s' };
    if (fact.values)
      fields.push({
        macro: 'radios',
        params: {
          idPrefix: id,
          name,
          classes: 'govuk-radios--small',
          fieldset: { legend },
          items: fact.values.map((value) => ({
            value,
            text: fact.name === 'outcome' ? (OUTCOME_LABELS[value] ?? sentence(value)) : sentence(value),
            checked: values[name] === value,
          })),
          errorMessage: errorMessage(id),
        },
      });
    else if (fact.kind === 'date')
      fields.push({
        macro: 'dateInput',
        params: {
          id,
          namePrefix: name,
          fieldset: { legend },
          hint: { text: 'For example, 27 3 2020' },
          items: dateItems(name, values, {}, errorFor(id) !== undefined),
          errorMessage: errorMessage(id),
        },
      });
    else
      fields.push({
        macro: 'input',
        params: {
          id,
          name,
          label: { text: label, classes: 'govuk-label--s' },
          ...(fact.kind === 'release'
            ? { hint: { text: 'The release’s reference, for example 2020-11' } }
            : {}),
          classes: fact.kind === 'release' ? 'govuk-input--width-10' : '',
          value: values[name] ?? '',
          errorMessage: errorMessage(id),
        },
      });
  }
  return fields;
}

/**
 * The "Record an event" form: a radio for each event the user may record now (and only those), each revealing
 * its committee and facts (shown all at once without JavaScript), then the date, today unless posted otherwise.
 */
export function recordEventForm(input: {
  events: readonly RecordableEvent[];
  today: string;
  values: FormValues;
  errors: readonly FieldError[];
}) {
  const { events, values } = input;
  const chosen = events.find((e) => e.event === values.event);
  const targeted = input.errors.map((e) => ({ ...fieldTarget(chosen, e.field), text: e.text }));
  const errorFor = (id: string) => targeted.find((t) => t.id === id)?.text;
  const [year, month, day] = input.today.split('-').map((part) => String(Number(part)));
  const onError = errorFor('on');
  return {
    errorList: targeted.map((t) => ({ text: t.text, href: t.href })),
    eventError: errorFor('event') ?? null,
    events: events.map((event, i) => ({
      value: event.event,
      id: i === 0 ? 'event' : `event-${event.event}`,
      label: event.label,
      hint: `You record it as ${ACTOR_LABELS[event.as]}.`,
      checked: values.event === event.event || (values.event === undefined && events.length === 1),
      fields: eventFields(event, values, errorFor),
    })),
    date: {
      id: 'on',
      namePrefix: 'on',
      fieldset: { legend: { text: 'When did it happen?', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'For example, 27 3 2020' },
      items: dateItems('on', values, { day, month, year }, onError !== undefined),
      errorMessage: onError === undefined ? false : { text: onError },
    },
  };
}

// ---- a proposal's change history (its audit records) ----

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  reference: 'Reference',
  stage: 'Stage',
  on: 'Date',
  by: 'By',
  title: 'Title',
  summary: 'Summary',
  problemStatement: 'Problem statement',
  proposer: 'Proposer',
  kind: 'Kind',
  rule: 'Rule',
};
const HIDDEN_AUDIT_FIELDS = new Set(['event', 'as']);
const AUDIT_FIELD_ORDER: readonly string[] = [
  'reference',
  'stage',
  'title',
  'proposer',
  'on',
  'by',
  'outcome',
  'consultation',
  'closes',
  'release',
  'reason',
  'kind',
  'rule',
];

export interface AuditRow {
  at: string;
  when: string;
  who: string;
  /** "as analyst", for a user acting as a lifecycle actor. */
  as: string | null;
  what: string;
  changes: { label: string; before: string | null; after: string }[];
}

/** The change history's rows: when, who, what, and each field's value before and after. */
/** An edit's impacts (`{ OPSG: text | null }`), as one change per committee whose impact changed. */
function impactChanges(before: unknown, after: unknown) {
  const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const was = asRecord(before);
  const now = asRecord(after);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return [...new Set([...Object.keys(was), ...Object.keys(now)])]
    .sort()
    .filter((committee) => text(was[committee]) !== text(now[committee]))
    .map((committee) => ({
      label: `Impact on ${committee}`,
      before: text(was[committee]) || '(none)',
      after: text(now[committee]) || '(removed)',
    }));
}

/** A problem statement version's sections, as one change per section that changed, under its heading. */
function sectionChanges(before: unknown, after: unknown) {
  const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const was = asRecord(before);
  const now = asRecord(after);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return PROBLEM_STATEMENT_SECTIONS.filter((section) => text(was[section]) !== text(now[section])).map(
    (section) => ({
      label: `Problem statement: ${SECTION_HEADINGS[section]}`,
      before: text(was[section]) || null,
      after: text(now[section]),
    }),
  );
}

export function auditRows(
  entries: readonly ProposalAuditEntry[],
  labels: { stage: (slug: string) => string; event: (slug: string) => string },
): AuditRow[] {
  const show = (name: string, value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'string') return JSON.stringify(value);
    if (name === 'stage') return labels.stage(value);
    if (name === 'on' || name === 'closes' || name === 'raised') return formatDate(value);
    if (name === 'outcome') return OUTCOME_LABELS[value] ?? sentence(value);
    if (name === 'consultation' || name === 'kind') return sentence(value);
    return value;
  };
  return entries.map((entry) => {
    const before = entry.before ?? {};
    const after = entry.after ?? {};
    // in a fixed order (a JSONB object keeps its keys in its own order), the unknown ones last
    const rank = (name: string) => (AUDIT_FIELD_ORDER.includes(name) ? AUDIT_FIELD_ORDER.indexOf(name) : 99);
    const names = [...new Set([...Object.keys(after), ...Object.keys(before)])]
      .filter((name) => !HIDDEN_AUDIT_FIELDS.has(name))
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const changes = names.flatMap((name) => {
      if (name === 'impacts') return impactChanges(before.impacts, after.impacts);
      if (name === 'sections') return sectionChanges(before.sections, after.sections);
      const was = name in before ? show(name, before[name]) : null;
      const now = show(name, after[name]);
      if (was === now) return [];
      return [{ label: AUDIT_FIELD_LABELS[name] ?? humanise(name), before: was, after: now }];
    });
    const event = typeof after.event === 'string' ? after.event : null;
    const what =
      entry.action === 'proposal.imported'
        ? 'Imported from a register file'
        : entry.action === 'proposal.raised'
          ? 'Raised'
          : entry.action === 'proposal.transitioned' && event
            ? labels.event(event)
            : humanise(entry.action.replaceAll('.', '_'));
    const who =
      entry.who.kind === 'user' ? entry.who.name : entry.who.kind === 'import' ? 'Import' : 'System';
    const as = entry.as && entry.as in ACTOR_LABELS ? `as ${ACTOR_LABELS[entry.as as Actor]}` : null;
    return { at: entry.at.toISOString(), when: timeFormat.format(entry.at), who, as, what, changes };
  });
}

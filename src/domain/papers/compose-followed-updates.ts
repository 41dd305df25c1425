// The monthly paper's "Updates on proposals the committee follows": for each proposal the committee has said it
// wants to give further input on, what happened to it in the paper's period. Pure: the facts come in, a section
// (or nothing) and the author's notices go out. The words are the code's (FollowedUpdatesWording, in the rules
// pack); the rules are here:
// - a followed proposal is listed when its history has an event in the period (both days included), other than
//   those the code says are not news (a register's bookkeeping); one with none is not mentioned at all;
// - it is listed under the reference it has now (DP090 that converted is MP090), in number order, each event
//   on a line of its own in the order it happened: the lifecycle's label for it, its facts where the code names
//   them, the committee that made it happen and the date;
// - it is shown only if the rest of the paper could show it (leftOutOfPaper: the paper's classification and
//   who reads it); if not, nothing of it reaches the model and a notice tells the author;
// - with nothing to list, there is no section.
import type { RegisterVocabulary } from '../rules-pack.ts';
import { leftOutOfPaper } from './paper-audience.ts';
import type { Block, CompositionNotice, PaperSection } from './paper.models.ts';
import { fillTemplate, formatLongDate, templateRuns } from './paper-text.ts';

/** A code's words for the section, with {placeholders}. */
export interface FollowedUpdatesWording {
  title: string;
  /** {committee} {from} {to} */
  intro: readonly string[];
  /** {reference} {title}: the reference it has now. */
  heading: string;
  /** {event} {date}; the second when the register names the committee that made it happen: {by}. */
  event: string;
  eventBy: string;
  /** The facts printed after an event's label, in brackets, by fact name: {value}. Other facts are not printed. */
  facts: Readonly<Record<string, string>>;
  /** How a fact's value is printed, by value; another value is printed with its underscores as spaces. */
  values: Readonly<Record<string, string>>;
  /** Events that are not news to a committee (a register's bookkeeping), by slug: never listed. */
  notNews: readonly string[];
}

export interface FollowedEventFacts {
  /** The event's slug, and its label in the code's lifecycle: "Converted to Modification Proposal". */
  event: string;
  label: string;
  /** YYYY-MM-DD */
  on: string;
  /** The name of the committee that made it happen, when the register says. */
  by: string | null;
  facts: Readonly<Record<string, string>>;
}

export interface FollowedProposalFacts {
  /** The reference it has now: MP090 once DP090 has converted. */
  reference: string;
  title: string;
  classification: string;
  /** Whether it names the paper's committee (has anticipated impacts recorded for it). */
  namesCommittee: boolean;
  /** Its history around the period, in the order recorded; the composer picks the events in the period. */
  events: readonly FollowedEventFacts[];
}

export interface FollowedUpdatesInput {
  paper: {
    /** A classification slug of the code. */
    classification: string;
    period: { from: string; to: string };
  };
  committee: { ref: string; name: string };
  /** The proposals the committee follows (its decision is yes). */
  followed: readonly FollowedProposalFacts[];
}

export interface FollowedUpdates {
  /** Null when no followed proposal moved in the period (or none may be shown). */
  section: Omit<PaperSection, 'number'> | null;
  notices: CompositionNotice[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function composeFollowedUpdates(
  register: RegisterVocabulary,
  wording: FollowedUpdatesWording,
  input: FollowedUpdatesInput,
): FollowedUpdates {
  const { period } = input.paper;
  const inPeriod = (e: FollowedEventFacts) =>
    e.on >= period.from && e.on <= period.to && !wording.notNews.includes(e.event);
  const number = (reference: string) => {
    const digits = register.proposalReference.exec(reference)?.[2];
    return digits === undefined ? Number.POSITIVE_INFINITY : Number(digits);
  };

  const notices: CompositionNotice[] = [];
  const shown: { facts: FollowedProposalFacts; events: FollowedEventFacts[] }[] = [];
  for (const facts of input.followed) {
    const events = facts.events
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => inPeriod(e))
      .sort((a, b) => (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : a.i - b.i))
      .map(({ e }) => e);
    if (events.length === 0) continue;
    const notice = leftOutOfPaper(
      register,
      { committee: input.committee.ref, classification: input.paper.classification },
      facts,
      facts.reference,
    );
    if (notice) {
      notices.push(notice);
      continue;
    }
    shown.push({ facts, events });
  }
  if (shown.length === 0) return { section: null, notices };
  shown.sort(
    (a, b) =>
      number(a.facts.reference) - number(b.facts.reference) ||
      a.facts.reference.localeCompare(b.facts.reference),
  );

  const value = (v: string) =>
    wording.values[v] ?? (ISO_DATE.test(v) ? formatLongDate(v) : v.replaceAll('_', ' '));
  const sentence = (e: FollowedEventFacts): string => {
    const details = Object.entries(e.facts).flatMap(([name, v]) => {
      const template = wording.facts[name];
      return template === undefined ? [] : [fillTemplate(template, { value: value(v) })];
    });
    const event = details.length > 0 ? `${e.label} (${details.join(', ')})` : e.label;
    const date = formatLongDate(e.on);
    return e.by
      ? fillTemplate(wording.eventBy, { event, by: e.by, date })
      : fillTemplate(wording.event, { event, date });
  };
  const base = {
    committee: input.committee.name,
    from: formatLongDate(period.from),
    to: formatLongDate(period.to),
  };
  const blocks: Block[] = [
    ...wording.intro.map((t): Block => ({ type: 'paragraph', runs: templateRuns(t, base) })),
    ...shown.flatMap(({ facts, events }): Block[] => [
      {
        type: 'heading',
        level: 3,
        runs: [{ text: fillTemplate(wording.heading, { reference: facts.reference, title: facts.title }) }],
      },
      { type: 'list', ordered: false, items: events.map((e) => [{ text: sentence(e) }]) },
    ]),
  ];
  return { section: { title: wording.title, blocks }, notices };
}

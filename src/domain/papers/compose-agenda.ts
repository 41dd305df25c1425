// A meeting's agenda (type agenda), composed from what is due at that meeting. Pure: no database, no I/O, no
// output format. The words are the code's (AgendaWording, in the rules pack); the order and the rules are here:
// - each agenda item is a numbered section, numbered as the register numbers it: a stored paper of the
//   meeting is listed under its own agenda item (OPSG_26_0511_16 is item 16), with its reference, action and
//   classification; papers sharing an item share its section; a paper with no item number follows the
//   numbered ones, each taking the next free number;
// - the code's standing items open (items 1, 2, ...) and close the agenda; a paper stored under a standing
//   item's number is listed under that item's title;
// - after the papers, "Proposals awaiting the <committee>": every proposal whose current stage lists this
//   committee (the timetable's stageCommittees), grouped by stage in lifecycle order, in number order; the
//   item is left out when no stage of the code lists the committee;
// - before that, "Actions from previous meetings": the committee's actions from earlier meetings still open,
//   when there are any (committee business, never classified, so always shown);
// - the agenda has its own classification (the banner): a paper or a proposal classified above it (or with a
//   classification the code does not have) is left out entirely, and a notice tells the author; nothing of it,
//   not even its title, reaches the model;
// - its reference is the code's agenda pattern filled from the meeting (OPSG_26_0511_Agenda), unless a stored
//   agenda record gives one; it is signed by the secretariat.
import type { Labelled, RegisterVocabulary } from '../rules-pack.ts';
import {
  bannerRuns,
  fillTemplate,
  formatLongDate,
  PaperCompositionError,
  templateRuns,
} from './compose-new-proposals-summary.ts';
import type { Block, ComposedPaper, CompositionNotice, Inline, PaperSection } from './paper.models.ts';

/** A code's words for a meeting agenda, with {placeholders}; sentence templates may mark bold with **. */
export interface AgendaWording {
  /** The agenda's reference when no stored record gives one. {committee} {meeting} {ddmm} */
  reference: string;
  /** {committee} {meeting} {date} */
  title: string;
  /** The action slug printed under the reference. */
  action: string;
  /** The paper type of a stored agenda record: the agenda does not list itself. */
  paperType: string;
  /** Standing items that open the agenda (items 1, 2, ...) and close it, after everything else. */
  openingItems: readonly string[];
  closingItems: readonly string[];
  /** A paper under its item. {reference} {title} {action} {classification} */
  paper: string;
  awaiting: {
    /** {committee} */
    title: string;
    /** {committee} */
    intro: string;
    /** {committee} */
    none: string;
    /** A proposal in the list. {reference} {title} */
    entry: string;
  };
  /** Open actions from earlier meetings, under their own item (when there are any). */
  actions?: {
    title: string;
    /** {committee} */
    intro: string;
    /** An action. {text} {owner} {meeting} */
    entry: string;
    /** An action with a due date. {text} {owner} {meeting} {due} */
    entryDue: string;
  };
  /** The meeting pack's reference (its file name). {committee} {meeting} {ddmm} */
  packReference: string;
  /** The meeting pack's title, in its file properties. {committee} {meeting} {date} */
  packTitle: string;
}

export interface AgendaPaperFacts {
  reference: string;
  /** A paper type of the code: new_proposals_summary. */
  type: string;
  /** Its agenda item; null when the record gives none. */
  item: number | null;
  title: string;
  /** Action and classification slugs of the code. */
  action: string;
  classification: string;
}

export interface AgendaProposalFacts {
  /** The reference it has now: DP088, MP090. */
  reference: string;
  /** 88: the order of the list. */
  number: number;
  title: string;
  /** Its current stage's slug. */
  stage: string;
  classification: string;
}

/** An action a meeting of the committee gave that is still open (committee business: never classified). */
export interface AgendaActionFacts {
  text: string;
  owner: string;
  /** The number of the meeting that gave it. */
  meeting: number;
  /** YYYY-MM-DD, or null. */
  dueOn: string | null;
}

export interface AgendaInput {
  agenda: {
    /** A stored agenda record's reference; else the code's pattern, filled from the meeting. */
    reference: string | null;
    /** A classification slug of the code: white. */
    classification: string;
    /** YYYY-MM-DD: printed under the signature (the day papers are issued, unless the record says). */
    date: string;
  };
  committee: { ref: string; name: string };
  meeting: { number: number; date: string };
  author: { name: string; team: string | null };
  /** The meeting's stored papers, in any order. */
  papers: readonly AgendaPaperFacts[];
  /** Proposals that may be awaiting the committee; the composer picks those whose stage lists it. */
  proposals: readonly AgendaProposalFacts[];
  /** Open actions from earlier meetings of the committee; listed when the wording has words for them. */
  actions?: readonly AgendaActionFacts[] | undefined;
}

/** What the agenda composer needs of a rules pack: its vocabularies, its stages and who sees each stage. */
export interface AgendaRules {
  register: RegisterVocabulary;
  lifecycle: { stages: readonly Labelled[] };
  timetable: { stageCommittees: Readonly<Record<string, readonly string[]>> };
}

/** "0511" from 2019-11-05: the day and month that references carry. */
function ddmm(date: string): string {
  formatLongDate(date); // checks it is a real date
  return `${date.slice(8, 10)}${date.slice(5, 7)}`;
}

/** Values for the reference patterns (agenda, meeting pack) of a meeting. */
export function meetingReference(
  template: string,
  meeting: { committee: string; number: number; date: string },
): string {
  return fillTemplate(template, {
    committee: meeting.committee,
    meeting: String(meeting.number),
    ddmm: ddmm(meeting.date),
  });
}

interface Item {
  number: number;
  /** A standing item's title, if the item is one. */
  standing: string | null;
  papers: AgendaPaperFacts[];
}

export function composeMeetingAgenda(
  rules: AgendaRules,
  wording: AgendaWording,
  input: AgendaInput,
): ComposedPaper {
  const { register } = rules;
  const { committee, meeting } = input;
  const classifications = register.classifications;
  const classification = classifications.find((c) => c.slug === input.agenda.classification);
  if (!classification)
    throw new PaperCompositionError(`"${input.agenda.classification}" is not a classification of this code.`);
  const action = register.paperActions.find((a) => a.slug === wording.action);
  if (!action) throw new PaperCompositionError(`"${wording.action}" is not a paper action of this code.`);
  const agendaRank = classifications.indexOf(classification);
  const reference =
    input.agenda.reference ??
    meetingReference(wording.reference, {
      committee: committee.ref,
      number: meeting.number,
      date: meeting.date,
    });
  const meetingDate = formatLongDate(meeting.date);
  const agendaDate = formatLongDate(input.agenda.date);
  const base = { committee: committee.name, meeting: String(meeting.number), date: meetingDate };

  const notices: CompositionNotice[] = [];
  /** Whether this agenda may show something so classified; if not, the author is told and it is left out. */
  const mayShow = (what: string, slug: string): boolean => {
    const rank = classifications.findIndex((c) => c.slug === slug);
    if (rank >= 0 && rank <= agendaRank) return true;
    const label = classifications[rank]?.label;
    notices.push({
      code: 'paper.classified_item_omitted',
      message: label
        ? `${what} is classified ${label}, above this ${classification.label} agenda: left out.`
        : `${what} is classified "${slug}", which this code does not know: left out of this ${classification.label} agenda.`,
      subject: what,
    });
    return false;
  };
  const labelOf = (list: readonly Labelled[], slug: string) =>
    list.find((x) => x.slug === slug)?.label ?? slug;

  // The items: standing ones first, then the papers under their own numbers, then papers with none.
  const items = new Map<number, Item>();
  const itemAt = (number: number): Item => {
    let item = items.get(number);
    if (!item) items.set(number, (item = { number, standing: null, papers: [] }));
    return item;
  };
  wording.openingItems.forEach((title, i) => (itemAt(i + 1).standing = title));
  const papers = input.papers
    .filter((p) => p.type !== wording.paperType)
    .filter((p) => mayShow(p.reference, p.classification))
    .sort((a, b) => (a.item ?? Infinity) - (b.item ?? Infinity) || a.reference.localeCompare(b.reference));
  for (const p of papers) {
    if (p.item !== null && (!Number.isInteger(p.item) || p.item < 1))
      throw new PaperCompositionError(`${p.reference} has the agenda item ${p.item}, not a number from 1.`);
    const number = p.item ?? Math.max(0, ...items.keys()) + 1;
    itemAt(number).papers.push(p);
  }

  const paperBlock = (p: AgendaPaperFacts): Block => ({
    type: 'paragraph',
    runs: templateRuns(wording.paper, {
      reference: p.reference,
      title: p.title,
      action: labelOf(register.paperActions, p.action),
      classification: labelOf(classifications, p.classification),
    }),
  });
  const sections: PaperSection[] = [...items.values()]
    .sort((a, b) => a.number - b.number)
    .map((item) => ({
      number: item.number,
      title: item.standing ?? item.papers.map((p) => p.title).join('; '),
      blocks: item.papers.map(paperBlock),
    }));
  let next = Math.max(0, ...items.keys()) + 1;

  // Actions from previous meetings that are still open: their own item, after the papers, when there are any.
  const actions = input.actions ?? [];
  if (wording.actions && actions.length > 0) {
    const words = wording.actions;
    sections.push({
      number: next++,
      title: fillTemplate(words.title, base),
      blocks: [
        { type: 'paragraph', runs: templateRuns(words.intro, base) },
        {
          type: 'list',
          ordered: false,
          items: actions.map((a): Inline[] => [
            {
              text: fillTemplate(a.dueOn ? words.entryDue : words.entry, {
                text: a.text,
                owner: a.owner,
                meeting: String(a.meeting),
                due: a.dueOn ? formatLongDate(a.dueOn) : '',
              }),
            },
          ]),
        },
      ],
    });
  }

  // Proposals awaiting the committee: those whose current stage lists it, by stage, then by number.
  const stages = rules.lifecycle.stages.filter((s) =>
    (rules.timetable.stageCommittees[s.slug] ?? []).includes(committee.ref),
  );
  if (stages.length > 0) {
    const para = (template: string): Block => ({ type: 'paragraph', runs: templateRuns(template, base) });
    const blocks: Block[] = [];
    for (const stage of stages) {
      const waiting = input.proposals
        .filter((p) => p.stage === stage.slug)
        .sort((a, b) => a.number - b.number || a.reference.localeCompare(b.reference))
        .filter((p) => mayShow(p.reference, p.classification));
      if (waiting.length === 0) continue;
      blocks.push(
        { type: 'heading', level: 3, runs: [{ text: stage.label }] },
        {
          type: 'list',
          ordered: false,
          items: waiting.map((p): Inline[] => [
            { text: fillTemplate(wording.awaiting.entry, { reference: p.reference, title: p.title }) },
          ]),
        },
      );
    }
    sections.push({
      number: next++,
      title: fillTemplate(wording.awaiting.title, base),
      blocks: blocks.length > 0 ? [para(wording.awaiting.intro), ...blocks] : [para(wording.awaiting.none)],
    });
  }
  for (const title of wording.closingItems) sections.push({ number: next++, title, blocks: [] });

  return {
    paper: {
      classification: {
        slug: classification.slug,
        label: classification.label,
        banner: bannerRuns(classification.banner, classification.label),
      },
      reference,
      action: { slug: action.slug, label: action.label },
      title: fillTemplate(wording.title, base),
      sections,
      signOff: { author: input.author.name, team: input.author.team, date: agendaDate },
      appendices: [],
    },
    notices,
  };
}

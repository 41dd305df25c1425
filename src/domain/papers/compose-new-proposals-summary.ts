// The monthly "New Draft Proposals and Modification Proposals" paper (type new_proposals_summary), composed
// from plain facts gathered from the register. Pure: no database, no I/O, no output format. The words are the
// code's (NewProposalsSummaryWording, in the rules pack); the order and the rules are here:
// - a Draft Proposal raised in the period is an entry of "New Draft Proposals", in number order;
// - a conversion (DP090 -> MP090) in the period is an entry of "Draft Proposals converted to Modification
//   Proposals", present only when there is one; a proposal raised and converted within one period is listed
//   once, among the conversions (the committee meets it as the Modification Proposal it now is);
// - an Alternative (MP102A) or a proposal of another series is not a Draft Proposal, and is not listed;
// - a proposal classified above the paper (or with a classification the code does not have) is left out
//   entirely, and a notice tells the author; nothing of it reaches the model; so is one the paper's readers may
//   not all see (an Amber proposal with no impact on the paper's committee, any Red one: paperAudienceMaySee);
// - each entry has an appendix, lettered in the order of the entries, holding its problem statement where
//   the register has one: the version current at the paper's date when the register holds versions (titled
//   with its number, and draft or agreed as at that date), else the proposal's own problem statement;
// - when the committee follows proposals, those that moved in the period get a section of updates before the
//   recommendations (compose-followed-updates.ts), under the same classification rule.
import type { Labelled, RegisterVocabulary } from '../rules-pack.ts';
import {
  composeFollowedUpdates,
  type FollowedProposalFacts,
  type FollowedUpdatesWording,
} from './compose-followed-updates.ts';
import { markdownBlocks } from './markdown-blocks.ts';
import { leftOutOfPaper } from './paper-audience.ts';
import type {
  Block,
  ComposedPaper,
  CompositionNotice,
  Inline,
  PaperAppendix,
  PaperSection,
} from './paper.models.ts';
import {
  appendixLetter,
  bannerRuns,
  fillTemplate,
  formatLongDate,
  PaperCompositionError,
  templateRuns,
  type Values,
} from './paper-text.ts';

export {
  appendixLetter,
  bannerRuns,
  fillTemplate,
  formatLongDate,
  PaperCompositionError,
  templateRuns,
} from './paper-text.ts';

/**
 * A code's words for this paper, with {placeholders}. Templates that are sentences may mark bold with **;
 * the values put into them are printed as given, never read as markup.
 */
export interface NewProposalsSummaryWording {
  /** The title when a paper record gives none. */
  defaultTitle: string;
  /** {committee} */
  purpose: { title: string; paragraphs: readonly string[] };
  newDrafts: {
    title: string;
    /** {committee} */
    intro: readonly string[];
    /** When nothing was raised in the period: {from} {to} */
    none: string;
    /** {reference} {title} */
    heading: string;
    /** {reference} {proposer} {organisation}; the second when the proposer is a team. */
    raisedBy: string;
    raisedByTeam: string;
  };
  conversions: {
    title: string;
    /** {committee} */
    intro: readonly string[];
    /** {reference} {title}: the reference it has now. */
    heading: string;
    /** {draft} {converted} {date} {by}; the second when the register does not say who converted it. */
    converted: string;
    convertedBy: string;
    /** {reference} {proposer} {organisation} */
    raisedBy: string;
    raisedByTeam: string;
  };
  /** {name} {organisation} */
  leadAnalyst: { person: string; team: string; none: string };
  /** {committee} */
  impacts: { headingFallback: string; none: string };
  /** A problem statement is a draft until the register records its agreement. {reference} {letter} */
  problemStatement: {
    pointer: Readonly<Record<'draft' | 'agreed', string>>;
    appendixTitle: Readonly<Record<'draft' | 'agreed', string>>;
    /**
     * The appendix's title when it holds a version of the problem statement: {reference} {letter} {version}, and
     * for an agreed one {date}, the day it was agreed.
     */
    versionTitle: Readonly<Record<'draft' | 'agreed', string>>;
    /** A version's sections, in the order printed, by name; a section not named here follows under its name. */
    sections: Readonly<Record<string, string>>;
  };
  /** Updates on the proposals the committee follows. */
  followed: FollowedUpdatesWording;
  recommendations: {
    title: string;
    /** By the paper's action slug. {committee} {changeTeam} */
    byAction: Readonly<Record<string, string>>;
    /** When the paper has no entries. {committee} {changeTeam} {from} {to} */
    nothing: string;
    /** {email} */
    changeTeam: { withEmail: string; withoutEmail: string };
  };
}

export interface OrganisationFacts {
  name: string;
  shortName: string | null;
  /** How running text names it: "the DCC". */
  referredToAs: string | null;
}

export interface PersonFacts {
  name: string;
  /** A team, such as "SEC Change", rather than a person. */
  isTeam: boolean;
  organisation: OrganisationFacts;
}

export interface PaperProposalFacts {
  /** The reference it has now: DP090, or MP090 once converted. */
  reference: string;
  title: string;
  classification: string;
  /** YYYY-MM-DD */
  raised: string;
  proposer: PersonFacts;
  leadAnalyst: PersonFacts | null;
  /** Markdown. */
  summary: string | null;
  /** Its anticipated impacts on the paper's committee, Markdown; null when none are recorded. */
  impact: string | null;
  /** Markdown. */
  problemStatement: string | null;
  problemStatementAgreed: boolean;
  /**
   * The version of its problem statement current at the paper's date, when the register holds versions; its
   * status is as at that date. Absent or null: the problem statement above.
   */
  problemStatementVersion?: ProblemStatementVersionFacts | null;
  /** Its conversion to a Modification Proposal, if it has converted; `by` is the committee's name. */
  conversion: { on: string; by: string | null } | null;
}

export interface ProblemStatementVersionFacts {
  version: number;
  status: 'draft' | 'agreed';
  /** YYYY-MM-DD, when agreed. */
  agreedOn: string | null;
  /** Markdown, by section name (issue, impacts, doNothing, context). */
  sections: Readonly<Record<string, string>>;
}

/** A version of a problem statement as the register holds it. */
export interface StoredProblemStatementVersion {
  version: number;
  status: string;
  writtenOn: string;
  agreedOn: string | null;
  sections: Readonly<Record<string, string>>;
}

/**
 * The version current at `date`: the latest written on or before it; agreed only if agreed on or before it.
 * Null when none was written by then.
 */
export function problemStatementVersionAsOf(
  versions: readonly StoredProblemStatementVersion[],
  date: string,
): ProblemStatementVersionFacts | null {
  const current = versions
    .filter((v) => v.writtenOn <= date)
    .reduce<StoredProblemStatementVersion | null>(
      (latest, v) =>
        latest === null ||
        v.writtenOn > latest.writtenOn ||
        (v.writtenOn === latest.writtenOn && v.version > latest.version)
          ? v
          : latest,
      null,
    );
  if (!current) return null;
  const agreed = current.status === 'agreed' && current.agreedOn !== null && current.agreedOn <= date;
  return {
    version: current.version,
    status: agreed ? 'agreed' : 'draft',
    agreedOn: agreed ? current.agreedOn : null,
    sections: current.sections,
  };
}

export interface NewProposalsSummaryInput {
  paper: {
    reference: string;
    title: string | null;
    /** An action slug of the code: for_discussion. */
    action: string;
    /** A classification slug of the code: white. */
    classification: string;
    /** YYYY-MM-DD */
    date: string;
    /** The reporting period, both days included. */
    period: { from: string; to: string };
  };
  committee: { ref: string; name: string; impactHeading: string | null };
  author: { name: string; team: string | null };
  changeTeamEmail: string | null;
  /** Proposals that may fall in the period; the composer picks those that do. */
  proposals: readonly PaperProposalFacts[];
  /** The proposals the committee follows, with their history; absent or empty: no updates section. */
  followed?: readonly FollowedProposalFacts[];
}

const paragraph = (runs: readonly Inline[]): Block => ({ type: 'paragraph', runs });

/** How running text names an organisation: "the DCC", else its name. */
export const organisationInText = (o: OrganisationFacts): string => o.referredToAs ?? o.name;

interface Entry {
  kind: 'raised' | 'converted';
  facts: PaperProposalFacts;
  number: number;
  draft: string;
  converted: string;
}

function classify(register: RegisterVocabulary, facts: PaperProposalFacts) {
  const m = register.proposalReference.exec(facts.reference);
  if (!m) return null;
  const [, prefix = '', digits = '', letter = ''] = m;
  if (letter || (prefix !== register.draftPrefix && prefix !== register.convertedPrefix)) return null;
  return {
    number: Number(digits),
    draft: `${register.draftPrefix}${digits}`,
    converted: `${register.convertedPrefix}${digits}`,
  };
}

const within = (day: string, period: { from: string; to: string }) => day >= period.from && day <= period.to;

function lookup(list: readonly Labelled[], slug: string, what: string): Labelled {
  const found = list.find((x) => x.slug === slug);
  if (!found) throw new PaperCompositionError(`"${slug}" is not ${what} of this code.`);
  return found;
}

export function composeNewProposalsSummary(
  register: RegisterVocabulary,
  wording: NewProposalsSummaryWording,
  input: NewProposalsSummaryInput,
): ComposedPaper {
  const { paper, committee } = input;
  const period = paper.period;
  const periodFrom = formatLongDate(period.from);
  const periodTo = formatLongDate(period.to);
  const paperDate = formatLongDate(paper.date);
  if (period.from > period.to)
    throw new PaperCompositionError(`The period ends (${period.to}) before it starts (${period.from}).`);
  const classification = register.classifications.find((c) => c.slug === paper.classification);
  if (!classification)
    throw new PaperCompositionError(`"${paper.classification}" is not a classification of this code.`);
  const action = lookup(register.paperActions, paper.action, 'a paper action');
  const paperFor = { committee: committee.ref, classification: classification.slug };

  const notices: CompositionNotice[] = [];
  const entries: Entry[] = [];
  for (const facts of input.proposals) {
    const series = classify(register, facts);
    if (!series) continue;
    const converted = facts.conversion !== null && within(facts.conversion.on, period);
    const raised = within(facts.raised, period);
    if (!converted && !raised) continue;
    const kind = converted ? 'converted' : 'raised';
    const shown = kind === 'converted' ? series.converted : series.draft;
    const omitted = leftOutOfPaper(
      register,
      paperFor,
      { classification: facts.classification, namesCommittee: facts.impact !== null },
      shown,
    );
    if (omitted) {
      notices.push(omitted);
      continue;
    }
    entries.push({ kind, facts, ...series });
  }
  entries.sort((a, b) => a.number - b.number);
  const raisedEntries = entries.filter((e) => e.kind === 'raised');
  const convertedEntries = entries.filter((e) => e.kind === 'converted');
  const ordered = [...raisedEntries, ...convertedEntries];
  const letters = new Map(ordered.map((e, i) => [e, appendixLetter(i)]));

  const base = {
    committee: committee.name,
    from: periodFrom,
    to: periodTo,
    changeTeam: input.changeTeamEmail
      ? fillTemplate(wording.recommendations.changeTeam.withEmail, { email: input.changeTeamEmail })
      : wording.recommendations.changeTeam.withoutEmail,
  };
  const para = (template: string, values: Values = {}) =>
    paragraph(templateRuns(template, { ...base, ...values }));

  const statementState = (e: Entry) =>
    (
      e.facts.problemStatementVersion
        ? e.facts.problemStatementVersion.status === 'agreed'
        : e.facts.problemStatementAgreed
    )
      ? 'agreed'
      : 'draft';
  const leadAnalyst = (p: PersonFacts | null): string => {
    if (!p) return wording.leadAnalyst.none;
    const organisation = p.organisation.shortName ?? p.organisation.name;
    return fillTemplate(p.isTeam ? wording.leadAnalyst.team : wording.leadAnalyst.person, {
      name: p.name,
      organisation,
    });
  };
  const raisedBy = (e: Entry, templates: { raisedBy: string; raisedByTeam: string }): string =>
    fillTemplate(e.facts.proposer.isTeam ? templates.raisedByTeam : templates.raisedBy, {
      reference: e.draft,
      proposer: e.facts.proposer.name,
      organisation: organisationInText(e.facts.proposer.organisation),
    });
  const sentences = (e: Entry): string[] => {
    if (e.kind === 'raised') return [raisedBy(e, wording.newDrafts), leadAnalyst(e.facts.leadAnalyst)];
    const c = wording.conversions;
    const conversion = e.facts.conversion;
    const values = {
      draft: e.draft,
      converted: e.converted,
      date: conversion ? formatLongDate(conversion.on) : '',
    };
    return [
      conversion?.by
        ? fillTemplate(c.convertedBy, { ...values, by: conversion.by })
        : fillTemplate(c.converted, values),
      raisedBy(e, c),
      leadAnalyst(e.facts.leadAnalyst),
    ];
  };

  const entryBlocks = (e: Entry): Block[] => {
    const letter = letters.get(e) ?? '';
    const reference = e.kind === 'raised' ? e.draft : e.converted;
    const heading = e.kind === 'raised' ? wording.newDrafts.heading : wording.conversions.heading;
    const impact = markdownBlocks(e.facts.impact);
    return [
      {
        type: 'heading',
        level: 3,
        anchor: reference.toLowerCase(),
        runs: [
          {
            text: fillTemplate(heading, { reference, title: e.facts.title }),
            link: `#appendix-${letter.toLowerCase()}`,
          },
        ],
      },
      paragraph([{ text: sentences(e).filter(Boolean).join(' ') }]),
      ...markdownBlocks(e.facts.summary),
      {
        type: 'heading',
        level: 4,
        runs: [{ text: committee.impactHeading ?? fillTemplate(wording.impacts.headingFallback, base) }],
      },
      ...(impact.length > 0 ? impact : [para(wording.impacts.none)]),
      para(wording.problemStatement.pointer[statementState(e)], { reference, letter }),
    ];
  };

  const sections: Omit<PaperSection, 'number'>[] = [
    { title: wording.purpose.title, blocks: wording.purpose.paragraphs.map((t) => para(t)) },
    {
      title: wording.newDrafts.title,
      blocks:
        raisedEntries.length > 0
          ? [...wording.newDrafts.intro.map((t) => para(t)), ...raisedEntries.flatMap(entryBlocks)]
          : [para(wording.newDrafts.none)],
    },
  ];
  if (convertedEntries.length > 0)
    sections.push({
      title: wording.conversions.title,
      blocks: [...wording.conversions.intro.map((t) => para(t)), ...convertedEntries.flatMap(entryBlocks)],
    });
  const updates = composeFollowedUpdates(register, wording.followed, {
    paper: { classification: classification.slug, period },
    committee: { ref: committee.ref, name: committee.name },
    followed: input.followed ?? [],
  });
  if (updates.section) sections.push(updates.section);
  // a proposal both new in the period and followed is told of once
  for (const n of updates.notices)
    if (!notices.some((m) => m.code === n.code && m.message === n.message)) notices.push(n);
  const recommendation = wording.recommendations.byAction[action.slug];
  if (recommendation === undefined)
    throw new PaperCompositionError(`The paper wording has no recommendation for "${action.slug}".`);
  sections.push({
    title: wording.recommendations.title,
    blocks: [para(ordered.length > 0 ? recommendation : wording.recommendations.nothing)],
  });

  if (ordered.length === 0)
    notices.push({
      code: 'paper.no_items',
      message: `No Draft Proposal was raised or converted between ${periodFrom} and ${periodTo} that this ${classification.label} paper may show: the paper says so.`,
    });

  const versionBlocks = (sectionsOf: Readonly<Record<string, string>>): Block[] => {
    const titles = wording.problemStatement.sections;
    const names = [
      ...Object.keys(titles).filter((name) => name in sectionsOf),
      ...Object.keys(sectionsOf).filter((name) => !(name in titles)),
    ];
    return names.flatMap((name): Block[] => {
      const body = markdownBlocks(sectionsOf[name] ?? null);
      if (body.length === 0) return [];
      return [{ type: 'heading', level: 4, runs: [{ text: titles[name] ?? name }] }, ...body];
    });
  };
  const appendices: PaperAppendix[] = ordered.map((e) => {
    const letter = letters.get(e) ?? '';
    const reference = e.kind === 'raised' ? e.draft : e.converted;
    const version = e.facts.problemStatementVersion;
    const statement = version ? versionBlocks(version.sections) : markdownBlocks(e.facts.problemStatement);
    const title = version
      ? fillTemplate(wording.problemStatement.versionTitle[version.status], {
          reference,
          letter,
          version: String(version.version),
          date: version.agreedOn ? formatLongDate(version.agreedOn) : '',
        })
      : fillTemplate(wording.problemStatement.appendixTitle[statementState(e)], { reference, letter });
    return {
      letter,
      title,
      anchor: `appendix-${letter.toLowerCase()}`,
      blocks: statement.length > 0 ? statement : null,
    };
  });

  return {
    paper: {
      classification: {
        slug: classification.slug,
        label: classification.label,
        banner: bannerRuns(classification.banner, classification.label),
      },
      reference: paper.reference,
      action: { slug: action.slug, label: action.label },
      title: paper.title ?? wording.defaultTitle,
      sections: sections.map((s, i) => ({ number: i + 1, ...s })),
      signOff: { author: input.author.name, team: input.author.team, date: paperDate },
      appendices,
    },
    notices,
  };
}

// Checks a file's committee engagement records (issue 7) as the use cases that write them would: problem statement
// versions (write-problem-statement-version.ts, agree-problem-statement.ts), committees' views (record-view.ts,
// submit-view.ts), what each committee follows (record-following.ts), and meetings' outcomes and actions
// (record-agenda-outcome.ts, add-meeting-action.ts, complete-meeting-action.ts). Pure: the vocabularies and limits
// those use cases define are passed in (src/app/import-register.ts), so no list is written twice.
import {
  normaliseSection,
  PROBLEM_STATEMENT_SECTIONS,
  SECTION_LIMIT,
} from '../proposals/problem-statement.ts';
import type { RulesPack } from '../rules-pack.ts';
import type { FieldPath } from './import-issue.ts';
import type { V1Meeting, V1Proposal } from './modgov-v1.models.ts';

/** The use cases' vocabularies and limits, as the import checks them. */
export interface EngagementVocabulary {
  viewSources: readonly string[];
  /** The sources of a view that must name the meeting it was given at. */
  viewSourcesAtMeetings: readonly string[];
  followingDecisions: readonly string[];
  agendaOutcomes: readonly string[];
  limits: {
    viewText: number;
    viewAuthor: number;
    /** An outcome's notes and an action's text. */
    meetingText: number;
    actionOwner: number;
    /** The highest agenda item an outcome or an action may name. */
    agendaItem: number;
  };
}

/** A paper as a view may name it: its meeting (`committee#number`) and its agenda item. */
export interface PaperPlace {
  committee: string | null;
  meeting: number | null;
  item: number | null;
}

/** What the file and the register define together, for the references these records make. */
export interface EngagementDefined {
  committees: ReadonlySet<string>;
  /** `${committee}#${number}` -> the meeting's date. */
  meetingDates: ReadonlyMap<string, string>;
  papers: ReadonlyMap<string, PaperPlace>;
  /** The register's problem statement version numbers, by proposal key (parseReference's key). */
  storedVersions: ReadonlyMap<string, readonly number[]>;
}

export interface EngagementReporters {
  at: (path: FieldPath, message: string) => void;
  ref: (path: FieldPath, value: string | undefined, set: ReadonlySet<string>, what: string) => void;
  oneOf: (path: FieldPath, value: string | undefined, allowed: readonly string[], what: string) => void;
}

/**
 * A view names no recipients, so a classification that only named recipients may read would make a view no one
 * can read (view-input.ts refuses it; the access policy, classification-policy.ts, makes Red recipient-only).
 */
const RECIPIENTS_ONLY = 'red';

const list = (numbers: readonly number[]) => numbers.join(', ');

/** A proposal's problem statement versions, views and following. */
export function checkProposalEngagement(
  rules: RulesPack,
  vocabulary: EngagementVocabulary,
  p: V1Proposal,
  proposalKey: string,
  path: FieldPath,
  { at, ref, oneOf }: EngagementReporters,
  defined: EngagementDefined,
): void {
  // ---- problem statement versions: 1, 2, 3... in order, each written in full, agreed only while the latest ----
  const versions = p.problemStatementVersions;
  versions?.forEach((v, k) => {
    const here = [...path, 'problemStatementVersions', k];
    if (v.version !== k + 1)
      at(
        [...here, 'version'],
        v.version > k + 1
          ? `version ${k + 1} is missing: versions are numbered from 1, one after another, and this is version ${v.version}`
          : `version ${v.version} again or out of order: versions are numbered from 1, one after another, so this must be version ${k + 1}`,
      );
    const previous = versions[k - 1];
    if (previous && v.on < previous.on)
      at([...here, 'on'], `written on ${v.on}, before version ${previous.version} (${previous.on})`);
    for (const section of PROBLEM_STATEMENT_SECTIONS) {
      const text = normaliseSection(v.sections[section]);
      if (text === '')
        at(
          [...here, 'sections', ...(v.sections[section] === undefined ? [] : [section])],
          `the section "${section}" is empty: a version has all four sections (${PROBLEM_STATEMENT_SECTIONS.join(', ')})`,
        );
      else if (text.length > SECTION_LIMIT)
        at([...here, 'sections', section], `the section "${section}" is over ${SECTION_LIMIT} characters`);
    }
    if (v.status === 'agreed') {
      if (v.agreedOn === undefined)
        at([...here, 'status'], `version ${v.version} is agreed: give the day it was agreed as agreedOn`);
      else if (v.agreedOn < v.on)
        at([...here, 'agreedOn'], `agreed on ${v.agreedOn}, before it was written (${v.on})`);
      else {
        const next = versions[k + 1];
        if (next && next.on < v.agreedOn)
          at(
            [...here, 'agreedOn'],
            `agreed on ${v.agreedOn}, after version ${next.version} was written (${next.on}): only the latest version can be agreed`,
          );
      }
      ref([...here, 'agreedBy'], v.agreedBy, defined.committees, 'committee');
    } else {
      if (v.agreedOn !== undefined)
        at([...here, 'agreedOn'], `a draft version has no agreedOn: give status: agreed if it was agreed`);
      if (v.agreedBy !== undefined)
        at([...here, 'agreedBy'], `a draft version has no agreedBy: give status: agreed if it was agreed`);
    }
  });
  const versionNumbers = versions
    ? versions.map((v) => v.version)
    : (defined.storedVersions.get(proposalKey) ?? []);

  // ---- views ----
  p.views?.forEach((view, k) => {
    const here = [...path, 'views', k];
    ref([...here, 'committee'], view.committee, defined.committees, 'committee');
    oneOf([...here, 'source'], view.source, vocabulary.viewSources, 'view source');
    const author = view.author.trim();
    if (!author) at([...here, 'author'], 'name who gave the view');
    else if (author.length > vocabulary.limits.viewAuthor)
      at([...here, 'author'], `the author must be ${vocabulary.limits.viewAuthor} characters or fewer`);
    const text = normaliseSection(view.text);
    if (!text) at([...here, 'text'], 'the view is empty');
    else if (text.length > vocabulary.limits.viewText)
      at([...here, 'text'], `the view must be ${vocabulary.limits.viewText} characters or fewer`);
    const classifications = rules.register.classifications.map((c) => c.slug);
    if (view.classification === undefined && p.classification === RECIPIENTS_ONLY)
      at(
        [...here, 'classification'],
        `${p.id} is ${RECIPIENTS_ONLY}, and a view left unclassified takes its proposal's classification: classify the view, ${classifications.filter((c) => c !== RECIPIENTS_ONLY).at(-1) ?? 'lower'} at most`,
      );
    else if (view.classification === RECIPIENTS_ONLY)
      at(
        [...here, 'classification'],
        `a view names no recipients, so a ${view.classification} view could be read by no one: classify it ${classifications.filter((c) => c !== RECIPIENTS_ONLY).at(-1) ?? 'lower'} at most`,
      );
    else oneOf([...here, 'classification'], view.classification, classifications, 'classification');
    if (view.on < p.raised)
      at([...here, 'on'], `given on ${view.on}, before ${p.id} was raised (${p.raised})`);
    if (view.version !== undefined && !versionNumbers.includes(view.version))
      at(
        [...here, 'version'],
        versionNumbers.length
          ? `${p.id} has no problem statement version ${view.version}: its versions are ${list(versionNumbers)}`
          : `${p.id} has no problem statement versions, so the view cannot answer version ${view.version}`,
      );

    const committeeKnown = defined.committees.has(view.committee);
    if (view.meeting === undefined) {
      if (vocabulary.viewSourcesAtMeetings.includes(view.source))
        at([...here, 'source'], `a view given at a meeting names the meeting: give its number as meeting`);
      else if (view.item !== undefined && view.paper === undefined)
        at([...here, 'item'], 'give the meeting (or the paper) whose agenda item it is');
    } else if (committeeKnown && !defined.meetingDates.has(`${view.committee}#${view.meeting}`))
      at([...here, 'meeting'], `unknown meeting: ${view.committee} has no meeting ${view.meeting}`);

    if (view.paper !== undefined) {
      const paper = defined.papers.get(view.paper);
      if (!paper)
        at(
          [...here, 'paper'],
          `unknown paper "${view.paper}": not defined in the import nor in the register`,
        );
      else if (
        view.meeting !== undefined &&
        (paper.committee !== view.committee || paper.meeting !== view.meeting)
      )
        at(
          [...here, 'paper'],
          paper.committee && paper.meeting !== null
            ? `${view.paper} is a paper for meeting ${paper.meeting} of the ${paper.committee}, not for meeting ${view.meeting} of the ${view.committee}`
            : `${view.paper} is not a paper for meeting ${view.meeting} of the ${view.committee}`,
        );
      else if (paper.committee !== null && paper.committee !== view.committee)
        at(
          [...here, 'paper'],
          `${view.paper} is a paper for the ${paper.committee}, not the ${view.committee}`,
        );
      else if (view.item !== undefined && paper.item !== null && paper.item !== view.item)
        at([...here, 'item'], `${view.paper} is agenda item ${paper.item}, not item ${view.item}`);
    }
  });

  // ---- following: one decision per committee ----
  const decidedBy = new Map<string, number>();
  p.following?.forEach((f, k) => {
    const here = [...path, 'following', k];
    ref([...here, 'committee'], f.committee, defined.committees, 'committee');
    const first = decidedBy.get(f.committee);
    if (first !== undefined)
      at(
        [...here, 'committee'],
        `the ${f.committee} again: a committee has one decision on a proposal, already given at following[${first}]`,
      );
    else decidedBy.set(f.committee, k);
    oneOf([...here, 'decision'], f.decision, vocabulary.followingDecisions, 'following decision');
    const meetingDate =
      f.meeting === undefined ? undefined : defined.meetingDates.get(`${f.committee}#${f.meeting}`);
    if (f.meeting !== undefined && defined.committees.has(f.committee) && meetingDate === undefined)
      at([...here, 'meeting'], `unknown meeting: ${f.committee} has no meeting ${f.meeting}`);
    if (meetingDate !== undefined && f.on < meetingDate)
      at(
        [...here, 'on'],
        `decided on ${f.on}, before meeting ${f.meeting} (${meetingDate}), which decided it (record-following.ts refuses it)`,
      );
  });
}

/** A meeting's outcomes (one per agenda item) and actions. */
export function checkMeetingEngagement(
  vocabulary: EngagementVocabulary,
  m: V1Meeting,
  path: FieldPath,
  { at, oneOf }: EngagementReporters,
): void {
  const { limits } = vocabulary;
  const itemInRange = (here: FieldPath, item: number) => {
    if (item > limits.agendaItem)
      at([...here, 'item'], `an agenda item is a whole number from 1 to ${limits.agendaItem}, not ${item}`);
  };
  const decided = new Map<number, number>();
  m.outcomes?.forEach((o, k) => {
    const here = [...path, 'outcomes', k];
    itemInRange(here, o.item);
    const first = decided.get(o.item);
    if (first !== undefined)
      at(
        [...here, 'item'],
        `item ${o.item} again: an item has one outcome, already given at outcomes[${first}]`,
      );
    else decided.set(o.item, k);
    oneOf([...here, 'outcome'], o.outcome, vocabulary.agendaOutcomes, 'meeting outcome');
    if ((o.notes?.trim().length ?? 0) > limits.meetingText)
      at([...here, 'notes'], `the notes must be ${limits.meetingText} characters or fewer`);
  });
  m.actions?.forEach((a, k) => {
    const here = [...path, 'actions', k];
    if (a.item !== undefined) itemInRange(here, a.item);
    const text = a.text.trim();
    if (!text) at([...here, 'text'], 'say what the action is');
    else if (text.length > limits.meetingText)
      at([...here, 'text'], `the action must be ${limits.meetingText} characters or fewer`);
    if (a.owner !== undefined && !a.owner.trim())
      at([...here, 'owner'], 'name the owner, or leave owner out');
    else if ((a.owner?.trim().length ?? 0) > limits.actionOwner)
      at([...here, 'owner'], `the owner must be ${limits.actionOwner} characters or fewer`);
    if (a.due !== undefined && a.due < m.date)
      at([...here, 'due'], `due on ${a.due}, before the meeting (${m.date})`);
    if (a.done !== undefined && a.done < m.date)
      at([...here, 'done'], `done on ${a.done}, before the meeting (${m.date})`);
  });
}

// Checks what the JSON Schema cannot: the code's vocabulary, references between records (in any file of the
// import or already in the register), duplicates, and whether a proposal's stage and history agree; the committee
// engagement records (problem statement versions, views, following, outcomes, actions) in check-engagement.ts.
// Pure: the caller supplies what the register already holds.
import { replayHistory } from '../lifecycle/lifecycle-engine.ts';
import { problemStatementFact } from '../proposals/problem-statement.ts';
import type { RulesPack } from '../rules-pack.ts';
import type { FieldPath, ImportIssue } from './import-issue.ts';
import { formatPath } from './import-issue.ts';
import type { V1Proposal, V1Register } from './modgov-v1.models.ts';
import {
  checkMeetingEngagement,
  checkProposalEngagement,
  type EngagementVocabulary,
  type PaperPlace,
} from './check-engagement.ts';
import { eventFacts, parseReference } from '../proposals/proposal-reference.ts';

export interface CheckedFile {
  name: string;
  register: V1Register;
  locate(path: FieldPath): { line: number; column: number };
}

/** Keys the register already holds, so a file may refer to them without defining them again. */
export interface KnownKeys {
  organisations: ReadonlySet<string>;
  people: ReadonlySet<string>;
  committees: ReadonlySet<string>;
  releases: ReadonlySet<string>;
  /** `${committee}#${number}` */
  meetings: ReadonlySet<string>;
  /** `${committee}#${number}` -> the meeting's date. */
  meetingDates: ReadonlyMap<string, string>;
  /** Papers by reference, with their meeting and item. */
  papers: ReadonlyMap<string, PaperPlace>;
  /** Problem statement version numbers by proposal key (parseReference's key: DP090 and MP090 share one). */
  problemStatementVersions: ReadonlyMap<string, readonly number[]>;
}

export function checkRegister(
  rules: RulesPack,
  files: readonly CheckedFile[],
  known: KnownKeys,
  vocabulary: EngagementVocabulary,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const defined = {
    organisations: new Set(known.organisations),
    people: new Set(known.people),
    committees: new Set(known.committees),
    releases: new Set(known.releases),
    meetings: new Set(known.meetings),
  };
  const meetingDates = new Map(known.meetingDates);
  const papers = new Map(known.papers);
  for (const f of files) {
    const r = f.register;
    for (const o of r.organisations ?? []) defined.organisations.add(o.id);
    for (const p of r.people ?? []) defined.people.add(p.id);
    for (const c of r.committees ?? []) defined.committees.add(c.id);
    for (const x of r.releases ?? []) defined.releases.add(x.id);
    for (const m of r.meetings ?? []) {
      defined.meetings.add(`${m.committee}#${m.number}`);
      meetingDates.set(`${m.committee}#${m.number}`, m.date);
    }
    // a paper merges with the stored one: a field the file leaves out keeps the stored value
    for (const p of r.papers ?? []) {
      const stored = papers.get(p.reference);
      papers.set(p.reference, {
        committee: p.meeting?.committee ?? stored?.committee ?? null,
        meeting: p.meeting?.number ?? stored?.meeting ?? null,
        item: p.item ?? stored?.item ?? null,
      });
    }
  }
  const engagementDefined = {
    committees: defined.committees,
    meetingDates,
    papers,
    storedVersions: known.problemStatementVersions,
  };

  for (const f of files) {
    const at = (path: FieldPath, message: string) =>
      issues.push({ file: f.name, ...f.locate(path), path: formatPath(path), message });
    const r = f.register;
    const ref = (path: FieldPath, value: string | undefined, set: ReadonlySet<string>, what: string) => {
      if (value !== undefined && !set.has(value))
        at(path, `unknown ${what} "${value}": not defined in the import nor in the register`);
    };
    const oneOf = (path: FieldPath, value: string | undefined, allowed: readonly string[], what: string) => {
      if (value !== undefined && !allowed.includes(value))
        at(path, `"${value}" is not a ${what} of the ${rules.id}; expected one of: ${allowed.join(', ')}`);
    };
    const unique = <T>(
      list: readonly T[] | undefined,
      section: string,
      keyOf: (x: T) => string,
      field: string,
      shown = keyOf,
    ) => {
      const seen = new Map<string, number>();
      (list ?? []).forEach((x, i) => {
        const k = keyOf(x);
        const first = seen.get(k);
        if (first !== undefined)
          at([section, i, field], `duplicate ${field} "${shown(x)}": already used by ${section}[${first}]`);
        else seen.set(k, i);
      });
    };

    if (r.code.id !== rules.id)
      at(['code', 'id'], `this register is for the ${rules.id}; the file is for "${r.code.id}"`);
    ref(['code', 'administrator'], r.code.administrator, defined.organisations, 'organisation');

    unique(r.organisations, 'organisations', (o) => o.id, 'id');
    r.organisations?.forEach((o, i) =>
      oneOf(
        ['organisations', i, 'category'],
        o.category,
        rules.register.organisationCategories,
        'organisation category',
      ),
    );

    unique(r.people, 'people', (p) => p.id, 'id');
    r.people?.forEach((p, i) =>
      ref(['people', i, 'organisation'], p.organisation, defined.organisations, 'organisation'),
    );

    unique(r.committees, 'committees', (c) => c.id, 'id');
    r.committees?.forEach((c, i) => {
      ref(['committees', i, 'parent'], c.parent, defined.committees, 'committee');
      if (c.parent === c.id) at(['committees', i, 'parent'], 'a committee cannot be its own parent');
    });

    unique(r.releases, 'releases', (x) => x.id, 'id');
    unique(r.meetings, 'meetings', (m) => `${m.committee} meeting ${m.number}`, 'number');
    r.meetings?.forEach((m, i) => {
      ref(['meetings', i, 'committee'], m.committee, defined.committees, 'committee');
      checkMeetingEngagement(vocabulary, m, ['meetings', i], { at, ref, oneOf });
    });

    unique(
      r.proposals,
      'proposals',
      (p) => parseReference(rules, p.id)?.key ?? p.id,
      'id',
      (p) => p.id,
    );
    r.proposals?.forEach((p, i) => {
      checkProposal(rules, p, ['proposals', i], { at, ref, oneOf }, defined);
      const key = parseReference(rules, p.id)?.key ?? p.id;
      checkProposalEngagement(
        rules,
        vocabulary,
        p,
        key,
        ['proposals', i],
        { at, ref, oneOf },
        engagementDefined,
      );
    });

    unique(r.papers, 'papers', (p) => p.reference, 'reference');
    r.papers?.forEach((p, i) => {
      const path = ['papers', i];
      oneOf([...path, 'type'], p.type, rules.register.paperTypes, 'paper type');
      oneOf(
        [...path, 'action'],
        p.action,
        rules.register.paperActions.map((a) => a.slug),
        'paper action',
      );
      oneOf(
        [...path, 'classification'],
        p.classification,
        rules.register.classifications.map((c) => c.slug),
        'classification',
      );
      ref([...path, 'author'], p.author, defined.people, 'person');
      if (p.meeting) {
        ref([...path, 'meeting', 'committee'], p.meeting.committee, defined.committees, 'committee');
        if (
          defined.committees.has(p.meeting.committee) &&
          !defined.meetings.has(`${p.meeting.committee}#${p.meeting.number}`)
        )
          at(
            [...path, 'meeting', 'number'],
            `unknown meeting: ${p.meeting.committee} has no meeting ${p.meeting.number}`,
          );
      }
      if (p.covers && p.covers.from > p.covers.to)
        at([...path, 'covers', 'to'], `the period ends (${p.covers.to}) before it starts (${p.covers.from})`);
    });
  }
  return issues;
}

interface Reporters {
  at: (path: FieldPath, message: string) => void;
  ref: (path: FieldPath, value: string | undefined, set: ReadonlySet<string>, what: string) => void;
  oneOf: (path: FieldPath, value: string | undefined, allowed: readonly string[], what: string) => void;
}

function checkProposal(
  rules: RulesPack,
  p: V1Proposal,
  path: FieldPath,
  { at, ref, oneOf }: Reporters,
  defined: { people: Set<string>; committees: Set<string>; releases: Set<string> },
): void {
  const parsed = parseReference(rules, p.id);
  if (!parsed)
    at(
      [...path, 'id'],
      `"${p.id}" is not a ${rules.id} proposal reference (${String(rules.register.proposalReference)})`,
    );
  ref([...path, 'proposer'], p.proposer, defined.people, 'person');
  ref([...path, 'leadAnalyst'], p.leadAnalyst, defined.people, 'person');
  oneOf(
    [...path, 'path'],
    p.path,
    rules.lifecycle.paths.map((x) => x.slug),
    'path',
  );
  oneOf(
    [...path, 'classification'],
    p.classification,
    rules.register.classifications.map((c) => c.slug),
    'classification',
  );
  oneOf(
    [...path, 'stage'],
    p.stage,
    rules.lifecycle.stages.map((s) => s.slug),
    'stage',
  );
  for (const committee of Object.keys(p.impacts ?? {}))
    ref([...path, 'impacts', committee], committee, defined.committees, 'committee');
  p.impactedParties?.forEach((x, j) =>
    oneOf([...path, 'impactedParties', j], x, rules.register.impactedParties, 'impacted party'),
  );

  if (!p.history) {
    if (p.stage === undefined)
      at([...path, 'stage'], 'give the proposal its stage, or the history it follows from');
    return;
  }
  p.history.forEach((step, j) => {
    const h = [...path, 'history', j];
    ref([...h, 'by'], step.by, defined.committees, 'committee');
    ref([...h, 'release'], step.release, defined.releases, 'release');
    if (j === 0 && step.event === 'raised' && step.on !== p.raised)
      at([...h, 'on'], `raised on ${step.on} here, but the proposal says raised: ${p.raised}`);
  });

  // The history is replayed through the lifecycle engine, as the import will record it. Where the file keeps the
  // problem statement in versions, the conversion's guard reads the latest, as it does when one is recorded now.
  const latest = p.problemStatementVersions?.at(-1);
  const context = {
    path: p.path ?? null,
    alternative: Boolean(parsed?.letter),
    ...(latest
      ? {
          problemStatement: problemStatementFact({
            version: latest.version,
            status: latest.status,
            agreedOn: latest.agreedOn ?? null,
          }),
        }
      : {}),
  };
  const replay = replayHistory(rules.lifecycle, context, p.history.map(eventFacts), 'import');
  if (!replay.ok) {
    const h = [...path, 'history', replay.index];
    at(h, replay.message);
    return;
  }
  const derived = replay.state.stage;
  if (p.stage !== undefined && derived !== p.stage)
    at([...path, 'stage'], `the stage "${p.stage}" disagrees with the history, which leads to "${derived}"`);
  const converted = p.history.some(
    (e) =>
      e.event === 'stage_declared' ||
      rules.lifecycle.events.find((d) => d.slug === e.event)?.convertsReference,
  );
  if (parsed?.prefix === rules.register.draftPrefix && converted)
    at(
      [...path, 'id'],
      `${p.id} was converted: a Modification Proposal is ${rules.register.convertedPrefix}${parsed.digits}`,
    );
  if (parsed?.prefix === rules.register.convertedPrefix && !parsed.letter && !converted)
    at(
      [...path, 'id'],
      `${p.id} has no "converted" event: until it converts it is ${rules.register.draftPrefix}${parsed.digits}`,
    );
}

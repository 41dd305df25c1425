// A Draft Proposal's problem statement (shared/reference/DOMAIN.md, lifecycle step 2): four sections, the issue,
// its impacts, the impact of doing nothing and its context in the code, written in numbered versions until the
// committee that agrees problem statements (the SEC's Change Sub-Committee) agrees one. Pure rules: what a
// version must hold, the statement as one Markdown text, the lifecycle fact, and two versions compared.
import type { LifecycleRules, ProblemStatementFact } from '../lifecycle/lifecycle.models.ts';
import { diffWords, hasChanges, type DiffRun } from '../text/word-diff.ts';

/** The sections, in the order a statement is read (the keys of `problem_statement_versions.sections`). */
export const PROBLEM_STATEMENT_SECTIONS = ['issue', 'impacts', 'doNothing', 'context'] as const;
export type ProblemStatementSection = (typeof PROBLEM_STATEMENT_SECTIONS)[number];
export type ProblemStatementSections = Readonly<Record<ProblemStatementSection, string>>;

/** Each section's heading, as the statement is shown and joined. */
export const SECTION_HEADINGS: Readonly<Record<ProblemStatementSection, string>> = {
  issue: 'The issue',
  impacts: 'Its impacts',
  doNothing: 'The impact of doing nothing',
  context: 'Its context in the code',
};

/** How a missing section is asked for. */
const SECTION_NAMES: Readonly<Record<ProblemStatementSection, string>> = {
  issue: 'the issue',
  impacts: 'its impacts',
  doNothing: 'the impact of doing nothing',
  context: 'its context in the code',
};

/** The longest a section may be, in characters (all four together fit the proposal's problem statement). */
export const SECTION_LIMIT = 5_000;

export type ProblemStatementStatus = 'draft' | 'agreed';

export interface SectionProblem {
  field: ProblemStatementSection;
  message: string;
}

/** Markdown as stored: "\n" line endings (a browser sends "\r\n"), the ends trimmed. */
export const normaliseSection = (text: string | null | undefined): string =>
  (text ?? '').replace(/\r\n?/g, '\n').trim();

/** The four sections as stored, each normalised; a section not given is empty. */
export function normaliseSections(
  given: Partial<Record<ProblemStatementSection, string | null | undefined>>,
): ProblemStatementSections {
  return {
    issue: normaliseSection(given.issue),
    impacts: normaliseSection(given.impacts),
    doNothing: normaliseSection(given.doNothing),
    context: normaliseSection(given.context),
  };
}

/** What is wrong with a version's sections, in section order: each must be written, and not too long. */
export function checkSections(sections: ProblemStatementSections): SectionProblem[] {
  return PROBLEM_STATEMENT_SECTIONS.flatMap((field): SectionProblem[] => {
    const text = sections[field];
    if (text === '') return [{ field, message: `Enter ${SECTION_NAMES[field]}.` }];
    if (text.length > SECTION_LIMIT)
      return [
        {
          field,
          message: `${SECTION_HEADINGS[field]} must be ${SECTION_LIMIT.toLocaleString('en-GB')} characters or fewer.`,
        },
      ];
    return [];
  });
}

/** Stored sections (a jsonb object) read back: a key it lacks is an empty section. */
export function sectionsOf(stored: Readonly<Record<string, string | undefined>>): ProblemStatementSections {
  return normaliseSections({
    issue: stored.issue,
    impacts: stored.impacts,
    doNothing: stored.doNothing,
    context: stored.context,
  });
}

export const sameSections = (a: ProblemStatementSections, b: ProblemStatementSections): boolean =>
  PROBLEM_STATEMENT_SECTIONS.every((s) => a[s] === b[s]);

/** The statement as one Markdown text, each section under its heading: the proposal's problem statement. */
export function joinSections(sections: ProblemStatementSections): string {
  return PROBLEM_STATEMENT_SECTIONS.filter((s) => sections[s] !== '')
    .map((s) => `## ${SECTION_HEADINGS[s]}\n\n${sections[s]}`)
    .join('\n\n');
}

/** The lifecycle's fact (ProposalContext.problemStatement) from the latest version, or none. */
export function problemStatementFact(
  latest: { version: number; status: string; agreedOn: string | null } | null,
): ProblemStatementFact {
  if (!latest) return { status: 'none' };
  if (latest.status === 'agreed' && latest.agreedOn !== null)
    return { status: 'agreed', version: latest.version, agreedOn: latest.agreedOn };
  return { status: 'draft', version: latest.version };
}

/**
 * Where a code's lifecycle puts problem statements: they are written in the stages a proposal converts from (the
 * event that gives it its converted reference: DP090 becomes MP090), and agreed by the first committee that may
 * make that conversion (the SEC: the Change Sub-Committee; the Panel stood in while it was being set up).
 */
export function problemStatementRules(lifecycle: LifecycleRules): {
  stages: readonly string[];
  committee: string | null;
} {
  const conversion = lifecycle.events.find((e) => e.convertsReference);
  return {
    stages: conversion && conversion.from !== 'start' ? conversion.from : [],
    committee: conversion?.by?.committees[0] ?? null,
  };
}

export interface SectionComparison {
  section: ProblemStatementSection;
  heading: string;
  runs: DiffRun[];
  changed: boolean;
}

/** Two versions compared section by section, word by word. */
export function compareSections(
  from: ProblemStatementSections,
  to: ProblemStatementSections,
): SectionComparison[] {
  return PROBLEM_STATEMENT_SECTIONS.map((section) => {
    const runs = diffWords(from[section], to[section]);
    return { section, heading: SECTION_HEADINGS[section], runs, changed: hasChanges(runs) };
  });
}

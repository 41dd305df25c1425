// Checks a code's eligibility rules against its register vocabulary, so a mistyped category or a rule
// that can never apply shows at start-up or in a test rather than as a raiser wrongly refused.
import type { EligibilityRules } from './eligibility.models.ts';

/** What is wrong with the rules, one sentence each; empty when nothing is. */
export function listEligibilityRuleProblems(
  rules: EligibilityRules,
  vocabulary: { organisationCategories: readonly string[] },
): string[] {
  const problems: string[] = [];
  const known = new Set(vocabulary.organisationCategories);
  const seen = new Set<string>();
  for (const rule of rules.rules) {
    const at = `Rule "${rule.id}" (${rule.citation})`;
    if (seen.has(rule.id)) problems.push(`${at} has the id of an earlier rule.`);
    seen.add(rule.id);
    if (rule.kinds.length === 0) problems.push(`${at} covers no kind of proposal, so it never applies.`);
    if (rule.matches === 'anyone') continue;
    if (rule.matches.length === 0) problems.push(`${at} matches no one, so it never applies.`);
    for (const match of rule.matches) {
      const criteria = [match.categories, match.organisationIds, match.designations, match.roles];
      if (criteria.every((c) => c === undefined)) {
        problems.push(`${at} has a match with no criteria: say 'anyone' if that is meant.`);
      }
      if (criteria.some((c) => c !== undefined && c.length === 0)) {
        problems.push(`${at} has an empty list in a match, so that match never holds.`);
      }
      for (const category of match.categories ?? []) {
        if (!known.has(category))
          problems.push(`${at} names an unknown organisation category "${category}".`);
      }
    }
  }
  for (const category of Object.keys(rules.categoryLabels)) {
    if (!known.has(category))
      problems.push(`A label is given for an unknown organisation category "${category}".`);
  }
  return problems;
}

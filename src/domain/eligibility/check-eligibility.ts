// Whether a raiser may raise a proposal of a kind: the one evaluator of a code's eligibility rules.
// Pure: the rules are data (src/codes/<code>/eligibility.ts); see eligibility.models.ts for their meaning.
import type {
  AllowRule,
  EligibilityCondition,
  EligibilityDecision,
  EligibilityMatch,
  EligibilityRequest,
  EligibilityRule,
  EligibilityRules,
  GivenReason,
  OrganisationMatch,
  RecordedReason,
  RuleCitation,
} from './eligibility.models.ts';

/**
 * Decides a request against the rules: the first rule that applies decides (see `EligibilityRules`).
 * An allowed decision names the rule and, when the rule required one, the reason to record.
 */
export function checkEligibility(rules: EligibilityRules, request: EligibilityRequest): EligibilityDecision {
  const rule = rules.rules.find((r) => r.kinds.includes(request.kind) && isMatched(r.matches, request));
  if (rule === undefined) {
    const who = rules.categoryLabels[request.organisation.category] ?? fallbackLabel(request);
    return {
      allowed: false,
      message: `No rule of ${rules.code} ${rules.section} allows ${who} to raise ${rules.kindLabels[request.kind]}.`,
    };
  }
  switch (rule.effect) {
    case 'refuse':
      return {
        allowed: false,
        rule: citationOf(rule),
        message: `${rule.description} (${cite(rules, rule)}): ${rule.explanation}`,
      };
    case 'allow':
      return decideAllowRule(rules, rule, request.reason ?? {});
  }
}

function decideAllowRule(rules: EligibilityRules, rule: AllowRule, reason: GivenReason): EligibilityDecision {
  const recorded: RecordedReason = {};
  for (const condition of rule.conditions) {
    const failure = checkCondition(condition, reason, recorded);
    if (failure !== null) {
      return {
        allowed: false,
        rule: citationOf(rule),
        message: `${condition.message} (${cite(rules, rule)}): ${failure}`,
      };
    }
  }
  if (rule.conditions.length === 0) return { allowed: true, rule: citationOf(rule) };
  const text = reason.text?.trim();
  if (text !== undefined && text !== '') recorded.text = text;
  return { allowed: true, rule: citationOf(rule), recordedReason: recorded };
}

/** Null when the condition holds (and what it needs recorded is added to `recorded`), else what to do. */
function checkCondition(
  condition: EligibilityCondition,
  reason: GivenReason,
  recorded: RecordedReason,
): string | null {
  switch (condition.kind) {
    case 'reason_code': {
      const code = reason.code?.trim() ?? '';
      if (code === '') return `${condition.ask}.`;
      const option = condition.allowed.find((o) => o.code === code);
      if (option === undefined) {
        const allowed = condition.allowed.map((o) => `${o.code} (${o.label})`).join(', ');
        return `"${code}" is not one of the reasons allowed: ${allowed}.`;
      }
      recorded.code = option.code;
      recorded.label = option.label;
      return null;
    }
    case 'reason_text': {
      const text = reason.text?.trim() ?? '';
      return text === '' ? `${condition.ask}.` : null;
    }
  }
}

function isMatched(matches: EligibilityMatch, request: EligibilityRequest): boolean {
  if (matches === 'anyone') return true;
  return matches.some((m) => isOrganisationMatched(m, request));
}

/** Every criterion given holds; within one, any listed value will do. */
function isOrganisationMatched(match: OrganisationMatch, request: EligibilityRequest): boolean {
  const { organisation, role } = request;
  const designations = organisation.designations ?? [];
  return (
    (match.categories === undefined || match.categories.includes(organisation.category)) &&
    (match.organisationIds === undefined || match.organisationIds.includes(organisation.id)) &&
    (match.designations === undefined || match.designations.some((d) => designations.includes(d))) &&
    (match.roles === undefined || (role !== undefined && match.roles.includes(role)))
  );
}

function citationOf(rule: EligibilityRule): RuleCitation {
  return { id: rule.id, citation: rule.citation, description: rule.description };
}

function cite(rules: EligibilityRules, rule: EligibilityRule): string {
  return `${rules.code} ${rule.citation}`;
}

function fallbackLabel(request: EligibilityRequest): string {
  return `an organisation in the category "${request.organisation.category}"`;
}

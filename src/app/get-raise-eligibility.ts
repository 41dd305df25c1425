// Who may raise a Draft Proposal, explained to the person about to raise one: the code's rule (SEC D1.3, as the
// rules pack states it), whether their organisation qualifies and under which part, which kinds of proposal they
// may ask for (Fast-Track is the Panel's own) and what their rule needs them to record. Every sentence comes from
// the eligibility data and the one evaluator (checkEligibility), so a modification that changes D1.3 changes
// the page too. raiseProposal checks the rule again when the proposal is raised.
import type { Db } from '../db/connect.ts';
import { findPersonWithOrganisationById } from '../db/drafts.repository.ts';
import { checkEligibility } from '../domain/eligibility/check-eligibility.ts';
import {
  proposalKinds,
  type EligibilityCondition,
  type EligibilityRules,
  type ProposalKind,
  type RuleCitation,
} from '../domain/eligibility/eligibility.models.ts';
import { canRaise } from '../domain/access/can.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { RaiseNotAllowedError, type RaiseOffer } from './proposal-draft.models.ts';
import { NotEligibleError } from './raise-proposal.ts';

/** One part of the rule, for people: "D1.3(a)" and what it says. */
export interface RuleLine {
  citation: string;
  text: string;
}

export interface KindChoice {
  kind: ProposalKind;
  /** "Draft Proposal", "Urgent Draft Proposal", "Fast-Track Modification". */
  label: string;
  offered: boolean;
  /** Why it is not offered (the rule's refusal), or null. */
  explanation: string | null;
}

export interface EligibilityExplanation extends RaiseOffer {
  /** 'SEC' and 'D1.3'. */
  code: string;
  section: string;
  /** Who may raise, by part, in the order of the code's citations. */
  mayRaise: RuleLine[];
  /** Who may not, and why. */
  mayNot: RuleLine[];
  qualifies: boolean;
  /** Whether the organisation qualifies, and under which part or why not, in a sentence or two. */
  outcome: string;
  /** The part it qualifies under, or the part that refuses it (null when no part applies). */
  rule: RuleCitation | null;
  choices: KindChoice[];
  conditions: EligibilityCondition[];
}

export interface RaiseEligibility extends EligibilityExplanation {
  /** Who raises: the user's person in the register and their organisation. */
  proposer: {
    slug: string;
    name: string;
    organisation: { slug: string; name: string; category: string; categoryLabel: string };
  };
}

const withoutArticle = (label: string) => {
  const bare = label.replace(/^(a|an|the) /i, '');
  return `${bare.charAt(0).toUpperCase()}${bare.slice(1)}`;
};

/**
 * What the rules say about an organisation raising each kind of proposal. A kind is offered when the rule that
 * applies allows it, or allows it once a reason is given (its conditions are then asked for on the form).
 */
export function explainEligibility(
  rules: EligibilityRules,
  organisation: { id: string; category: string; name: string },
): EligibilityExplanation {
  const cite = (citation: string) => `${rules.code} ${citation}`;
  const decisions = proposalKinds.map((kind) => {
    const decision = checkEligibility(rules, {
      organisation: { id: organisation.id, category: organisation.category },
      kind,
    });
    const applied = decision.rule ? rules.rules.find((r) => r.id === decision.rule?.id) : undefined;
    // an allowing rule that refuses for want of a reason: offered, and the form asks for the reason
    const conditions = !decision.allowed && applied?.effect === 'allow' ? [...applied.conditions] : [];
    const offered = decision.allowed || conditions.length > 0;
    return { kind, decision, offered, conditions };
  });

  const first = decisions.find((d) => d.offered) ?? decisions[0];
  const who = `${organisation.name} (${rules.categoryLabels[organisation.category] ?? organisation.category})`;
  let outcome: string;
  if (!first || !first.offered) outcome = first && !first.decision.allowed ? first.decision.message : '';
  else {
    const rule = first.decision.rule;
    const under = rule ? ` under ${cite(rule.citation)}: ${rule.description}` : '';
    const needs = first.conditions.map((c) => ` ${c.message}: ${c.ask} below.`).join('');
    outcome = `${who} may raise ${rules.kindLabels[first.kind]}${under}.${needs}`;
  }

  const byCitation = (a: RuleLine, b: RuleLine) => a.citation.localeCompare(b.citation);
  return {
    code: rules.code,
    section: rules.section,
    mayRaise: rules.rules
      .filter((r) => r.effect === 'allow')
      .map((r) => ({ citation: cite(r.citation), text: r.description }))
      .sort(byCitation),
    mayNot: rules.rules
      .filter((r) => r.effect === 'refuse')
      .map((r) => ({ citation: cite(r.citation), text: `${r.description}: ${r.explanation}` })),
    qualifies: decisions.some((d) => d.offered),
    outcome,
    rule: first?.decision.rule ?? null,
    choices: decisions.map((d) => ({
      kind: d.kind,
      label: withoutArticle(rules.kindLabels[d.kind]),
      offered: d.offered,
      explanation: d.offered || d.decision.allowed ? null : d.decision.message,
    })),
    kinds: decisions.filter((d) => d.offered).map((d) => ({ kind: d.kind })),
    conditions: first?.offered ? first.conditions : [],
  };
}

/** The explanation for the person a user stands for; null when there is no such person in the register. */
export async function getRaiseEligibility(
  deps: { db: Db; rules: RulesPack },
  input: { personId: number },
): Promise<RaiseEligibility | null> {
  const { db, rules } = deps;
  const person = await findPersonWithOrganisationById(db, input.personId);
  if (!person) return null;
  const { organisation } = person;
  return {
    ...explainEligibility(rules.eligibility, {
      id: organisation.slug,
      category: organisation.category,
      name: organisation.name,
    }),
    proposer: {
      slug: person.slug,
      name: person.name,
      organisation: {
        ...organisation,
        categoryLabel: rules.eligibility.categoryLabels[organisation.category] ?? organisation.category,
      },
    },
  };
}

/** What the draft use cases know of the signed-in user. */
export interface RaisingUser {
  id: number;
  personId: number | null;
  roles: readonly { role: string }[];
}

/**
 * The explanation for a user who may raise and whose organisation qualifies; else throws RaiseNotAllowedError
 * (not a party user, or no person in the register) or NotEligibleError (the code's rule refuses them).
 */
export async function getEligibleRaiserOrThrow(
  deps: { db: Db; rules: RulesPack },
  user: RaisingUser,
): Promise<RaiseEligibility> {
  const may = canRaise(user);
  if (!may.allowed) throw new RaiseNotAllowedError(may.reason);
  const eligibility = await getRaiseEligibility(deps, { personId: may.personId });
  if (!eligibility)
    throw new RaiseNotAllowedError(
      'The person your account is linked to is no longer in the register. Ask an administrator to link your account again.',
    );
  if (!eligibility.qualifies)
    throw new NotEligibleError(eligibility.outcome, eligibility.rule?.citation ?? null);
  return eligibility;
}

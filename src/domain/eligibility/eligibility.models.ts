// Who may raise a proposal, as data: an ordered list of rules a code's rules pack fills in (for the SEC,
// Section D1.3). One pure evaluator (check-eligibility.ts) reads it, so a modification that changes who
// may raise (DP088 asks that the code administrator may) changes the data, not the code.

/** The kinds of proposal a raiser may ask for. Only some raisers may ask for some kinds (Fast-Track). */
export type ProposalKind = 'normal' | 'urgent' | 'fast_track';

export const proposalKinds: readonly ProposalKind[] = ['normal', 'urgent', 'fast_track'];

/**
 * One description of a raiser. Every criterion given must hold (AND); within a criterion any listed value
 * will do (OR). A match with no criteria is refused by `listEligibilityRuleProblems`: say 'anyone' instead.
 */
export interface OrganisationMatch {
  /** The organisation's category, as the register vocabulary lists them. */
  categories?: readonly string[];
  /** Named organisations, by their register id. */
  organisationIds?: readonly string[];
  /** A designation recorded on the organisation, such as `designated_by_authority`. */
  designations?: readonly string[];
  /** The capacity the raiser acts in, such as `panel`, whatever their organisation. */
  roles?: readonly string[];
}

/** Whom a rule is about: everyone, or any one of the listed matches. */
export type EligibilityMatch = 'anyone' | readonly OrganisationMatch[];

export interface ReasonOption {
  code: string;
  label: string;
}

/**
 * What must hold for an allowing rule to allow. `message` heads the refusal when it does not hold
 * ("The Authority may raise a Draft Proposal only ..."); `ask` tells the raiser what to give.
 * A reason that satisfies a condition is recorded with the proposal.
 */
export type EligibilityCondition =
  | { kind: 'reason_code'; allowed: readonly ReasonOption[]; message: string; ask: string }
  | { kind: 'reason_text'; message: string; ask: string };

interface RuleBase {
  /** Stable: stored with a proposal as the rule it was raised under. */
  id: string;
  /** Where the code says so, without the code's name: 'D1.3(a)'. */
  citation: string;
  /** A sentence about whom the rule allows or refuses; heads a refusal message. */
  description: string;
  matches: EligibilityMatch;
  /** The kinds of proposal the rule is about; a request of another kind passes it by. */
  kinds: readonly ProposalKind[];
}

export interface AllowRule extends RuleBase {
  effect: 'allow';
  conditions: readonly EligibilityCondition[];
}

export interface RefuseRule extends RuleBase {
  effect: 'refuse';
  /** Why, in a sentence or two: follows the description in the refusal message. */
  explanation: string;
}

export type EligibilityRule = AllowRule | RefuseRule;

/**
 * A code's rules on who may raise a proposal. The rules are tried in order and the first that applies
 * (its matches hold and it covers the kind asked for) decides: an allowing rule allows when its conditions
 * hold and refuses, saying what is missing, when they do not; a refusing rule refuses.
 * When no rule applies, the request is refused.
 */
export interface EligibilityRules {
  /** The code's short name in messages: 'SEC'. */
  code: string;
  /** The section the rules come from, cited when no rule applies: 'D1.3'. */
  section: string;
  /** How messages name each kind, with its article: 'a Draft Proposal', 'a Fast-Track Modification'. */
  kindLabels: Readonly<Record<ProposalKind, string>>;
  /** How messages name each organisation category, with its article: 'a consumer body'. */
  categoryLabels: Readonly<Record<string, string>>;
  rules: readonly EligibilityRule[];
}

/** The organisation raising, as the register knows it. */
export interface RaiserOrganisation {
  id: string;
  category: string;
  designations?: readonly string[];
}

export interface GivenReason {
  code?: string;
  text?: string;
}

export interface EligibilityRequest {
  organisation: RaiserOrganisation;
  kind: ProposalKind;
  /** The capacity the raiser acts in when it is not their organisation's: 'panel'. */
  role?: string;
  reason?: GivenReason;
}

/** The rule a decision was made under, to store with the proposal or show to the raiser. */
export interface RuleCitation {
  id: string;
  citation: string;
  description: string;
}

/** The reason the rule required, as it is to be recorded with the proposal. */
export interface RecordedReason {
  code?: string;
  label?: string;
  text?: string;
}

export type EligibilityDecision =
  | { allowed: true; rule: RuleCitation; recordedReason?: RecordedReason }
  | { allowed: false; rule?: RuleCitation; message: string };

// The SEC lifecycle as data (SEC Section D, since November 2018; see shared/reference/DOMAIN.md): its stages,
// the events that move a proposal between them, who may record each, and the facts each needs.
// docs/LIFECYCLE.md is generated from this table (npm run docs:lifecycle).
import type { EventDef, LifecycleRules, StageDef } from '../../domain/lifecycle/lifecycle.models.ts';

export const SEC_STAGES = [
  'development',
  'modification_proposal',
  'refinement',
  'report_phase',
  'change_board',
  'with_authority',
  'approved',
  'rejected',
  'withdrawn',
  'implemented',
] as const;
export type SecStage = (typeof SEC_STAGES)[number];

/** Every stage must be described here: a stage added above and not here fails the type check. */
const stageDefs: { [S in SecStage]: Omit<StageDef<S>, 'slug'> } = {
  development: {
    label: 'Development (Draft Proposal)',
    description:
      'A Draft Proposal: its problem statement is developed until the Change Sub-Committee agrees it; every sub-committee gives its views.',
    final: false,
  },
  modification_proposal: {
    label: 'Modification Proposal',
    description: 'Converted by the Change Sub-Committee (or the Panel); awaiting the Panel’s routing.',
    final: false,
  },
  refinement: {
    label: 'Refinement Process',
    description: 'Working Group, DCC assessments, Refinement Consultation and legal text.',
    final: false,
  },
  report_phase: {
    label: 'Report Phase',
    description: 'The Panel has approved the Modification Report; industry is consulted on it.',
    final: false,
  },
  change_board: {
    label: 'Change Board',
    description: 'Awaiting the Change Board’s vote (a deferred vote is run again).',
    final: false,
  },
  with_authority: {
    label: 'With the Authority',
    description: 'The Change Board has recommended; the Authority decides.',
    final: false,
  },
  approved: {
    label: 'Approved',
    description: 'Approved; awaiting implementation in a SEC Release.',
    final: false,
  },
  rejected: { label: 'Rejected', description: 'Rejected by the Change Board or the Authority.', final: true },
  withdrawn: { label: 'Withdrawn', description: 'Withdrawn by its proposer before a decision.', final: true },
  implemented: { label: 'Implemented', description: 'Implemented in a SEC Release.', final: true },
};

type SecEvent = EventDef<SecStage>;
const to =
  (stage: SecStage): SecEvent['leadsTo'] =>
  () =>
    stage;
const stays: SecEvent['leadsTo'] = () => null;

const LIVE_BEFORE_DECISION: readonly SecStage[] = [
  'development',
  'modification_proposal',
  'refinement',
  'report_phase',
  'change_board',
  'with_authority',
];
const CONSULTING: readonly SecStage[] = ['refinement', 'report_phase'];

const paths = [
  { slug: 'authority_led', label: 'Path 1: Authority-led', changeBoardDecides: false },
  { slug: 'authority_determined', label: 'Path 2: Authority Determined', changeBoardDecides: false },
  { slug: 'self_governance', label: 'Path 3: Self-Governance', changeBoardDecides: true },
] as const;

/** Self-Governance: the Change Board decides. Otherwise it recommends and the Authority decides. */
const afterVote: SecEvent['leadsTo'] = ({ proposal, facts }) => {
  if (facts.outcome === 'deferred') return 'change_board';
  const decides = paths.find((p) => p.slug === proposal.path)?.changeBoardDecides ?? false;
  if (!decides) return 'with_authority';
  return facts.outcome === 'approve' ? 'approved' : 'rejected';
};

const afterAuthority: SecEvent['leadsTo'] = ({ facts }) =>
  facts.outcome === 'approve' ? 'approved' : facts.outcome === 'reject' ? 'rejected' : 'report_phase';

/** A DCC assessment, requested and returned during refinement: one awaited at a time. */
const dccAssessment = (slug: string, name: string, article: string): SecEvent[] => [
  {
    slug: `${slug}_requested`,
    label: `${name} requested from DCC`,
    from: ['refinement'],
    recordedBy: ['import', 'analyst'],
    facts: [],
    leadsTo: stays,
    guard: ({ state }) =>
      state.pendingRequests.includes(`${slug}_requested`) ? `${article} ${name} is already awaited` : null,
  },
  {
    slug: `${slug}_returned`,
    label: `DCC ${name} returned`,
    from: ['refinement'],
    recordedBy: ['import', 'analyst'],
    facts: [],
    leadsTo: stays,
    guard: ({ state }) =>
      state.pendingRequests.includes(`${slug}_requested`) ? null : `no ${name} has been requested`,
  },
];

const CONSULTATION_KINDS = ['request_for_information', 'refinement', 'modification_report'] as const;

const events: readonly SecEvent[] = [
  {
    slug: 'raised',
    label: 'Draft Proposal raised',
    from: 'start',
    recordedBy: ['import', 'analyst', 'proposer'],
    // why it was raised, where D1.3 asks for a reason (the Authority, the Panel)
    facts: [{ name: 'reason', kind: 'text', required: false }],
    // An Alternative (MPnnnA) is raised in the Refinement Process and follows its parent from there.
    leadsTo: ({ proposal }) => (proposal.alternative ? 'refinement' : 'development'),
  },
  {
    // A register loaded at a stage without its history: the stage, as a fact (modgov/v1 `stage`).
    slug: 'stage_declared',
    label: 'Entered in the register at this stage',
    from: ['development'],
    recordedBy: ['import'],
    facts: [
      { name: 'stage', kind: 'stage', required: true, values: SEC_STAGES.filter((s) => s !== 'development') },
    ],
    leadsTo: ({ facts }) =>
      (SEC_STAGES as readonly string[]).includes(facts.stage ?? '') ? (facts.stage as SecStage) : null,
    guard: ({ state }) => (state.steps === 1 ? null : 'a declared stage can only follow "raised" directly'),
  },
  {
    slug: 'converted',
    label: 'Converted to Modification Proposal',
    from: ['development'],
    by: { committees: ['CSC', 'PANEL'], required: false },
    recordedBy: ['import', 'analyst'],
    convertsReference: true,
    facts: [],
    leadsTo: to('modification_proposal'),
    // The CSC agrees the problem statement, and then the Draft Proposal converts. Checked where modgov keeps the
    // statement in versions: its latest version must be agreed, and the conversion cannot come before that.
    // A proposal with no versions here (`none`: an imported history, the fixtures, one raised before versions)
    // converts as before: its agreement is on the committee's record, not in modgov, so nothing is asked of it.
    guard: ({ proposal, step }) => {
      if (proposal.alternative) return 'an Alternative is raised as a Modification Proposal, never converted';
      const statement = proposal.problemStatement;
      if (statement?.status === 'draft')
        return `the Change Sub-Committee has not agreed its problem statement (version ${statement.version} is a draft)`;
      if (statement?.status === 'agreed' && step !== undefined && step.on < statement.agreedOn)
        return `the Change Sub-Committee agreed its problem statement on ${statement.agreedOn}: the conversion cannot be before that`;
      return null;
    },
  },
  {
    slug: 'refinement_started',
    label: 'Sent to the Refinement Process',
    from: ['modification_proposal'],
    by: { committees: ['PANEL'], required: false },
    recordedBy: ['import', 'analyst', 'panel'],
    facts: [],
    leadsTo: to('refinement'),
  },
  ...dccAssessment('preliminary_assessment', 'Preliminary Assessment', 'a'),
  ...dccAssessment('impact_assessment', 'Impact Assessment', 'an'),
  {
    slug: 'working_group_meeting',
    label: 'Working Group meeting',
    from: ['refinement'],
    recordedBy: ['import', 'analyst'],
    facts: [],
    leadsTo: stays,
  },
  {
    slug: 'consultation_opened',
    label: 'Consultation issued',
    from: CONSULTING,
    recordedBy: ['import', 'analyst'],
    facts: [
      { name: 'consultation', kind: 'choice', required: true, values: CONSULTATION_KINDS },
      { name: 'closes', kind: 'date', required: false }, // else the timetable's default run
    ],
    leadsTo: stays,
    guard: ({ state, step }) => {
      const kind = step?.facts.consultation;
      if (kind === undefined) return null;
      if (state.openConsultations.includes(kind))
        return `a ${kind.replaceAll('_', ' ')} consultation is already open`;
      if (state.stage === 'report_phase' && kind !== 'modification_report')
        return 'in the Report Phase the consultation is on the Modification Report';
      if (state.stage === 'refinement' && kind === 'modification_report')
        return 'the Modification Report consultation follows the Panel’s approval of the report';
      return null;
    },
  },
  {
    slug: 'consultation_closed',
    label: 'Consultation closed',
    from: CONSULTING,
    recordedBy: ['import', 'analyst'],
    facts: [{ name: 'consultation', kind: 'choice', required: true, values: CONSULTATION_KINDS }],
    // closing the Modification Report consultation sends the proposal to the Change Board
    leadsTo: ({ facts, state }) =>
      state.stage === 'report_phase' && facts.consultation === 'modification_report' ? 'change_board' : null,
    guard: ({ state, step }) => {
      const kind = step?.facts.consultation;
      if (kind === undefined) return state.openConsultations.length ? null : 'no consultation is open';
      return state.openConsultations.includes(kind)
        ? null
        : `no ${kind.replaceAll('_', ' ')} consultation is open`;
    },
  },
  {
    slug: 'modification_report_approved',
    label: 'Modification Report approved by the Panel',
    from: ['modification_proposal', 'refinement'],
    by: { committees: ['PANEL'], required: false },
    recordedBy: ['import', 'analyst', 'panel'],
    facts: [],
    leadsTo: to('report_phase'),
    guard: ({ state }) =>
      state.openConsultations.length
        ? `close the open ${state.openConsultations.join(', ').replaceAll('_', ' ')} consultation first`
        : null,
  },
  {
    slug: 'change_board_vote',
    label: 'Change Board vote',
    from: ['change_board'],
    by: { committees: ['CB'], required: false },
    recordedBy: ['import', 'analyst', 'change_board_member'],
    facts: [{ name: 'outcome', kind: 'choice', required: true, values: ['approve', 'reject', 'deferred'] }],
    leadsTo: afterVote,
    // whether the vote decides or recommends depends on the path, so the path must be set first
    guard: ({ proposal }) =>
      proposal.path === null ? 'the Panel has not set the proposal’s path yet' : null,
  },
  {
    slug: 'authority_decision',
    label: 'Authority decision',
    from: ['with_authority'],
    recordedBy: ['import', 'analyst', 'authority'],
    facts: [{ name: 'outcome', kind: 'choice', required: true, values: ['approve', 'reject', 'send_back'] }],
    leadsTo: afterAuthority,
  },
  {
    slug: 'implemented',
    label: 'Implemented',
    from: ['approved'],
    recordedBy: ['import', 'analyst'],
    facts: [{ name: 'release', kind: 'release', required: true }],
    leadsTo: to('implemented'),
  },
  {
    slug: 'withdrawn',
    label: 'Withdrawn',
    from: LIVE_BEFORE_DECISION,
    recordedBy: ['import', 'analyst', 'proposer'],
    facts: [],
    leadsTo: to('withdrawn'),
  },
];

export const secLifecycle: LifecycleRules<SecStage> = {
  initialStage: 'development',
  stages: SEC_STAGES.map((slug) => ({ slug, ...stageDefs[slug] })),
  paths,
  events,
};

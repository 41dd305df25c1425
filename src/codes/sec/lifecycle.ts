// The SEC lifecycle as data (SEC Section D, since November 2018; see shared/reference/DOMAIN.md).
// Which stage each event may happen in, and who may record it, arrive with the lifecycle issue.
import type { EventDef, LifecycleRules } from '../../domain/lifecycle/lifecycle.models.ts';

const to =
  (stage: string): EventDef['leadsTo'] =>
  () =>
    stage;
const stays: EventDef['leadsTo'] = () => null;

/** Self-Governance: the Change Board decides. Otherwise it recommends and the Authority decides. */
const afterVote: EventDef['leadsTo'] = ({ path, facts }) => {
  if (facts.outcome === 'deferred') return 'change_board';
  if (path !== 'self_governance') return 'with_authority';
  return facts.outcome === 'approve' ? 'approved' : 'rejected';
};

const afterAuthority: EventDef['leadsTo'] = ({ facts }) =>
  facts.outcome === 'approve' ? 'approved' : facts.outcome === 'reject' ? 'rejected' : 'refinement';

export const secLifecycle: LifecycleRules = {
  initialStage: 'development',
  stages: [
    { slug: 'development', label: 'Development (Draft Proposal)', final: false },
    { slug: 'modification_proposal', label: 'Modification Proposal', final: false },
    { slug: 'refinement', label: 'Refinement Process', final: false },
    { slug: 'report_phase', label: 'Report Phase', final: false },
    { slug: 'change_board', label: 'Change Board', final: false },
    { slug: 'with_authority', label: 'With the Authority', final: false },
    { slug: 'approved', label: 'Approved', final: false },
    { slug: 'rejected', label: 'Rejected', final: true },
    { slug: 'withdrawn', label: 'Withdrawn', final: true },
    { slug: 'implemented', label: 'Implemented', final: true },
  ],
  paths: [
    { slug: 'authority_led', label: 'Path 1: Authority-led' },
    { slug: 'authority_determined', label: 'Path 2: Authority Determined' },
    { slug: 'self_governance', label: 'Path 3: Self-Governance' },
  ],
  events: [
    { slug: 'raised', label: 'Draft Proposal raised', leadsTo: to('development'), facts: [] },
    // A register loaded at a stage without its history: records that stage as a fact (modgov/v1 `stage`).
    {
      slug: 'stage_declared',
      label: 'Entered in the register at this stage',
      leadsTo: ({ facts }) => facts.stage ?? null,
      facts: ['stage'],
    },
    {
      slug: 'converted',
      label: 'Converted to Modification Proposal',
      leadsTo: to('modification_proposal'),
      facts: [],
    },
    { slug: 'refinement_started', label: 'Refinement Process started', leadsTo: to('refinement'), facts: [] },
    {
      slug: 'preliminary_assessment_requested',
      label: 'Preliminary Assessment requested from DCC',
      leadsTo: stays,
      facts: [],
    },
    {
      slug: 'preliminary_assessment_returned',
      label: 'DCC Preliminary Assessment returned',
      leadsTo: stays,
      facts: [],
    },
    {
      slug: 'impact_assessment_requested',
      label: 'Impact Assessment requested from DCC',
      leadsTo: stays,
      facts: [],
    },
    {
      slug: 'impact_assessment_returned',
      label: 'DCC Impact Assessment returned',
      leadsTo: stays,
      facts: [],
    },
    { slug: 'working_group_meeting', label: 'Working Group meeting', leadsTo: stays, facts: [] },
    {
      slug: 'consultation_opened',
      label: 'Consultation issued',
      leadsTo: stays,
      facts: ['consultation', 'closes'],
    },
    {
      slug: 'consultation_closed',
      label: 'Consultation closed',
      leadsTo: ({ facts }) => (facts.consultation === 'modification_report' ? 'change_board' : null),
      facts: ['consultation'],
    },
    {
      slug: 'modification_report_approved',
      label: 'Modification Report approved by the Panel',
      leadsTo: to('report_phase'),
      facts: [],
    },
    { slug: 'change_board_vote', label: 'Change Board vote', leadsTo: afterVote, facts: ['outcome'] },
    { slug: 'authority_decision', label: 'Authority decision', leadsTo: afterAuthority, facts: ['outcome'] },
    { slug: 'implemented', label: 'Implemented', leadsTo: to('implemented'), facts: ['release'] },
    { slug: 'withdrawn', label: 'Withdrawn', leadsTo: to('withdrawn'), facts: [] },
  ],
};

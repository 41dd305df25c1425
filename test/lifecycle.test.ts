import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SEC_STAGES, secLifecycle, type SecStage } from '../src/codes/sec/lifecycle.ts';
import {
  allowedEvents,
  applyEvent,
  initialState,
  replayHistory,
} from '../src/domain/lifecycle/lifecycle-engine.ts';
import type {
  Actor,
  LifecycleEvent,
  LifecycleState,
  ProposalContext,
} from '../src/domain/lifecycle/lifecycle.models.ts';

const rules = secLifecycle;
const selfGov: ProposalContext = { path: 'self_governance', alternative: false };
const authority: ProposalContext = { path: 'authority_determined', alternative: false };

let day = 0;
/** Dates that go forward, one day a step. */
const on = () =>
  `2020-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day++ % 28)).padStart(2, '0')}`;
const ev = (event: string, facts: Record<string, string> = {}, by?: string): LifecycleEvent => ({
  event,
  on: on(),
  by,
  facts,
});

const mrOpen = () => ev('consultation_opened', { consultation: 'modification_report', closes: '2021-12-31' });
const mrClosed = () => ev('consultation_closed', { consultation: 'modification_report' });

/** A history that reaches each stage, and the proposal it is for. Every stage must have one. */
const reach: Record<SecStage, { proposal: ProposalContext; history: () => LifecycleEvent[] }> = {
  development: { proposal: selfGov, history: () => [ev('raised')] },
  modification_proposal: { proposal: selfGov, history: () => [ev('raised'), ev('converted', {}, 'CSC')] },
  refinement: {
    proposal: selfGov,
    history: () => [ev('raised'), ev('converted'), ev('refinement_started', {}, 'PANEL')],
  },
  report_phase: {
    proposal: selfGov,
    history: () => [ev('raised'), ev('converted'), ev('modification_report_approved', {}, 'PANEL')],
  },
  change_board: {
    proposal: selfGov,
    history: () => [ev('raised'), ev('converted'), ev('modification_report_approved'), mrOpen(), mrClosed()],
  },
  with_authority: {
    proposal: authority,
    history: () => [
      ev('raised'),
      ev('converted'),
      ev('modification_report_approved'),
      mrOpen(),
      mrClosed(),
      ev('change_board_vote', { outcome: 'approve' }, 'CB'),
    ],
  },
  approved: {
    proposal: selfGov,
    history: () => [
      ev('raised'),
      ev('converted'),
      ev('modification_report_approved'),
      mrOpen(),
      mrClosed(),
      ev('change_board_vote', { outcome: 'approve' }),
    ],
  },
  rejected: {
    proposal: selfGov,
    history: () => [
      ev('raised'),
      ev('converted'),
      ev('modification_report_approved'),
      mrOpen(),
      mrClosed(),
      ev('change_board_vote', { outcome: 'reject' }),
    ],
  },
  withdrawn: { proposal: selfGov, history: () => [ev('raised'), ev('withdrawn')] },
  implemented: {
    proposal: selfGov,
    history: () => [
      ev('raised'),
      ev('converted'),
      ev('modification_report_approved'),
      mrOpen(),
      mrClosed(),
      ev('change_board_vote', { outcome: 'approve' }),
      ev('implemented', { release: '2020-11' }),
    ],
  },
};

function stateAt(stage: SecStage): { proposal: ProposalContext; state: LifecycleState<SecStage> } {
  const { proposal, history } = reach[stage];
  const result = replayHistory(rules, proposal, history(), 'import');
  assert.ok(result.ok, result.ok ? '' : `reaching ${stage}: ${result.message}`);
  assert.equal(result.state.stage, stage);
  return { proposal, state: result.state };
}

/** For each event: what must happen first in an allowed stage, and a valid step of it for that stage. */
function exampleOf(event: string, stage: SecStage): { before: LifecycleEvent[]; step: LifecycleEvent } {
  switch (event) {
    case 'stage_declared':
      return { before: [], step: ev(event, { stage: 'refinement' }) };
    case 'preliminary_assessment_returned':
      return { before: [ev('preliminary_assessment_requested')], step: ev(event) };
    case 'impact_assessment_returned':
      return { before: [ev('impact_assessment_requested')], step: ev(event) };
    case 'consultation_opened':
      return {
        before: [],
        step: ev(event, {
          consultation: stage === 'report_phase' ? 'modification_report' : 'refinement',
          closes: '2021-12-31',
        }),
      };
    case 'consultation_closed': {
      const consultation = stage === 'report_phase' ? 'modification_report' : 'refinement';
      return {
        before: [ev('consultation_opened', { consultation, closes: '2021-12-31' })],
        step: ev(event, { consultation }),
      };
    }
    case 'change_board_vote':
    case 'authority_decision':
      return { before: [], step: ev(event, { outcome: 'approve' }) };
    case 'implemented':
      return { before: [], step: ev(event, { release: '2020-11' }) };
    default:
      return { before: [], step: ev(event) };
  }
}

describe('the SEC lifecycle table', () => {
  for (const def of rules.events) {
    test(`"${def.slug}" is allowed where the table says and refused elsewhere`, () => {
      if (def.from === 'start') {
        assert.ok(applyEvent(rules, selfGov, initialState(), ev(def.slug), 'import').ok);
      }
      for (const stage of SEC_STAGES) {
        const { proposal, state: reached } = stateAt(stage);
        let state = reached;
        const allowedHere = def.from !== 'start' && def.from.includes(stage);
        const { before, step } = exampleOf(def.slug, stage);
        if (allowedHere)
          for (const prep of before) {
            const r = applyEvent(rules, proposal, state, prep, 'import');
            assert.ok(r.ok, r.ok ? '' : r.message);
            state = r.state;
          }
        const result = applyEvent(rules, proposal, state, step, 'import');
        assert.equal(
          result.ok,
          allowedHere,
          `${def.slug} in ${stage}: ${result.ok ? 'allowed' : result.message}`,
        );
        if (!result.ok) {
          assert.equal(result.stage, stage);
          assert.match(result.message, /allowed now: |no event is allowed now/);
        }
      }
    });
  }

  test('every stage is reached by some event, and every final stage allows nothing', () => {
    for (const stage of SEC_STAGES) {
      const { proposal, state } = stateAt(stage);
      const final = rules.stages.find((s) => s.slug === stage)?.final;
      assert.equal(allowedEvents(rules, proposal, state).length === 0, final, stage);
    }
  });
});

describe('what the engine refuses, and why', () => {
  test('a Change Board vote on a Draft Proposal names the stage and the events allowed now', () => {
    const { proposal, state } = stateAt('development');
    const result = applyEvent(
      rules,
      proposal,
      state,
      ev('change_board_vote', { outcome: 'approve' }, 'CB'),
      'analyst',
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'lifecycle.not_allowed_now');
    assert.equal(
      result.message,
      '"change_board_vote" cannot happen in the stage "Development (Draft Proposal)"; allowed now: converted, withdrawn',
    );
  });

  test('who may record: a proposer may withdraw but not convert; only Change Board members among people vote', () => {
    const dev = stateAt('development');
    assert.ok(applyEvent(rules, dev.proposal, dev.state, ev('withdrawn'), 'proposer').ok);
    const convert = applyEvent(rules, dev.proposal, dev.state, ev('converted'), 'proposer');
    assert.equal(convert.ok ? '' : convert.code, 'lifecycle.not_allowed_for_actor');
    const cb = stateAt('change_board');
    const byActor = (actor: Actor) =>
      applyEvent(rules, cb.proposal, cb.state, ev('change_board_vote', { outcome: 'reject' }), actor).ok;
    assert.deepEqual(
      (['change_board_member', 'analyst', 'proposer', 'panel', 'authority'] as const).map(byActor),
      [true, true, false, false, false],
    );
  });

  test('a deferred vote keeps the proposal at the Change Board, and the vote can be run again (MP127)', () => {
    const { proposal, state } = stateAt('change_board');
    const deferred = applyEvent(
      rules,
      proposal,
      state,
      ev('change_board_vote', { outcome: 'deferred' }, 'CB'),
      'import',
    );
    assert.ok(deferred.ok);
    assert.equal(deferred.state.stage, 'change_board');
    const again = applyEvent(
      rules,
      proposal,
      deferred.state,
      ev('change_board_vote', { outcome: 'approve' }, 'CB'),
      'import',
    );
    assert.ok(again.ok);
    assert.equal(again.state.stage, 'approved');
  });

  test('on an Authority path the Change Board recommends, and the Authority decides or sends it back', () => {
    const { proposal, state } = stateAt('with_authority');
    const outcomes = ['approve', 'reject', 'send_back'].map((outcome) => {
      const r = applyEvent(rules, proposal, state, ev('authority_decision', { outcome }), 'authority');
      return r.ok ? r.state.stage : r.message;
    });
    assert.deepEqual(outcomes, ['approved', 'rejected', 'report_phase']);
  });

  test('facts are required, checked against their values, and unknown facts are refused', () => {
    const { proposal, state } = stateAt('change_board');
    const messages = [
      ev('change_board_vote'),
      ev('change_board_vote', { outcome: 'maybe' }),
      ev('change_board_vote', { outcome: 'approve', release: 'x' }),
    ].map((step) => {
      const r = applyEvent(rules, proposal, state, step, 'import');
      return r.ok ? 'ok' : r.message;
    });
    assert.deepEqual(messages, [
      '"change_board_vote" needs its outcome',
      'outcome "maybe" is not one of: approve, reject, deferred',
      '"release" is not a fact of "change_board_vote" (it takes: outcome)',
    ]);
  });

  test('the wrong committee, a date before the last event, and closing a consultation that is not open are refused', () => {
    const dev = stateAt('development');
    const wrongBy = applyEvent(rules, dev.proposal, dev.state, ev('converted', {}, 'CB'), 'import');
    assert.equal(wrongBy.ok ? '' : wrongBy.message, '"converted" is made by CSC or PANEL, not CB');
    const early = applyEvent(
      rules,
      dev.proposal,
      dev.state,
      { event: 'converted', on: '2000-01-01', facts: {} },
      'import',
    );
    assert.equal(early.ok ? '' : early.code, 'lifecycle.out_of_order');
    const ref = stateAt('refinement');
    const close = applyEvent(
      rules,
      ref.proposal,
      ref.state,
      ev('consultation_closed', { consultation: 'refinement' }),
      'import',
    );
    assert.match(close.ok ? '' : close.message, /^no refinement consultation is open; allowed now: /);
  });

  test('a declared stage only follows "raised" directly, and only from an import', () => {
    const dev = stateAt('development');
    assert.ok(
      applyEvent(rules, dev.proposal, dev.state, ev('stage_declared', { stage: 'report_phase' }), 'import')
        .ok,
    );
    assert.equal(
      applyEvent(rules, dev.proposal, dev.state, ev('stage_declared', { stage: 'report_phase' }), 'analyst')
        .ok,
      false,
    );
    const withdrawnThen = replayHistory(
      rules,
      selfGov,
      [ev('raised'), ev('withdrawn'), ev('stage_declared', { stage: 'approved' })],
      'import',
    );
    assert.equal(withdrawnThen.ok, false);
  });

  test('an Alternative starts in the Refinement Process and is never converted', () => {
    const alt = { path: 'self_governance', alternative: true };
    const raised = replayHistory(rules, alt, [ev('raised')], 'import');
    assert.equal(raised.ok && raised.state.stage, 'refinement');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { secLifecycle } from '../src/codes/sec/lifecycle.ts';
import { actorsFor, canRecordEvent, eventsUserMayRecord, type ActingUser } from '../src/domain/access/can.ts';
import { replayHistory } from '../src/domain/lifecycle/lifecycle-engine.ts';
import type { LifecycleEvent } from '../src/domain/lifecycle/lifecycle.models.ts';

const proposal = { proposerPersonId: 7, proposerOrganisationId: 3 };
const context = { path: 'self_governance', alternative: false };
const at = (history: LifecycleEvent[]) => {
  const r = replayHistory(secLifecycle, context, history, 'import');
  assert.ok(r.ok);
  return { ...proposal, context, state: r.state };
};
const draft = at([{ event: 'raised', on: '2020-01-01', facts: {} }]);
const atBoard = at([
  { event: 'raised', on: '2020-01-01', facts: {} },
  { event: 'converted', on: '2020-02-01', facts: {} },
  { event: 'modification_report_approved', on: '2020-03-01', facts: {} },
  { event: 'consultation_opened', on: '2020-03-02', facts: { consultation: 'modification_report' } },
  { event: 'consultation_closed', on: '2020-03-20', facts: { consultation: 'modification_report' } },
]);

const user = (
  roles: ActingUser['roles'],
  personId: number | null = null,
  organisationId: number | null = null,
): ActingUser => ({
  personId,
  organisationId,
  roles,
});
const analyst = user([{ role: 'analyst', committee: null }]);
const theProposer = user([], 7, 3);
const colleague = user([{ role: 'party_user', committee: null }], 8, 3);
const otherParty = user([{ role: 'party_user', committee: null }], 9, 4);
const cbMember = user([{ role: 'committee_member', committee: 'CB' }]);
const opsgMember = user([{ role: 'committee_member', committee: 'OPSG' }]);
const regulator = user([{ role: 'regulator', committee: null }]);

describe('who may act', () => {
  test('roles map onto the lifecycle table’s actors', () => {
    assert.deepEqual(actorsFor(analyst, proposal), ['analyst']);
    assert.deepEqual(actorsFor(theProposer, proposal), ['proposer']);
    assert.deepEqual(
      actorsFor(colleague, proposal),
      ['proposer'],
      'a party user of the proposing organisation',
    );
    assert.deepEqual(actorsFor(otherParty, proposal), []);
    assert.deepEqual(actorsFor(cbMember, proposal), ['change_board_member']);
    assert.deepEqual(actorsFor(opsgMember, proposal), []);
    assert.deepEqual(actorsFor(regulator, proposal), ['authority']);
  });

  test('an analyst records a conversion on the Change Sub-Committee’s behalf; a proposer may not', () => {
    assert.deepEqual(canRecordEvent(secLifecycle, analyst, draft, 'converted'), {
      allowed: true,
      as: 'analyst',
    });
    assert.equal(canRecordEvent(secLifecycle, theProposer, draft, 'converted').allowed, false);
  });

  test('a proposer may withdraw their own proposal, and no one else’s', () => {
    assert.deepEqual(canRecordEvent(secLifecycle, theProposer, draft, 'withdrawn'), {
      allowed: true,
      as: 'proposer',
    });
    assert.equal(canRecordEvent(secLifecycle, otherParty, draft, 'withdrawn').allowed, false);
  });

  test('only Change Board members (and analysts for them) cast votes, and only at the Change Board', () => {
    assert.deepEqual(canRecordEvent(secLifecycle, cbMember, atBoard, 'change_board_vote'), {
      allowed: true,
      as: 'change_board_member',
    });
    assert.equal(canRecordEvent(secLifecycle, opsgMember, atBoard, 'change_board_vote').allowed, false);
    assert.equal(canRecordEvent(secLifecycle, cbMember, draft, 'change_board_vote').allowed, false);
  });

  test('a page offers only what the viewer may do now', () => {
    assert.deepEqual(
      eventsUserMayRecord(secLifecycle, theProposer, draft).map((e) => e.event),
      ['withdrawn'],
    );
    assert.deepEqual(
      eventsUserMayRecord(secLifecycle, analyst, draft).map((e) => e.event),
      ['converted', 'withdrawn'],
    );
    assert.deepEqual(eventsUserMayRecord(secLifecycle, otherParty, draft), []);
    assert.deepEqual(
      eventsUserMayRecord(secLifecycle, cbMember, atBoard).map((e) => e.event),
      ['change_board_vote'],
    );
  });

  test('an event only the import records is refused to everyone, saying so', () => {
    const administrator = user([{ role: 'administrator', committee: null }]);
    assert.deepEqual(canRecordEvent(secLifecycle, administrator, draft, 'stage_declared'), {
      allowed: false,
      reason: '"stage_declared" is recorded only by an import',
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getProposalTimetable } from '../src/app/get-proposal-timetable.ts';
import { importRegister } from '../src/app/import-register.ts';
import { transitionProposal } from '../src/app/transition-proposal.ts';
import { sec } from '../src/codes/sec/index.ts';
import { secLifecycle, type SecStage } from '../src/codes/sec/lifecycle.ts';
import { secTimetable } from '../src/codes/sec/timetable.ts';
import type { Database } from '../src/db/connect.ts';
import { upsertClosure } from '../src/db/timetable.repository.ts';
import { createWorkingDayCalendar } from '../src/domain/calendar/working-days.ts';
import type { LifecycleEvent } from '../src/domain/lifecycle/lifecycle.models.ts';
import { computeTimetable } from '../src/domain/timetable/compute-timetable.ts';
import type { MeetingSlot } from '../src/domain/timetable/timetable.models.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';

const calendar = createWorkingDayCalendar({ region: 'england-and-wales' });
const opsg26: MeetingSlot = {
  committee: 'OPSG',
  committeeName: 'Operations Group',
  number: 26,
  date: '2019-11-05',
  papersIssued: false,
};
const timetable = (stage: SecStage, history: LifecycleEvent[], today: string, meetings: MeetingSlot[] = []) =>
  computeTimetable({
    lifecycle: secLifecycle,
    timetable: secTimetable,
    calendar,
    stage,
    history,
    meetings,
    today,
  });
const raised: LifecycleEvent = { event: 'raised', on: '2019-10-16', facts: {} };

describe('timetables, as a pure function', () => {
  test('papers for a meeting are due 5 working days before it: 29 October 2019 for the OPSG on 5 November', () => {
    const [papers, meeting] = timetable('development', [raised], '2019-10-20', [opsg26]);
    assert.deepEqual(papers, {
      kind: 'papers_issued',
      label: 'Papers issued for the Operations Group (meeting 26)',
      due: '2019-10-29',
      basis: '5 working days before the meeting on 2019-11-05',
      overdue: false,
      workingDaysLeft: 7, // from Sunday 20 October: 21-25, 28, 29
    });
    assert.equal(meeting?.due, '2019-11-05');
  });

  test('papers not out by their date are flagged overdue; once issued they are not', () => {
    const late = timetable('development', [raised], '2019-10-31', [opsg26]);
    assert.deepEqual(
      late.map((m) => [m.kind, m.overdue, m.workingDaysLeft]),
      [
        ['papers_issued', true, -2],
        ['meeting', false, 3],
      ],
    );
    const issued = timetable('development', [raised], '2019-10-31', [{ ...opsg26, papersIssued: true }]);
    assert.equal(issued[0]?.overdue, false);
  });

  test('a consultation without a closing date closes after 15 working days: opened 18 November 2019, closes 9 December', () => {
    const history: LifecycleEvent[] = [
      raised,
      { event: 'converted', on: '2019-11-01', facts: {} },
      { event: 'refinement_started', on: '2019-11-05', facts: {} },
      { event: 'consultation_opened', on: '2019-11-18', facts: { consultation: 'refinement' } },
    ];
    const [closes] = timetable('refinement', history, '2019-11-20');
    assert.deepEqual(
      [closes?.label, closes?.due, closes?.basis],
      ['Refinement Consultation closes', '2019-12-09', '15 working days from 2019-11-18'],
    );
    const withDate = timetable(
      'refinement',
      [
        ...history.slice(0, 3),
        {
          event: 'consultation_opened',
          on: '2019-11-18',
          facts: { consultation: 'refinement', closes: '2019-12-13' },
        },
      ],
      '2019-12-16',
    );
    assert.deepEqual([withDate[0]?.due, withDate[0]?.overdue], ['2019-12-13', true]);
    const closed = timetable(
      'refinement',
      [...history, { event: 'consultation_closed', on: '2019-12-09', facts: { consultation: 'refinement' } }],
      '2019-12-10',
    );
    assert.deepEqual(closed, []);
  });

  test('an awaited DCC assessment is due its working days after the request, over Christmas', () => {
    const history: LifecycleEvent[] = [
      raised,
      { event: 'converted', on: '2019-11-01', facts: {} },
      { event: 'refinement_started', on: '2019-11-05', facts: {} },
      { event: 'preliminary_assessment_requested', on: '2019-12-02', facts: {} },
    ];
    const [answer] = timetable('refinement', history, '2019-12-03');
    assert.deepEqual([answer?.label, answer?.due], ['DCC Preliminary Assessment due', '2020-01-02']);
    assert.deepEqual(
      timetable(
        'refinement',
        [...history, { event: 'preliminary_assessment_returned', on: '2019-12-20', facts: {} }],
        '2019-12-21',
      ),
      [],
    );
  });

  test('a final stage has no milestones', () => {
    assert.deepEqual(
      timetable('withdrawn', [raised, { event: 'withdrawn', on: '2019-10-20', facts: {} }], '2019-10-21', [
        opsg26,
      ]),
      [],
    );
  });
});

describe('a proposal’s timetable from the register', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    const result = await importRegister(
      { db: database.db, rules: sec },
      { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] },
    );
    assert.ok(result.ok);
  });
  after(async () => {
    await database.close();
  });
  const deps = (today: string) => ({ db: database.db, rules: sec, today: () => today });
  const anonymous = { kind: 'anonymous' } as const;

  test('DP090 is due at the Operations Group on 5 November 2019, whose paper is out, and may be converted or withdrawn', async () => {
    const t = await getProposalTimetable(deps('2019-10-30'), { viewer: anonymous, reference: 'DP090' });
    assert.ok(t);
    assert.deepEqual(
      t.milestones.map((m) => [m.label, m.due, m.overdue]),
      [
        ['Papers issued for the Operations Group (meeting 26)', '2019-10-29', false],
        ['Operations Group meeting 26', '2019-11-05', false],
      ],
    );
    assert.deepEqual(
      t.nextEvents.map((e) => e.slug),
      ['converted', 'withdrawn'],
    );
  });

  test('an administrator closure moves a due date; converting the proposal moves its timetable on', async () => {
    await upsertClosure(database.db, { date: '2019-10-29', name: 'Office closed' });
    const t = await getProposalTimetable(deps('2019-10-20'), { viewer: anonymous, reference: 'DP090' });
    assert.equal(t?.milestones[0]?.due, '2019-10-28');
    await transitionProposal(
      { db: database.db, rules: sec },
      { reference: 'DP090', event: 'converted', on: '2019-10-21', by: 'CSC', actor: 'analyst' },
    );
    const after = await getProposalTimetable(deps('2019-10-22'), { viewer: anonymous, reference: 'MP090' });
    assert.equal(after?.stage, 'modification_proposal');
    assert.deepEqual(after?.milestones, [], 'no Panel meeting is in the register');
    assert.deepEqual(
      after?.nextEvents.map((e) => e.slug),
      ['refinement_started', 'modification_report_approved', 'withdrawn'],
    );
  });
});

// Decisions at meetings (issue 7): the Operations Group's meeting 26 (5 November 2019) notes item 16, the
// paper OPSG_26_0511_16, and gives the analyst an action due 26 November. The meeting page shows both to
// everyone; the analyst's workspace lists the action under "Open actions", theirs first; the agenda of meeting
// 27 (3 December 2019) lists it under "Actions from previous meetings". Completing it removes it from both.
// Only staff may record; bad input names the field; every change writes an audit row with before and after.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, like } from 'drizzle-orm';
import { addMeeting } from '../src/app/add-meeting.ts';
import { addMeetingAction } from '../src/app/add-meeting-action.ts';
import { completeMeetingAction } from '../src/app/complete-meeting-action.ts';
import { listOpenActions } from '../src/app/list-open-actions.ts';
import { MeetingDecisionInputError, recordAgendaOutcome } from '../src/app/record-agenda-outcome.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { agendaItemOutcomes, auditEvents, meetingActions } from '../src/db/schema.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';
import { createWebApp } from './support/web.ts';

const MEETING = '/committees/OPSG/meetings/26';
const FORM = `${MEETING}/outcomes`;
const ACTIONS = `${MEETING}/actions`;
const ACTION_TEXT = 'Circulate the revised alert list to members';

let database: Database;
const deps = () => ({ db: database.db, rules: sec });
const web = createWebApp({
  today: '2019-11-20',
  users: {
    analyst: [{ role: 'analyst' }],
    other: [{ role: 'analyst' }],
    opsgMember: [{ role: 'committee_member', committee: 'OPSG' }],
  },
});
const { get, postForm: post } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await addMeeting(deps(), { committee: 'OPSG', number: 27, date: '2019-12-03', actor: 'analyst' });
  await web.start(database);
});

after(() => web.close());

const agenda27 = async () => (await web.app.inject({ url: '/committees/OPSG/meetings/27/agenda.txt' })).body;
const auditOf = (action: string) =>
  database.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(auditEvents.id);

describe('recording what meeting 26 decided', () => {
  it('the form offers item 16, the paper OPSG_26_0511_16, to staff', async () => {
    const page = await get('analyst', FORM);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="outcome-16"/);
    assert.match(page.body, /Item 16/);
  });

  it('records item 16 as noted, with notes, and an audit row with before and after', async () => {
    const res = await post('analyst', FORM, {
      'outcome-16': 'noted',
      'notes-16': 'Members had no comments.',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${FORM}?recorded=1`);
    const rows = await database.db.select().from(agendaItemOutcomes);
    assert.deepEqual(
      rows.map((r) => [r.item, r.outcome, r.notes]),
      [[16, 'noted', 'Members had no comments.']],
    );
    // changing it keeps the history
    const again = await post('analyst', FORM, {
      'outcome-16': 'agreed',
      'notes-16': 'Members had no comments.',
    });
    assert.equal(again.headers.location, `${FORM}?recorded=1`);
    const audit = await auditOf('meeting.outcome_recorded');
    assert.equal(audit.length, 2);
    assert.equal(audit[0]?.before, null);
    assert.equal(audit[0]?.after?.outcome, 'noted');
    assert.equal(audit[1]?.before?.outcome, 'noted');
    assert.equal(audit[1]?.after?.outcome, 'agreed');
    assert.equal(audit[1]?.actor.startsWith('user:'), true);
    // the same again records nothing
    const same = await post('analyst', FORM, {
      'outcome-16': 'agreed',
      'notes-16': 'Members had no comments.',
    });
    assert.equal(same.headers.location, `${FORM}?recorded=0`);
    assert.equal((await auditOf('meeting.outcome_recorded')).length, 2);
  });

  it('refuses an unknown outcome, naming the field, and records nothing', async () => {
    const res = await post('analyst', FORM, { 'outcome-16': 'approved' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#outcome-16"/);
    const other = await post('analyst', FORM, { otherItem: 'x', otherOutcome: 'noted' });
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /href="#otherItem"/);
    await assert.rejects(
      recordAgendaOutcome(deps(), { committee: 'OPSG', meeting: 26, item: 16, outcome: 'maybe', actor: 't' }),
      (e: unknown) => e instanceof MeetingDecisionInputError && e.field === 'outcome',
    );
    const rows = await database.db.select().from(agendaItemOutcomes);
    assert.equal(rows[0]?.outcome, 'agreed');
  });

  it('refuses an action with no text, an unknown owner or a due date before the meeting, naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ text: '', owner: 'analyst@example.com' }, 'text'],
      [{ text: ACTION_TEXT, owner: '' }, 'owner'],
      [{ text: ACTION_TEXT, owner: 'nobody@example.com' }, 'owner'],
      [{ text: ACTION_TEXT, owner: 'analyst@example.com', dueOn: '2019-11-01' }, 'dueOn'],
      [{ text: ACTION_TEXT, owner: 'analyst@example.com', dueOn: '26/11/2019' }, 'dueOn'],
      [{ text: ACTION_TEXT, owner: 'analyst@example.com', actionItem: 'sixteen' }, 'actionItem'],
    ];
    for (const [form, fieldName] of cases) {
      const res = await post('analyst', ACTIONS, form);
      assert.equal(res.statusCode, 400, fieldName);
      assert.match(res.body, new RegExp(`href="#${fieldName}"`), fieldName);
    }
    assert.equal((await database.db.select().from(meetingActions)).length, 0);
  });

  it('adds an action for the analyst, due 26 November, with an audit row', async () => {
    const res = await post('analyst', ACTIONS, {
      text: ACTION_TEXT,
      owner: 'Analyst@Example.com',
      actionItem: '16',
      dueOn: '2019-11-26',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${FORM}?added=1`);
    // and one for someone without an account, with no due date
    await post('analyst', ACTIONS, { text: 'Report back on the trial', owner: 'Jo Bloggs (DCC)' });
    const audit = await auditOf('meeting.action_added');
    assert.equal(audit.length, 2);
    assert.equal(audit[0]?.before, null);
    assert.equal(audit[0]?.after?.text, ACTION_TEXT);
    assert.equal(audit[0]?.after?.dueOn, '2019-11-26');
    assert.equal(audit[0]?.after?.ownerName, 'analyst');
  });

  it('shows the outcome and the actions on the meeting page, to everyone', async () => {
    const page = await web.app.inject({ url: MEETING });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Outcomes and actions/);
    assert.match(page.body, /Agreed/);
    assert.match(page.body, /Members had no comments\./);
    assert.match(page.body, new RegExp(`${ACTION_TEXT} \\(owner: analyst; due 26 November 2019\\): open`));
    assert.match(page.body, /Report back on the trial \(owner: Jo Bloggs \(DCC\)\): open/);
    assert.ok(!page.body.includes(`${MEETING}/outcomes"`), 'the public gets no link to the form');
  });

  it("lists the action in the analyst's workspace, under theirs, and in everyone's list", async () => {
    const mine = await get('analyst', '/workspace');
    assert.equal(mine.statusCode, 200);
    const yours = /id="my-actions-list">([\s\S]*?)<\/ul>/.exec(mine.body)?.[1] ?? '';
    assert.ok(yours.includes(ACTION_TEXT));
    assert.ok(!yours.includes('Report back on the trial'));
    assert.match(mine.body, /Open actions \(2\)/);
    const other = await get('other', '/workspace');
    assert.match(other.body, /No open action is yours\./);
    assert.ok(other.body.includes(ACTION_TEXT));
  });

  it('lists the open actions on the agenda of meeting 27, not on that of meeting 26', async () => {
    const text = await agenda27();
    assert.match(text, /Actions from previous meetings/);
    assert.ok(text.includes(`${ACTION_TEXT} (owner: analyst; due 26 November 2019; from meeting 26)`), text);
    assert.ok(text.includes('Report back on the trial (owner: Jo Bloggs (DCC); from meeting 26)'));
    const own = (await web.app.inject({ url: `${MEETING}/agenda.txt` })).body;
    assert.ok(!own.includes('Actions from previous meetings'));
  });

  it('completing the action removes it from the workspace and the next agenda, with an audit row', async () => {
    const [action] = await database.db
      .select()
      .from(meetingActions)
      .where(like(meetingActions.text, 'Circulate%'));
    assert.ok(action);
    const res = await post('analyst', `/actions/${action.id}/done`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${FORM}?done=1`);
    const again = await post('analyst', `/actions/${action.id}/done`, {});
    assert.equal(again.statusCode, 400);
    const workspace = await get('analyst', '/workspace');
    assert.ok(!workspace.body.includes(ACTION_TEXT));
    assert.match(workspace.body, /Open actions \(1\)/);
    assert.ok(!(await agenda27()).includes(ACTION_TEXT));
    assert.ok((await agenda27()).includes('Report back on the trial'));
    assert.deepEqual(
      (await listOpenActions(deps(), { committee: 'OPSG' })).map((a) => a.text),
      ['Report back on the trial'],
    );
    const page = await web.app.inject({ url: MEETING });
    assert.match(page.body, /due 26 November 2019\): done on 20 November 2019/);
    const audit = await auditOf('meeting.action_completed');
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]?.before, { action: action.id, doneOn: null });
    assert.deepEqual(audit[0]?.after, { action: action.id, doneOn: '2019-11-20' });
  });
});

describe('who may record', () => {
  it('refuses a committee member (403) and sends the anonymous public to sign in', async () => {
    assert.equal((await get('opsgMember', FORM)).statusCode, 403);
    for (const url of [FORM, ACTIONS, '/actions/1/done']) {
      const res = await post('opsgMember', url, { 'outcome-16': 'noted', text: 'x', owner: 'y' });
      assert.equal(res.statusCode, 403, url);
    }
    const anonymous = await web.app.inject({ url: FORM });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/sign-in\?next=/);
    assert.equal((await get('analyst', '/committees/OPSG/meetings/99/outcomes')).statusCode, 404);
    assert.equal((await post('analyst', '/actions/9999/done', {})).statusCode, 404);
  });
});

describe('marking an action done', () => {
  const at = () => ({ ...deps(), today: () => '2019-11-20' });
  it('refuses a day after today, naming the field, and records nothing', async () => {
    const { id } = await addMeetingAction(deps(), {
      committee: 'OPSG',
      meeting: 26,
      text: 'Not done yet',
      owner: 'A Member',
      actor: 'analyst',
    });
    await assert.rejects(
      completeMeetingAction(at(), { id, on: '2019-11-21', actor: 'analyst' }),
      (e: unknown) =>
        e instanceof MeetingDecisionInputError && e.field === 'on' && /after today/.test(e.message),
    );
    const [row] = await database.db.select().from(meetingActions).where(eq(meetingActions.id, id));
    assert.equal(row?.doneOn, null);
  });

  it('of eight requests at the same instant (a double click), one marks it done and is audited; the rest are refused', async () => {
    const { id } = await addMeetingAction(deps(), {
      committee: 'OPSG',
      meeting: 26,
      text: 'Clicked twice',
      owner: 'A Member',
      actor: 'analyst',
    });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        completeMeetingAction(at(), { id, on: `2019-11-${String(11 + i)}`, actor: 'analyst' }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results)
      if (r.status === 'rejected')
        assert.ok(
          r.reason instanceof MeetingDecisionInputError && r.reason.field === 'action',
          String(r.reason),
        );
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(like(auditEvents.action, 'meeting.action_completed'));
    const forThis = audit.filter((a) => (a.after as { action?: number } | null)?.action === id);
    assert.equal(forThis.length, 1);
    const [row] = await database.db.select().from(meetingActions).where(eq(meetingActions.id, id));
    assert.equal(row?.doneOn, (forThis[0]?.after as { doneOn?: string }).doneOn);
  });
});

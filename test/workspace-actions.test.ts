// "Mark done" on the workspace (issue 7, decisions at meetings): the Operations Group's meeting 26 (5 November
// 2019) gave the analyst an action due 26 November and Jo Bloggs (no account) one with no due date. On the
// analyst's workspace (today 20 November 2019) each open action has a small form that posts to
// POST /actions/:id/done with the CSRF token and `returnTo=/workspace`; the route marks it done (with its audit
// record) and comes back to /workspace?done=<id>, which says "Action <id> marked done". Only a path of the
// route's allow-list is followed: any other return path is ignored (the meeting's form, never a foreign site).
// Staff only: a committee member gets neither the workspace nor the button, and cannot mark done; a POST without
// the CSRF token is refused. Nothing is stored on a refusal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { addMeetingAction } from '../src/app/add-meeting-action.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { auditEvents, meetingActions } from '../src/db/schema.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';
import { createWebApp } from './support/web.ts';

const OUTCOMES = '/committees/OPSG/meetings/26/outcomes';
const MINE = 'Circulate the revised alert list to members';
const THEIRS = 'Report back on the trial';

let database: Database;
const deps = () => ({ db: database.db, rules: sec });
const web = createWebApp({
  today: '2019-11-20',
  users: {
    analyst: [{ role: 'analyst' }],
    opsgMember: [{ role: 'committee_member', committee: 'OPSG' }],
  },
});
const { ids: userIds, get, csrfOf: accountToken } = web;
let mine: number;
let theirs: number;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await web.start(database);
  const add = (text: string, owner: string, dueOn?: string) =>
    addMeetingAction(deps(), { committee: 'OPSG', meeting: 26, item: 16, text, owner, dueOn, actor: 'test' });
  mine = (await add(MINE, 'analyst@example.com', '2019-11-26')).id;
  theirs = (await add(THEIRS, 'Jo Bloggs (DCC)')).id;
});

after(() => web.close());

/** The token of the analyst's own workspace form: what the browser would send. */
const workspaceToken = async () =>
  /name="_csrf" value="([^"]+)"/.exec((await get('analyst', '/workspace')).body)?.[1] ?? '';
const postDone = (viewer: string, id: number, form: Record<string, string>) =>
  web.postForm(viewer, `/actions/${id}/done`, form, { csrf: false });
const doneOn = async (id: number) =>
  (await database.db.select().from(meetingActions).where(eq(meetingActions.id, id)))[0]?.doneOn;
const completions = () =>
  database.db.select().from(auditEvents).where(eq(auditEvents.action, 'meeting.action_completed'));
/** The "Mark done" forms of a page: their action and hidden fields. */
const doneForms = (html: string) =>
  [...html.matchAll(/<form method="post" action="(\/actions\/\d+\/done)"[^>]*>([\s\S]*?)<\/form>/g)].map(
    (m) => ({
      action: m[1],
      csrf: /name="_csrf" value="([^"]*)"/.exec(m[2] ?? '')?.[1],
      returnTo: /name="returnTo" value="([^"]*)"/.exec(m[2] ?? '')?.[1],
      button: /<button[^>]*>\s*Mark done\s*<\/button>/.test(m[2] ?? ''),
    }),
  );

describe('"Mark done" on the workspace', () => {
  it('gives staff a form per open action, in their own list and in everyone’s, with the token and the way back', async () => {
    const page = await get('analyst', '/workspace');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    const yours = /id="my-actions-list">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
    const all = /id="all-actions-list">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
    const token = await workspaceToken();
    assert.ok(token.length > 20, 'the page carries a CSRF token');
    const expected = (id: number) => ({
      action: `/actions/${id}/done`,
      csrf: token,
      returnTo: '/workspace',
      button: true,
    });
    assert.deepEqual(doneForms(yours), [expected(mine)]);
    assert.deepEqual(doneForms(all), [expected(mine), expected(theirs)]);
    assert.match(all, new RegExp(`aria-label="Mark done: ${THEIRS}"`));
    assert.doesNotMatch(page.body, /marked done/, 'no banner before anything was done');
  });

  it('shows no button to anyone else: a committee member is refused the workspace, the public sent to sign in', async () => {
    const member = await get('opsgMember', '/workspace');
    assert.equal(member.statusCode, 403);
    assert.equal(doneForms(member.body).length, 0);
    assert.doesNotMatch(member.body, /Mark done/);
    const anonymous = await get('public', '/workspace');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fworkspace');
    // and the route itself refuses them, whatever the return path
    const refused = await postDone('opsgMember', mine, {
      _csrf: await accountToken('opsgMember'),
      returnTo: '/workspace',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(await doneOn(mine), null);
    assert.equal((await completions()).length, 0);
  });

  it('refuses a POST without the CSRF token, or with another session’s, and marks nothing done', async () => {
    const without = await postDone('analyst', mine, { returnTo: '/workspace' });
    assert.equal(without.statusCode, 403);
    const foreign = await postDone('analyst', mine, {
      _csrf: await accountToken('opsgMember'),
      returnTo: '/workspace',
    });
    assert.equal(foreign.statusCode, 403);
    assert.equal(await doneOn(mine), null);
    assert.equal((await completions()).length, 0);
  });

  it('marks the action done and returns to the workspace, which says so and lists it no more', async () => {
    const res = await postDone('analyst', mine, { _csrf: await workspaceToken(), returnTo: '/workspace' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/workspace?done=${mine}`);
    assert.equal(await doneOn(mine), '2019-11-20');
    const audit = await completions();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, `user:${userIds.analyst}`);
    assert.deepEqual(audit[0]?.after, { action: mine, doneOn: '2019-11-20' });

    const back = await get('analyst', res.headers.location ?? '');
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /govuk-notification-banner--success/);
    assert.match(back.body, new RegExp(`Action ${mine} marked done`));
    assert.ok(!back.body.includes(MINE), 'the done action has left the workspace');
    assert.match(back.body, /No open action is yours\./);
    assert.deepEqual(
      doneForms(back.body).map((f) => f.action),
      [`/actions/${theirs}/done`],
    );
  });

  it('says no more than the number it was given: anything else in ?done= shows no banner', async () => {
    for (const done of ['abc', '0', '<script>alert(1)</script>', '1e3', '12345678901'])
      assert.doesNotMatch(
        (await get('analyst', `/workspace?done=${encodeURIComponent(done)}`)).body,
        /marked done/,
        done,
      );
    assert.doesNotMatch((await get('analyst', '/workspace?done=1&done=2')).body, /marked done/);
  });

  it('refuses marking it done twice, naming the day, and stores nothing more', async () => {
    const again = await postDone('analyst', mine, { _csrf: await workspaceToken(), returnTo: '/workspace' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already done on 2019-11-20/);
    assert.equal((await completions()).length, 1);
  });

  it('ignores a return path outside the allow-list: back to the meeting’s form, never elsewhere', async () => {
    const foreign = [
      'https://evil.example/workspace',
      '//evil.example/workspace',
      '/\\evil.example',
      'javascript:alert(1)',
      '/workspace/../admin/users',
      '/workspace?x=1',
      '/admin/users',
    ];
    for (const returnTo of foreign) {
      const { id } = await addMeetingAction(deps(), {
        committee: 'OPSG',
        meeting: 26,
        text: `An action to test ${returnTo}`,
        owner: 'Jo Bloggs (DCC)',
        actor: 'test',
      });
      const res = await postDone('analyst', id, { _csrf: await workspaceToken(), returnTo });
      assert.equal(res.statusCode, 303, returnTo);
      assert.equal(res.headers.location, `${OUTCOMES}?done=1`, returnTo);
      assert.equal(await doneOn(id), '2019-11-20', returnTo);
    }
    // and without one, as the meeting's own form posts
    const res = await postDone('analyst', theirs, { _csrf: await workspaceToken() });
    assert.equal(res.headers.location, `${OUTCOMES}?done=1`);
  });
});

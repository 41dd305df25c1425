// The engagement API (issue 7, beyond views): a Draft Proposal's problem statement in versions, what
// committees follow, and meetings' outcomes and actions, as JSON, through the real server (inject, real
// sessions, the CSRF token in the `x-csrf-token` header) and a real database. The analyst writes DP090's
// problem statement in two versions and records the Change Sub-Committee's agreement of the second; records
// that the Operations Group (meeting 26, 5 November 2019) follows DP090, then does not; records the meeting's
// outcome on item 16 and an action, then marks it done. Each write is refused to the anonymous (401, before
// the CSRF check), without the token (403), to a user who is not staff (403), for a proposal the user may not
// see (404, as one that does not exist), and for a bad body naming the field; a refusal stores nothing, and
// each write's audit record names the signed-in user.
//
// The register: the web seed (DP090 White; MP095 Amber for the DCC, which the OPSG member and the public may
// not see), plus DP099, Red, which no one here may see.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { recordFollowing } from '../src/app/record-following.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';
import { createWebApp } from './support/web.ts';

const TODAY = '2019-11-20';

const RED = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP099
    title: A Red proposal no one here may see
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
`;

const USERS: Record<string, RoleGrant[]> = {
  analyst: [{ role: 'analyst' }],
  opsgMember: [{ role: 'committee_member', committee: 'OPSG' }],
};

const SECTIONS = {
  issue: 'DCC Users receive Non-GBCS Non-Mandated Alerts with no context.',
  impacts: 'Users must monitor and define these Alerts by hand.',
  doNothing: 'The inefficient working practice continues.',
  context: 'Schedule 8 does not define these Alerts.',
};

let database: Database;
const web = createWebApp({
  today: TODAY,
  users: USERS,
  nameOf: (name) => `${name} Person`,
  csrfPage: '/',
  requireCsrf: true,
});
const { ids: userIds, cookiesOf, csrfOf, get, sendJson: send } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'red.yaml', text: RED }]);
  await web.start(database);
});

after(() => web.close());

interface ApiError {
  error: { code: string; message: string; field?: string; problems?: { field: string }[] };
}
const errorOf = (res: LightMyRequestResponse) => res.json<ApiError>().error;

/** Asserts a refusal: its status, code and (when given) the field it names. */
function assertRefused(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  assert.equal(res.statusCode, status, res.body);
  const error = errorOf(res);
  assert.equal(error.code, code, res.body);
  if (field !== undefined) assert.equal(error.field, field, res.body);
  assert.ok(error.message.length > 0);
}

/** A table's rows as one string: what `columns` hold, in `order`. */
const contents = (table: string, columns: string, order: string) =>
  `(select coalesce(string_agg(concat_ws(':', ${columns}), ',' order by ${order}), '') from ${table} t)`;

/** What the writes change: the contents of their tables, and the audit log's length. */
async function stored() {
  const [row] = await queryRows(
    database.db,
    `select (select count(*)::int from audit_events) as audit,
       ${contents('problem_statement_versions', 'proposal_id, version, status, agreed_on, sections', 'id')}
         as versions,
       ${contents('committee_following', 'proposal_id, decision, decided_on, meeting_id', 't::text')}
         as following,
       ${contents('agenda_item_outcomes', 'meeting_id, item, outcome, notes', 'id')} as outcomes,
       ${contents('meeting_actions', 'id, meeting_id, item, text, due_on, done_on', 'id')} as actions`,
  );
  return row;
}

/** The newest audit record of an action. */
async function lastAudit(action: string) {
  const [row] = await queryRows<{ actor: string; before: unknown; after: Record<string, unknown> }>(
    database.db,
    `select actor, before, after from audit_events where action = '${action}' order by id desc limit 1`,
  );
  assert.ok(row, `an audit record ${action}`);
  return row;
}

/** The 404 for `hidden` is the 404 for `missing`, but for the reference echoed back. */
async function assertSameAsMissing(
  res: LightMyRequestResponse,
  again: (reference: string) => Promise<LightMyRequestResponse>,
  hidden: string,
) {
  assertRefused(res, 404, 'proposal.not_found');
  const missing = await again('DP999');
  assert.equal(missing.statusCode, 404);
  assert.equal(res.body.replaceAll(hidden, 'DP999'), missing.body);
}

const PS = (ref: string) => `/api/v1/proposals/${ref}/problem-statement`;

describe('problem statement versions', () => {
  it('a write by the anonymous public is refused (401) before the CSRF check, storing nothing', async () => {
    const before = await stored();
    assertRefused(await send('anonymous', 'POST', `${PS('DP090')}/versions`, SECTIONS), 401, 'auth.required');
    const agree = await send('anonymous', 'POST', `${PS('DP090')}/versions/1/agree`, { on: TODAY });
    assertRefused(agree, 401, 'auth.required');
    assert.deepEqual(await stored(), before);
  });

  it('without the CSRF token, staff are refused (403), storing nothing', async () => {
    const before = await stored();
    const res = await send('analyst', 'POST', `${PS('DP090')}/versions`, SECTIONS, { csrf: false });
    assert.equal(res.statusCode, 403, res.body);
    assert.match(errorOf(res).message, /did not come from this site/);
    assert.deepEqual(await stored(), before);
  });

  it('a signed-in user who is not staff is refused (403) on each write, whatever the proposal', async () => {
    const before = await stored();
    for (const ref of ['DP090', 'MP095', 'DP999']) {
      const written = await send('opsgMember', 'POST', `${PS(ref)}/versions`, SECTIONS);
      assertRefused(written, 403, 'auth.forbidden');
      assert.match(errorOf(written).message, /administrators and analysts/);
      const agreed = await send('opsgMember', 'POST', `${PS(ref)}/versions/1/agree`, { on: TODAY });
      assertRefused(agreed, 403, 'auth.forbidden');
    }
    assert.deepEqual(await stored(), before);
  });

  it('a bad body is refused naming the field, storing nothing', async () => {
    const before = await stored();
    const write = (body: unknown) => send('analyst', 'POST', `${PS('DP090')}/versions`, body);
    assertRefused(await write({ ...SECTIONS, title: 'x' }), 400, 'request.invalid', 'title');
    assertRefused(await write({ ...SECTIONS, issue: 5 }), 400, 'request.invalid', 'issue');
    assertRefused(await write([SECTIONS]), 400, 'request.invalid', 'issue');
    assertRefused(await write({ ...SECTIONS, on: '20/11/2019' }), 400, 'request.invalid', 'on');
    const missing = await write({ issue: SECTIONS.issue });
    assertRefused(missing, 400, 'problem_statement.invalid', 'impacts');
    assert.deepEqual(
      errorOf(missing).problems?.map((p) => p.field),
      ['impacts', 'doNothing', 'context'],
    );
    assertRefused(await write({ ...SECTIONS, on: '2019-12-01' }), 400, 'problem_statement.invalid', 'on');
    assert.deepEqual(await stored(), before);
  });

  it('a proposal the staff may not see (Red) is not found, as one that does not exist', async () => {
    const before = await stored();
    const write = (ref: string) => send('analyst', 'POST', `${PS(ref)}/versions`, SECTIONS);
    await assertSameAsMissing(await write('DP099'), write, 'DP099');
    const agree = (ref: string) => send('analyst', 'POST', `${PS(ref)}/versions/1/agree`, { on: TODAY });
    await assertSameAsMissing(await agree('DP099'), agree, 'DP099');
    assert.deepEqual(await stored(), before);
  });

  it('staff write versions: 201 with the version and its Location, audited as the user', async () => {
    const storedBefore = await stored();
    const first = await send('analyst', 'POST', `${PS('DP090')}/versions`, SECTIONS);
    assert.notDeepEqual(await stored(), storedBefore, 'the write is stored');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers.location, PS('DP090'));
    assert.deepEqual(first.json(), {
      reference: 'DP090',
      version: {
        version: 1,
        status: 'draft',
        writtenOn: TODAY,
        agreedOn: null,
        agreedBy: null,
        sections: SECTIONS,
      },
    });
    const audit = await lastAudit('problem_statement.version_written');
    assert.equal(audit.actor, `user:${userIds.analyst}`);
    assert.equal(audit.before, null);
    assert.deepEqual(audit.after.sections, SECTIONS);

    const issue = 'DCC Users receive Non-GBCS Non-Mandated Alerts with no explanation.';
    const second = await send('analyst', 'POST', `${PS('DP090')}/versions`, {
      ...SECTIONS,
      issue,
      on: TODAY,
    });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json<{ version: { version: number } }>().version.version, 2);
    assert.equal((await lastAudit('problem_statement.version_written')).actor, `user:${userIds.analyst}`);

    const before = await stored();
    const same = await send('analyst', 'POST', `${PS('DP090')}/versions`, { ...SECTIONS, issue });
    assertRefused(same, 400, 'problem_statement.invalid', 'issue');
    assert.deepEqual(await stored(), before, 'the same sections again store nothing');
  });

  it('anyone who may see the proposal reads its versions and the current one', async () => {
    const res = await get('anonymous', PS('DP090'));
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      reference: string;
      open: boolean;
      current: number;
      agreeingCommittee: unknown;
      versions: { version: number; status: string; sections: { issue: string } }[];
    }>();
    assert.equal(body.reference, 'DP090');
    assert.equal(body.open, true);
    assert.equal(body.current, 2);
    assert.deepEqual(body.agreeingCommittee, { ref: 'CSC', name: 'Change Sub-Committee' });
    assert.deepEqual(
      body.versions.map((v) => [v.version, v.status]),
      [
        [1, 'draft'],
        [2, 'draft'],
      ],
    );
    assert.equal(body.versions[0]?.sections.issue, SECTIONS.issue);

    const redirect = await get('anonymous', PS('MP090'));
    assert.equal(redirect.statusCode, 301);
    assert.equal(redirect.headers.location, PS('DP090'));

    assert.equal((await get('analyst', PS('MP095'))).statusCode, 200, 'staff see the Amber proposal');
    for (const who of ['anonymous', 'opsgMember'])
      await assertSameAsMissing(await get(who, PS('MP095')), (ref) => get(who, PS(ref)), 'MP095');
  });

  it('two versions compared: the word diff runs; bad numbers refused naming the parameter', async () => {
    const res = await get('anonymous', `${PS('DP090')}/compare`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      from: { version: number };
      to: { version: number };
      changed: boolean;
      sections: { section: string; changed: boolean; runs: { kind: string; text: string }[] }[];
    }>();
    assert.deepEqual([body.from.version, body.to.version], [1, 2], 'the latest against the one before');
    assert.equal(body.changed, true);
    const issue = body.sections.find((s) => s.section === 'issue');
    assert.equal(issue?.changed, true);
    assert.deepEqual(
      issue?.runs.filter((r) => r.kind !== 'same'),
      [
        { kind: 'removed', text: 'context' },
        { kind: 'added', text: 'explanation' },
      ],
    );
    assert.deepEqual(
      body.sections.filter((s) => s.changed).map((s) => s.section),
      ['issue'],
    );

    const backwards = await get('anonymous', `${PS('DP090')}/compare?from=2&to=1`);
    assert.equal(backwards.statusCode, 200);
    assert.deepEqual(
      backwards
        .json<{ sections: { section: string; runs: { kind: string; text: string }[] }[] }>()
        .sections[0]?.runs.filter((r) => r.kind !== 'same'),
      [
        { kind: 'removed', text: 'explanation' },
        { kind: 'added', text: 'context' },
      ],
    );

    assertRefused(await get('anonymous', `${PS('DP090')}/compare?from=abc`), 400, 'request.invalid', 'from');
    const both = await get('anonymous', `${PS('DP090')}/compare?from=x&to=y`);
    assertRefused(both, 400, 'request.invalid', 'from');
    assert.deepEqual(
      errorOf(both).problems?.map((p) => p.field),
      ['from', 'to'],
    );
    assertRefused(
      await get('anonymous', `${PS('DP090')}/compare?from=1&to=9`),
      400,
      'problem_statement.invalid',
      'to',
    );

    const redirect = await get('anonymous', `${PS('MP090')}/compare?from=1&to=2`);
    assert.equal(redirect.statusCode, 301);
    assert.equal(redirect.headers.location, `${PS('DP090')}/compare?from=1&to=2`);
    const compare = (ref: string) => get('opsgMember', `${PS(ref)}/compare`);
    await assertSameAsMissing(await compare('MP095'), compare, 'MP095');
  });

  it('staff record the agreement: bad input named and nothing stored, then 200, audited', async () => {
    const before = await stored();
    const agree = (version: string, body: unknown) =>
      send('analyst', 'POST', `${PS('DP090')}/versions/${version}/agree`, body);
    assertRefused(await agree('2', {}), 400, 'request.invalid', 'on');
    assertRefused(await agree('2', undefined), 400, 'request.invalid', 'on');
    assertRefused(await agree('2', { on: 'today' }), 400, 'request.invalid', 'on');
    assertRefused(await agree('2', { on: TODAY, meeting: 12 }), 400, 'request.invalid', 'meeting');
    assertRefused(await agree('two', { on: TODAY }), 400, 'request.invalid', 'version');
    assertRefused(await agree('9', { on: TODAY }), 400, 'problem_statement.invalid', 'version');
    assertRefused(await agree('2', { on: '2019-12-25' }), 400, 'problem_statement.invalid', 'on');
    assertRefused(await agree('2', { on: '2019-02-30' }), 400, 'problem_statement.invalid', 'on');
    assertRefused(await agree('1', { on: TODAY }), 409, 'problem_statement.not_allowed_now');
    assert.deepEqual(await stored(), before);

    const storedBefore = await stored();
    const res = await agree('2', { on: TODAY });
    assert.notDeepEqual(await stored(), storedBefore, 'the write is stored');
    assert.equal(res.statusCode, 200, res.body);
    const agreed = res.json<{ reference: string; version: Record<string, unknown> }>();
    assert.equal(agreed.reference, 'DP090');
    assert.equal(agreed.version.version, 2);
    assert.equal(agreed.version.status, 'agreed');
    assert.equal(agreed.version.agreedOn, TODAY);
    assert.deepEqual(agreed.version.agreedBy, { ref: 'CSC', name: 'Change Sub-Committee' });
    const audit = await lastAudit('problem_statement.agreed');
    assert.equal(audit.actor, `user:${userIds.analyst}`);
    assert.equal(audit.after.by, 'CSC');

    const after = await stored();
    assertRefused(await agree('2', { on: TODAY }), 409, 'problem_statement.not_allowed_now');
    assert.deepEqual(await stored(), after, 'agreeing again stores nothing');
    const read = (await get('anonymous', PS('DP090'))).json<{ versions: { status: string }[] }>();
    assert.deepEqual(
      read.versions.map((v) => v.status),
      ['draft', 'agreed'],
    );
  });
});

const FOLLOW = (committee: string, ref: string) => `/api/v1/committees/${committee}/following/${ref}`;

describe('what a committee follows', () => {
  it('refused to the anonymous (401), without the token or to non-staff (403): nothing stored', async () => {
    const before = await stored();
    const body = { decision: 'yes', meeting: 26 };
    assertRefused(await send('anonymous', 'PUT', FOLLOW('OPSG', 'DP090'), body), 401, 'auth.required');
    const noToken = await send('analyst', 'PUT', FOLLOW('OPSG', 'DP090'), body, { csrf: false });
    assert.equal(noToken.statusCode, 403, noToken.body);
    assert.match(errorOf(noToken).message, /did not come from this site/);
    for (const ref of ['DP090', 'MP095'])
      assertRefused(await send('opsgMember', 'PUT', FOLLOW('OPSG', ref), body), 403, 'auth.forbidden');
    assert.deepEqual(await stored(), before);
  });

  it('a bad decision names the field; a hidden proposal is not found; nothing is stored', async () => {
    const before = await stored();
    const put = (body: unknown, ref = 'DP090', committee = 'OPSG') =>
      send('analyst', 'PUT', FOLLOW(committee, ref), body);
    assertRefused(await put({ decision: 'yes', meeting: 26, by: 'CSC' }), 400, 'request.invalid', 'by');
    assertRefused(await put({ decision: 'yes' }), 400, 'request.invalid', 'meeting');
    assertRefused(await put({ decision: 'yes', meeting: '26' }), 400, 'request.invalid', 'meeting');
    assertRefused(await put({ decision: 'yes', meeting: 0 }), 400, 'request.invalid', 'meeting');
    // past the 32-bit column: named, not a 500
    assertRefused(await put({ decision: 'yes', meeting: 2147483648 }), 400, 'request.invalid', 'meeting');
    assertRefused(await put({ decision: 'yes', meeting: 1e20 }), 400, 'request.invalid', 'meeting');
    const malformed = await web.app.inject({
      method: 'PUT',
      url: FOLLOW('OPSG', 'DP090'),
      cookies: cookiesOf('analyst'),
      headers: { 'content-type': 'application/json', 'x-csrf-token': await csrfOf('analyst') },
      payload: '{"decision": "yes", "meeting":',
    });
    assertRefused(malformed, 400, 'request.invalid', 'body');
    assertRefused(await put({ meeting: 26 }), 400, 'request.invalid', 'decision');
    assertRefused(await put({ decision: 'maybe', meeting: 26 }), 400, 'following.invalid', 'decision');
    assertRefused(await put({ decision: 'yes', meeting: 99 }), 400, 'following.invalid', 'meeting');
    assertRefused(
      await put({ decision: 'yes', meeting: 26, on: '2019-02-30' }),
      400,
      'following.invalid',
      'on',
    );
    assertRefused(await put({ decision: 'yes', meeting: 26 }, 'DP090', 'NOPE'), 404, 'committee.not_found');
    const hidden = (ref: string) => put({ decision: 'yes', meeting: 26 }, ref);
    await assertSameAsMissing(await hidden('DP099'), hidden, 'DP099');
    assert.deepEqual(await stored(), before);
  });

  it('staff record decisions: 200, the decision and whether it changed, audited as the user', async () => {
    const storedBefore = await stored();
    const res = await send('analyst', 'PUT', FOLLOW('OPSG', 'DP090'), { decision: 'yes', meeting: 26 });
    assert.notDeepEqual(await stored(), storedBefore, 'the write is stored');
    assert.equal(res.statusCode, 200, res.body);
    const recorded = res.json<Record<string, unknown>>();
    assert.deepEqual(recorded.proposal, {
      reference: 'DP090',
      title: 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC',
    });
    assert.equal(recorded.decision, 'yes');
    assert.equal(recorded.decidedOn, '2019-11-05', 'the meeting’s day');
    assert.deepEqual(recorded.meeting, { number: 26, date: '2019-11-05' });
    assert.equal(recorded.previous, null);
    assert.equal(recorded.changed, true);
    const audit = await lastAudit('following.recorded');
    assert.equal(audit.actor, `user:${userIds.analyst}`);
    assert.equal(audit.after.decision, 'yes');

    const before = await stored();
    const same = await send('analyst', 'PUT', FOLLOW('OPSG', 'DP090'), { decision: 'yes', meeting: 26 });
    assert.equal(same.statusCode, 200);
    assert.equal(same.json<{ changed: boolean }>().changed, false);
    assert.deepEqual(await stored(), before, 'the same decision again writes nothing');

    const changed = await send('analyst', 'PUT', FOLLOW('OPSG', 'MP090'), {
      decision: 'no',
      meeting: 26,
      on: '2019-11-06',
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const now = changed.json<Record<string, unknown>>();
    assert.equal(now.changed, true);
    assert.equal(now.decidedOn, '2019-11-06');
    assert.deepEqual(now.previous, { decision: 'yes', decidedOn: '2019-11-05', meeting: 26 });
    assert.equal((await lastAudit('following.recorded')).actor, `user:${userIds.analyst}`);
  });

  it('what the committee follows shows only the proposals each viewer may see', async () => {
    // the command line records a decision on the Amber MP095, which the OPSG member and the public cannot see
    await recordFollowing(
      { db: database.db, rules: sec },
      { committee: 'OPSG', meeting: 26, proposal: 'MP095', decision: 'yes', actor: 'analyst' },
    );
    type Following = Record<'yes' | 'no' | 'undecided', { reference: string; meeting: number | null }[]> & {
      committee: string;
    };
    const refs = (body: Following) => ({
      yes: body.yes.map((p) => p.reference),
      no: body.no.map((p) => p.reference),
      undecided: body.undecided.map((p) => p.reference),
    });
    const staff = await get('analyst', '/api/v1/committees/OPSG/following');
    assert.equal(staff.statusCode, 200, staff.body);
    assert.equal(staff.json<Following>().committee, 'OPSG');
    assert.deepEqual(refs(staff.json<Following>()), { yes: ['MP095'], no: ['DP090'], undecided: [] });
    for (const who of ['anonymous', 'opsgMember']) {
      const res = await get(who, '/api/v1/committees/OPSG/following');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(refs(res.json<Following>()), { yes: [], no: ['DP090'], undecided: [] }, who);
      assert.doesNotMatch(res.body, /MP095|DP095|Amber/, `${who} is not told of the Amber proposal`);
    }
    assertRefused(await get('anonymous', '/api/v1/committees/NOPE/following'), 404, 'committee.not_found');
  });
});

const MEETING = '/api/v1/committees/OPSG/meetings/26';

describe('a meeting’s outcomes and actions', () => {
  it('refused to the anonymous (401), without the token or to non-staff (403): nothing stored', async () => {
    const before = await stored();
    const writes: [string, unknown][] = [
      [`${MEETING}/outcomes`, { item: 16, outcome: 'noted' }],
      [`${MEETING}/actions`, { text: 'Circulate the list', owner: 'Operations Group' }],
      ['/api/v1/actions/1/done', {}],
    ];
    for (const [url, body] of writes) {
      assertRefused(await send('anonymous', 'POST', url, body), 401, 'auth.required');
      const noToken = await send('analyst', 'POST', url, body, { csrf: false });
      assert.equal(noToken.statusCode, 403, `${url}: ${noToken.body}`);
      assert.match(errorOf(noToken).message, /did not come from this site/);
      assertRefused(await send('opsgMember', 'POST', url, body), 403, 'auth.forbidden');
    }
    assert.deepEqual(await stored(), before);
  });

  it('bad input names the field; an unknown meeting or action is not found; nothing is stored', async () => {
    const before = await stored();
    const outcome = (body: unknown, url = `${MEETING}/outcomes`) => send('analyst', 'POST', url, body);
    assertRefused(
      await outcome({ item: 16, outcome: 'noted', minutes: 'x' }),
      400,
      'request.invalid',
      'minutes',
    );
    assertRefused(await outcome({ outcome: 'noted' }), 400, 'request.invalid', 'item');
    assertRefused(await outcome({ item: '16', outcome: 'noted' }), 400, 'request.invalid', 'item');
    assertRefused(await outcome({ item: 16 }), 400, 'request.invalid', 'outcome');
    assertRefused(
      await outcome({ item: 16, outcome: 'approved' }),
      400,
      'meeting.invalid_decision',
      'outcome',
    );
    assertRefused(await outcome({ item: 1000, outcome: 'noted' }), 400, 'meeting.invalid_decision', 'item');
    const notFound = { item: 16, outcome: 'noted' };
    assertRefused(
      await outcome(notFound, '/api/v1/committees/OPSG/meetings/99/outcomes'),
      404,
      'meeting.not_found',
    );
    assertRefused(
      await outcome(notFound, '/api/v1/committees/NOPE/meetings/26/outcomes'),
      404,
      'meeting.not_found',
    );
    assertRefused(
      await outcome(notFound, '/api/v1/committees/OPSG/meetings/x/outcomes'),
      404,
      'meeting.not_found',
    );

    const action = (body: unknown) => send('analyst', 'POST', `${MEETING}/actions`, body);
    const good = { text: 'Circulate the revised alert list', owner: 'analyst@example.com' };
    assertRefused(await action({ ...good, assignee: 'x' }), 400, 'request.invalid', 'assignee');
    assertRefused(await action({ owner: good.owner }), 400, 'meeting.invalid_decision', 'text');
    assertRefused(
      await action({ ...good, owner: 'nobody@example.com' }),
      400,
      'meeting.invalid_decision',
      'owner',
    );
    assertRefused(await action({ ...good, dueOn: '2019-11-01' }), 400, 'meeting.invalid_decision', 'dueOn');
    assertRefused(await action({ ...good, dueOn: '26 November' }), 400, 'request.invalid', 'dueOn');
    assertRefused(await action({ ...good, item: 0 }), 400, 'request.invalid', 'item');

    const done = (id: string, body: unknown) => send('analyst', 'POST', `/api/v1/actions/${id}/done`, body);
    assertRefused(await done('9999', {}), 404, 'action.not_found');
    assertRefused(await done('abc', {}), 404, 'action.not_found');
    assertRefused(await done('1', { on: 'yesterday' }), 400, 'request.invalid', 'on');
    assertRefused(await done('1', { on: TODAY, by: 'me' }), 400, 'request.invalid', 'by');
    assert.deepEqual(await stored(), before);
  });

  it('staff record an outcome, add an action and mark it done, each audited as the user', async () => {
    const notes = 'Members noted the two new Draft Proposals.';
    let storedBefore = await stored();
    const res = await send('analyst', 'POST', `${MEETING}/outcomes`, { item: 16, outcome: 'noted', notes });
    assert.notDeepEqual(await stored(), storedBefore, 'the write is stored');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      committee: 'OPSG',
      meeting: 26,
      item: 16,
      outcome: 'noted',
      label: 'Noted',
      notes,
      previous: null,
      changed: true,
    });
    const outcomeAudit = await lastAudit('meeting.outcome_recorded');
    assert.equal(outcomeAudit.actor, `user:${userIds.analyst}`);
    assert.equal(outcomeAudit.after.outcome, 'noted');
    const before = await stored();
    const same = await send('analyst', 'POST', `${MEETING}/outcomes`, { item: 16, outcome: 'noted', notes });
    assert.equal(same.json<{ changed: boolean }>().changed, false);
    assert.deepEqual(await stored(), before, 'the same outcome again writes nothing');
    // notes left out are kept, as on the form and the command line; "" clears them
    const kept = await send('analyst', 'POST', `${MEETING}/outcomes`, { item: 16, outcome: 'noted' });
    assert.deepEqual(kept.json<{ notes: string | null; changed: boolean }>(), {
      ...kept.json<object>(),
      notes,
      changed: false,
    });
    assert.deepEqual(await stored(), before, 'notes left out: nothing changes');

    const text = 'Circulate the revised alert list to members';
    storedBefore = await stored();
    const added = await send('analyst', 'POST', `${MEETING}/actions`, {
      text,
      owner: 'analyst@example.com',
      item: 16,
      dueOn: '2019-11-26',
    });
    assert.notDeepEqual(await stored(), storedBefore, 'the write is stored');
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.headers.location, `${MEETING}/outcomes`);
    const action = added.json<{ action: { id: number } & Record<string, unknown> }>().action;
    assert.deepEqual(action, {
      id: action.id,
      item: 16,
      text,
      owner: 'analyst Person',
      dueOn: '2019-11-26',
      doneOn: null,
    });
    const actionAudit = await lastAudit('meeting.action_added');
    assert.equal(actionAudit.actor, `user:${userIds.analyst}`);
    assert.equal(actionAudit.after.action, action.id);

    const listed = await get('anonymous', `${MEETING}/outcomes`);
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(listed.json(), {
      committee: { ref: 'OPSG', name: 'Operations Group' },
      meeting: 26,
      date: '2019-11-05',
      outcomes: [{ item: 16, outcome: 'noted', label: 'Noted', notes }],
      actions: [action],
    });

    const doneUrl = `/api/v1/actions/${action.id}/done`;
    const early = await send('analyst', 'POST', doneUrl, { on: '2019-11-01' });
    assertRefused(early, 400, 'meeting.invalid_decision', 'on');
    storedBefore = await stored();
    const done = await send('analyst', 'POST', doneUrl);
    assert.notDeepEqual(await stored(), storedBefore, 'the write is stored');
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), {
      id: action.id,
      doneOn: TODAY,
      committee: 'OPSG',
      meeting: 26,
      outcomes: `${MEETING}/outcomes`,
    });
    const doneAudit = await lastAudit('meeting.action_completed');
    assert.equal(doneAudit.actor, `user:${userIds.analyst}`);
    assert.equal(doneAudit.after.doneOn, TODAY);

    const after = await stored();
    assertRefused(await send('analyst', 'POST', doneUrl, {}), 400, 'meeting.invalid_decision', 'action');
    assert.deepEqual(await stored(), after, 'an action already done stays as it was');
    const reread = (await get('opsgMember', `${MEETING}/outcomes`)).json<{ actions: { doneOn: string }[] }>();
    assert.deepEqual(
      reread.actions.map((a) => a.doneOn),
      [TODAY],
    );
  });

  it('reading a meeting that is not in the register is not found', async () => {
    assertRefused(
      await get('anonymous', '/api/v1/committees/OPSG/meetings/99/outcomes'),
      404,
      'meeting.not_found',
    );
    assertRefused(
      await get('anonymous', '/api/v1/committees/NOPE/meetings/26/outcomes'),
      404,
      'meeting.not_found',
    );
    assertRefused(
      await get('anonymous', '/api/v1/committees/OPSG/meetings/0/outcomes'),
      404,
      'meeting.not_found',
    );
  });
});

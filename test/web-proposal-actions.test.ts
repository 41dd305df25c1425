// Who may act on a proposal, through its page's "Record an event" form and the API's POST: the lifecycle
// table's "who may record it" mapped onto roles (src/domain/access/can.ts). The page offers exactly the events
// the viewer may record now; the endpoints enforce the same policy whatever is posted, and a refusal stores
// nothing. Real sessions (addUser + signIn), the real importer, a real database.
//
// The register: the web seed, plus an SSE colleague of DP090's and DP096's proposer (Emslie Law, SSE) and
// MP201, waiting for the Change Board's vote on Path 2 (the Authority decides).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';
import { createWebApp } from './support/web.ts';

const TODAY = '2019-12-10';

const MORE = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
people:
  - { id: sam-colleague, name: Sam Colleague, organisation: sse }
proposals:
  - id: MP201
    title: A proposal at the Change Board
    proposer: emslie-law
    raised: 2019-09-02
    path: authority_determined
    classification: white
    history:
      - { on: 2019-09-02, event: raised }
      - { on: 2019-09-20, event: converted, by: CSC }
      - { on: 2019-10-01, event: modification_report_approved, by: PANEL }
      - { on: 2019-10-02, event: consultation_opened, consultation: modification_report, closes: 2019-10-23 }
      - { on: 2019-10-23, event: consultation_closed, consultation: modification_report }
`;

const USERS: Record<string, { name: string; person?: string; roles: RoleGrant[] }> = {
  analyst: { name: 'Alison Analyst', roles: [{ role: 'analyst' }] },
  proposer: { name: 'Emslie Law', person: 'emslie-law', roles: [] },
  sseParty: { name: 'Sam Colleague', person: 'sam-colleague', roles: [{ role: 'party_user' }] },
  dccParty: { name: 'Chris Thompson', person: 'chris-thompson', roles: [{ role: 'party_user' }] },
  cbMember: { name: 'Carla Board', roles: [{ role: 'committee_member', committee: 'CB' }] },
  opsgMember: { name: 'Oscar Ops', roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  regulator: { name: 'Rita Regulator', roles: [{ role: 'regulator' }] },
};

let database: Database;
const web = createWebApp({ today: TODAY, users: USERS, requireCsrf: true });
const { ids: userIds, cookiesOf, get, csrfOf, sendJson } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'more.yaml', text: MORE }]);
  await web.start(database);
});

after(() => web.close());

/** Posts the "Record an event" form as `who`, with their CSRF token. */
const postForm = (who: string, reference: string, fields: Record<string, string>) =>
  web.postForm(who, `/proposals/${reference}/events`, fields);

/** The form's date fields for a YYYY-MM-DD date. */
const on = (date: string) => {
  const [year = '', month = '', day = ''] = date.split('-');
  return { 'on-day': String(Number(day)), 'on-month': String(Number(month)), 'on-year': year };
};

const postApi = (who: string | null, reference: string, body: unknown, csrf?: string) =>
  sendJson(who, 'POST', `/api/v1/proposals/${reference}/events`, body, { csrf: csrf ?? false });

/** The events the page offers (the form's radios), or null when it shows no form. */
async function offered(who: string | null, reference: string): Promise<string[] | null> {
  const page = await get(who, `/proposals/${reference}`);
  assert.equal(page.statusCode, 200, `${who} GET ${reference}`);
  if (!page.body.includes('Record an event')) return null;
  return [...page.body.matchAll(/name="event" type="radio" value="([a-z_]+)"/g)].map((m) => m[1] ?? '');
}

/** Everything that records a change: the proposal's stage and reference, its events and its audit records. */
async function stored(reference: string) {
  const [row] = await queryRows<{ id: number; reference: string; stage: string }>(
    database.db,
    `select id, reference, stage from proposals where reference = '${reference}'`,
  );
  assert.ok(row, `no proposal ${reference}`);
  const [counts] = await queryRows<{ events: number; audit: number }>(
    database.db,
    `select (select count(*)::int from proposal_events where proposal_id = ${row.id}) as events,
            (select count(*)::int from audit_events where subject_type = 'proposal' and subject_id = '${row.id}') as audit`,
  );
  return { ...row, ...counts };
}

async function lastAudit(reference: string) {
  const { id } = await stored(reference);
  const [row] = await queryRows<{ actor: string; action: string; after: Record<string, unknown> }>(
    database.db,
    `select actor, action, after from audit_events where subject_type = 'proposal' and subject_id = '${id}'
     order by id desc limit 1`,
  );
  return row;
}

/** The GOV.UK error summary's messages and links. */
const errorSummary = (html: string) =>
  [...html.matchAll(/<li>\s*<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]?.trim()}`);

describe('the page offers exactly the events the viewer may record now', () => {
  it('shows no form to the anonymous public, nor to a viewer who may record nothing', async () => {
    assert.equal(await offered(null, 'DP090'), null);
    assert.equal(await offered('dccParty', 'DP090'), null, 'a party user of another organisation');
    assert.equal(await offered('cbMember', 'DP090'), null, 'no vote on a Draft Proposal');
    assert.equal(await offered('opsgMember', 'MP201'), null, 'OPSG does not vote');
  });

  it('offers an analyst the conversion and withdrawal, the proposer and their colleague the withdrawal', async () => {
    assert.deepEqual(await offered('analyst', 'DP090'), ['converted', 'withdrawn']);
    assert.deepEqual(await offered('proposer', 'DP090'), ['withdrawn']);
    assert.deepEqual(await offered('sseParty', 'DP096'), ['withdrawn']);
    assert.deepEqual(await offered('cbMember', 'MP201'), ['change_board_vote']);
  });

  it('offers the committee, the facts with their allowed values and today’s date', async () => {
    const analystPage = (await get('analyst', '/proposals/DP090')).body;
    assert.match(analystPage, /<form method="post" action="\/proposals\/DP090\/events" novalidate>/);
    assert.match(analystPage, /<option value="CSC">Change Sub-Committee<\/option>/);
    assert.match(analystPage, /name="on-day" type="text" value="10"/);
    assert.match(analystPage, /name="on-month" type="text" value="12"/);
    assert.match(analystPage, /name="on-year" type="text" value="2019"/);
    const boardPage = (await get('cbMember', '/proposals/MP201')).body;
    const outcomes = [...boardPage.matchAll(/name="change_board_vote\.outcome" type="radio" value="(\w+)"/g)];
    assert.deepEqual(
      outcomes.map((m) => m[1]),
      ['approve', 'reject', 'deferred'],
    );
  });
});

describe('recording from the page', () => {
  it('refuses the anonymous public (403), and a proposal hidden from them is 404; nothing is stored', async () => {
    const before = await stored('DP090');
    // an anonymous visitor with a good anonymous CSRF token gets past the CSRF check to the route itself
    const signInPage = await web.app.inject({ method: 'GET', url: '/sign-in' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signInPage.body)?.[1] ?? '';
    const cookie = signInPage.cookies.find((c) => c.name === 'modgov_csrf')?.value ?? '';
    const post = (reference: string) =>
      web.app.inject({
        method: 'POST',
        url: `/proposals/${reference}/events`,
        cookies: { modgov_csrf: cookie },
        payload: new URLSearchParams({ _csrf: csrf, event: 'withdrawn', ...on(TODAY) }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const refused = await post('DP090');
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Sign in to record an event/);
    assert.equal((await post('DP094')).statusCode, 404, 'DP094 is Green: the public may not know of it');
    assert.deepEqual(await stored('DP090'), before);
  });

  it('an analyst converts DP090 for the Change Sub-Committee: it becomes MP090, with the user in its audit record', async () => {
    const res = await postForm('analyst', 'DP090', {
      event: 'converted',
      'converted.by': 'CSC',
      ...on('2019-12-04'),
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/proposals/MP090?recorded=converted');
    const page = await get('analyst', res.headers.location);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /govuk-notification-banner--success/);
    assert.match(page.body, /Recorded: Converted to Modification Proposal\./);
    assert.equal((await stored('MP090')).stage, 'modification_proposal');
    assert.deepEqual(await lastAudit('MP090'), {
      actor: `user:${userIds.analyst}`,
      action: 'proposal.transitioned',
      after: {
        reference: 'MP090',
        stage: 'modification_proposal',
        event: 'converted',
        on: '2019-12-04',
        by: 'CSC',
        as: 'analyst',
      },
    });
  });

  it('a party user of another organisation may not withdraw SSE’s DP096: 403, and nothing is stored', async () => {
    const before = await stored('DP096');
    const res = await postForm('dccParty', 'DP096', { event: 'withdrawn', ...on(TODAY) });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /There is a problem/);
    assert.match(
      res.body,
      /You cannot record this on DP096: &quot;withdrawn&quot; is recorded by analyst or proposer/,
    );
    assert.deepEqual(await stored('DP096'), before);
  });

  it('a party user of the proposer’s organisation withdraws DP096', async () => {
    const res = await postForm('sseParty', 'DP096', { event: 'withdrawn', ...on(TODAY) });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/proposals/DP096?recorded=withdrawn');
    assert.equal((await stored('DP096')).stage, 'withdrawn');
    const audit = await lastAudit('DP096');
    assert.equal(audit?.actor, `user:${userIds.sseParty}`);
    assert.equal(audit?.after.as, 'proposer');
    assert.equal(await offered('sseParty', 'DP096'), null, 'a withdrawn proposal has nothing left to record');
  });

  it('an OPSG member may not cast the Change Board’s vote: 403, nothing stored', async () => {
    const before = await stored('MP201');
    const res = await postForm('opsgMember', 'MP201', {
      event: 'change_board_vote',
      'change_board_vote.outcome': 'approve',
      ...on(TODAY),
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await stored('MP201'), before);
  });

  it('a vote without its outcome, on a bad date or in the future is 400, naming the field; nothing stored', async () => {
    const before = await stored('MP201');
    const noOutcome = await postForm('cbMember', 'MP201', { event: 'change_board_vote', ...on(TODAY) });
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.body, /<title>Error: /);
    assert.deepEqual(errorSummary(noOutcome.body), ['#change_board_vote-outcome Select the outcome.']);
    assert.match(noOutcome.body, /id="change_board_vote-outcome-error"/);

    const vote = { event: 'change_board_vote', 'change_board_vote.outcome': 'approve' };
    const badDate = await postForm('cbMember', 'MP201', {
      ...vote,
      'on-day': '31',
      'on-month': '2',
      'on-year': '2019',
    });
    assert.equal(badDate.statusCode, 400);
    assert.deepEqual(errorSummary(badDate.body), ['#on-day The date it happened must be a real date.']);
    assert.match(badDate.body, /name="on-day" type="text" value="31"/, 'what was typed is kept');

    const future = await postForm('cbMember', 'MP201', { ...vote, ...on('2019-12-11') });
    assert.equal(future.statusCode, 400);
    assert.deepEqual(errorSummary(future.body), ['#on-day The date it happened cannot be in the future.']);

    const noEvent = await postForm('cbMember', 'MP201', on(TODAY));
    assert.equal(noEvent.statusCode, 400);
    assert.deepEqual(errorSummary(noEvent.body), ['#event Select what happened.']);
    assert.deepEqual(await stored('MP201'), before);
  });

  it('a Change Board member casts the vote: on Path 2 it goes to the Authority', async () => {
    const res = await postForm('cbMember', 'MP201', {
      event: 'change_board_vote',
      'change_board_vote.by': 'CB',
      'change_board_vote.outcome': 'approve',
      ...on('2019-12-09'),
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal((await stored('MP201')).stage, 'with_authority');
    assert.equal((await lastAudit('MP201'))?.after.as, 'change_board_member');
  });

  it('no one may record an import-only event, whatever they post', async () => {
    const before = await stored('DP088');
    const res = await postForm('analyst', 'DP088', {
      event: 'stage_declared',
      'stage_declared.stage': 'refinement',
      ...on(TODAY),
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /is recorded only by an import of a register/);
    assert.deepEqual(await stored('DP088'), before);
    const api = await postApi(
      'analyst',
      'DP088',
      { event: 'stage_declared', facts: { stage: 'refinement' } },
      await csrfOf('analyst'),
    );
    assert.equal(api.statusCode, 403);
    assert.deepEqual(await stored('DP088'), before);
  });

  it('a proposal the viewer may not see is 404 for the form as for the page', async () => {
    const before = await stored('MP095');
    assert.equal((await get('sseParty', '/proposals/MP095')).statusCode, 404);
    const res = await postForm('sseParty', 'MP095', { event: 'withdrawn', ...on(TODAY) });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(await stored('MP095'), before);
  });

  it('a refusal by the lifecycle is 409 with the reason, and nothing is stored', async () => {
    const started = await postForm('analyst', 'MP090', { event: 'refinement_started', ...on(TODAY) });
    assert.equal(started.statusCode, 303, started.body);
    const before = await stored('MP090');
    const res = await postForm('analyst', 'MP090', {
      event: 'consultation_opened',
      'consultation_opened.consultation': 'modification_report',
      ...on(TODAY),
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /the Modification Report consultation follows the Panel’s approval of the report/);
    assert.deepEqual(await stored('MP090'), before);
  });

  it('reports every problem with the event’s fields at once, each linked to its field', async () => {
    const before = await stored('MP090');
    const res = await postForm('analyst', 'MP090', {
      event: 'consultation_opened',
      'consultation_opened.closes-day': '1',
      'consultation_opened.closes-month': '12',
      'consultation_opened.closes-year': '2019',
      ...on(TODAY),
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [
      '#consultation_opened-consultation Select the consultation.',
      '#consultation_opened-closes-day The closing date cannot be before the date it happened.',
    ]);
    assert.match(res.body, /name="consultation_opened\.closes-day" type="text" value="1"/);
    assert.deepEqual(await stored('MP090'), before);
  });

  it('refuses a form without its CSRF token', async () => {
    const before = await stored('DP089');
    const res = await web.app.inject({
      method: 'POST',
      url: '/proposals/DP089/events',
      cookies: cookiesOf('analyst'),
      payload: new URLSearchParams({ event: 'withdrawn', ...on(TODAY) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await stored('DP089'), before);
  });
});

describe('recording through the API', () => {
  it('is 401 for the anonymous public, and stores nothing', async () => {
    const before = await stored('DP089');
    const res = await postApi(null, 'DP089', { event: 'withdrawn' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'auth.required');
    assert.deepEqual(await stored('DP089'), before);
  });

  it('needs the CSRF token in the x-csrf-token header', async () => {
    const before = await stored('DP089');
    const res = await postApi('analyst', 'DP089', { event: 'withdrawn' });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await stored('DP089'), before);
  });

  it('is 404 for a proposal the user may not see, 403 with the reason for an event they may not record', async () => {
    const hidden = await postApi('sseParty', 'MP095', { event: 'withdrawn' }, await csrfOf('sseParty'));
    assert.equal(hidden.statusCode, 404);
    assert.equal(hidden.json<{ error: { code: string } }>().error.code, 'proposal.not_found');

    const before = await stored('DP089');
    const res = await postApi('dccParty', 'DP089', { event: 'converted' }, await csrfOf('dccParty'));
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), {
      error: {
        code: 'event.not_allowed',
        message: 'You cannot record this on DP089: "converted" is recorded by analyst.',
        reason: '"converted" is recorded by analyst',
      },
    });
    assert.deepEqual(await stored('DP089'), before);
  });

  it('is 400 naming the field for a missing fact or a malformed date', async () => {
    const csrf = await csrfOf('regulator');
    const before = await stored('MP201');
    const noOutcome = await postApi('regulator', 'MP201', { event: 'authority_decision' }, csrf);
    assert.equal(noOutcome.statusCode, 400);
    assert.deepEqual(noOutcome.json<{ error: { field: string } }>().error.field, 'facts.outcome');
    const badOutcome = await postApi(
      'regulator',
      'MP201',
      { event: 'authority_decision', facts: { outcome: 'maybe' } },
      csrf,
    );
    assert.equal(badOutcome.statusCode, 400);
    assert.equal(badOutcome.json<{ error: { field: string } }>().error.field, 'facts.outcome');
    const badDate = await postApi(
      'regulator',
      'MP201',
      { event: 'authority_decision', on: '10/12/2019', facts: { outcome: 'approve' } },
      csrf,
    );
    assert.equal(badDate.statusCode, 400);
    assert.equal(badDate.json<{ error: { field: string } }>().error.field, 'on');
    assert.deepEqual(await stored('MP201'), before);
  });

  it('the regulator records the Authority’s decision: 201 with the proposal as it is now', async () => {
    const res = await postApi(
      'regulator',
      'MP201',
      { event: 'authority_decision', on: TODAY, facts: { outcome: 'approve' } },
      await csrfOf('regulator'),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers.location, '/api/v1/proposals/MP201');
    const body = res.json<{ id: string; stage: string; history: { event: string; outcome?: string }[] }>();
    assert.equal(body.id, 'MP201');
    assert.equal(body.stage, 'approved');
    assert.deepEqual(body.history.at(-1), {
      outcome: 'approve',
      on: TODAY,
      event: 'authority_decision',
      eventLabel: 'Authority decision',
    });
    assert.equal((await lastAudit('MP201'))?.actor, `user:${userIds.regulator}`);
  });

  it('an analyst converts a Draft Proposal through the API: it answers with its new reference', async () => {
    const res = await postApi(
      'analyst',
      'DP091',
      { event: 'converted', on: TODAY, by: 'CSC' },
      await csrfOf('analyst'),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json<{ id: string }>().id, 'MP091');
  });

  it('a lifecycle refusal is 409 with the stage and the events allowed now', async () => {
    const before = await stored('MP201');
    const res = await postApi(
      'analyst',
      'MP201',
      { event: 'authority_decision', on: TODAY, facts: { outcome: 'approve' } },
      await csrfOf('analyst'),
    );
    // approved: the analyst may record its implementation, not another decision
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await stored('MP201'), before);
    const refused = await postApi(
      'analyst',
      'MP090',
      { event: 'consultation_opened', on: TODAY, facts: { consultation: 'modification_report' } },
      await csrfOf('analyst'),
    );
    assert.equal(refused.statusCode, 409);
    const error = refused.json<{ error: { code: string; stage: string; allowed: string[] } }>().error;
    assert.equal(error.code, 'proposal.invalid_transition');
    assert.equal(error.stage, 'refinement');
    assert.ok(error.allowed.includes('consultation_opened'));
  });
});

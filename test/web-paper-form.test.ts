// The staff form that creates a meeting's monthly paper (through inject, with real sessions): an analyst creates
// the October 2019 OPSG paper for meeting 26 through the form, with the fixture's own values, and is told on the
// confirmation page that the Green DP094 and the Amber DP095 (MP095) raised in the period were left out; the
// paper is then listed on the meeting page and served, the same paper the fixture's record composes to, and the
// audit record names the user. The register here is the web seed without the fixture's paper, so the form makes
// it. Party users and committee members are refused (403), the anonymous public is sent to sign in (303), a POST
// without its CSRF token is refused (403): nothing is stored for any of them. Bad input answers 400 with the
// GOV.UK error summary naming the field, the values kept and nothing stored; a reference already used, 409.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { composePaper } from '../src/app/compose-paper.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { auditEvents, papers } from '../src/db/schema.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { renderText } from '../src/render/text.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';
import { EXTRA_PROPOSALS, importOrThrow, seedWebRegister } from './support/seed.ts';
import { createWebApp, type WebUser } from './support/web.ts';

const MEETING = '/committees/OPSG/meetings/26';
const FORM = `${MEETING}/papers/new`;
const REFERENCE = 'OPSG_26_0511_16';

/** The fixture's own paper record, as the form takes it. */
const OCTOBER: Record<string, string> = {
  type: 'new_proposals_summary',
  item: '16',
  date: '2019-10-29',
  from: '2019-10-01',
  to: '2019-10-29',
  reference: '',
  title: 'New Draft Proposals and Modification Proposals',
  action: 'for_discussion',
  classification: 'white',
  author: 'bradley-baker',
};

const USERS: Record<string, RoleGrant[] | WebUser> = {
  analyst: [{ role: 'analyst' }],
  administrator: [{ role: 'administrator' }],
  partyUser: { roles: [{ role: 'party_user' }], person: 'chris-thompson' },
  opsgMember: [{ role: 'committee_member', committee: 'OPSG' }],
};

let database: Database;
const web = createWebApp({ today: '2019-10-30', users: USERS, csrfPage: '/', requireCsrf: true });
const { ids: userIds, cookiesOf, get, csrfOf } = web;

/** The October fixture without its paper (the form makes it), the lifecycle examples and the hidden proposals. */
function fixtureWithoutPapers(): { name: string; text: string } {
  const file = fixtureFile('opsg');
  const at = file.text.indexOf('\npapers:');
  assert.ok(at > 0, 'the fixture has a papers section');
  return { name: file.name, text: file.text.slice(0, at + 1) };
}

before(async () => {
  database = await createTestDatabase();
  await importOrThrow(database.db, [fixtureWithoutPapers(), fixtureFile('lifecycle')]);
  await importOrThrow(database.db, [{ name: 'extra.yaml', text: EXTRA_PROPOSALS }]);
  await web.start(database);
});

after(() => web.close());

const post = (
  viewer: string,
  url: string,
  form: Record<string, string>,
  cookies: Record<string, string> = {},
) =>
  web.app.inject({
    method: 'POST',
    url,
    cookies: { ...cookiesOf(viewer), ...cookies },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

const csrfIn = (html: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the page carries a CSRF token');
  return token;
};

const storedPapers = () => database.db.select({ reference: papers.reference }).from(papers);
const paperAudits = () =>
  database.db.select().from(auditEvents).where(eq(auditEvents.action, 'paper.created'));

/** The error summary's links: the fields it names. */
const summaryFields = (html: string) => {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([a-z]+)"/g)].map((m) => m[1]);
};

describe('who may create a paper', () => {
  it('the anonymous public is sent to sign in, and back to the form after', async () => {
    const res = await get('anonymous', FORM);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(FORM)}`);
  });

  it('an anonymous POST with a valid anonymous CSRF token is sent to sign in too, and nothing is stored', async () => {
    const signInPage = await get('anonymous', '/sign-in');
    const cookie = signInPage.cookies.find((c) => c.name === 'modgov_csrf');
    assert.ok(cookie, 'the sign-in page sets the anonymous CSRF cookie');
    const res = await post(
      'anonymous',
      FORM,
      { ...OCTOBER, _csrf: csrfIn(signInPage.body) },
      { modgov_csrf: cookie.value },
    );
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/sign-in\?next=/);
    assert.deepEqual(await storedPapers(), []);
  });

  it('a party user and a committee member are refused, the form and the POST, and nothing is stored', async () => {
    for (const viewer of ['partyUser', 'opsgMember']) {
      const page = await get(viewer, FORM);
      assert.equal(page.statusCode, 403, viewer);
      assert.match(page.body, /administrators and analysts/, viewer);
      assert.ok(!page.body.includes('name="item"'), viewer);
      const res = await post(viewer, FORM, { ...OCTOBER, _csrf: await csrfOf(viewer) });
      assert.equal(res.statusCode, 403, viewer);
      assert.ok(!res.body.includes(`Paper ${REFERENCE} created`), viewer);
    }
    assert.deepEqual(await storedPapers(), []);
    assert.deepEqual(await paperAudits(), []);
  });

  it('a POST without its CSRF token, or with a wrong one, is refused even for an analyst', async () => {
    for (const form of [OCTOBER, { ...OCTOBER, _csrf: 'not-the-token' }]) {
      const res = await post('analyst', FORM, form);
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /This form has expired or did not come from this site/);
    }
    assert.deepEqual(await storedPapers(), []);
  });

  it('an unknown committee or meeting is not found, to the form and the POST', async () => {
    const csrf = await csrfOf('analyst');
    for (const url of [
      '/committees/OPSG/meetings/99/papers/new',
      '/committees/NOPE/meetings/26/papers/new',
      '/committees/OPSG/meetings/026/papers/new',
      '/committees/OPSG/meetings/x/papers/new',
    ]) {
      assert.equal((await get('analyst', url)).statusCode, 404, url);
      assert.equal((await post('analyst', url, { ...OCTOBER, _csrf: csrf })).statusCode, 404, url);
    }
    assert.deepEqual(await storedPapers(), []);
  });

  it('the meeting page offers "Create a paper" to the analyst and the administrator, not to the public or a party user', async () => {
    const link = `href="${FORM}"`;
    for (const viewer of ['analyst', 'administrator']) {
      const res = await get(viewer, MEETING);
      assert.equal(res.statusCode, 200, viewer);
      assert.ok(res.body.includes(link), viewer);
      assert.match(res.body, /Create a paper/, viewer);
      assert.ok(res.body.includes(`href="${MEETING}/following"`), `${viewer}: the following form`);
      assert.ok(res.body.includes(`href="${MEETING}/views"`), `${viewer}: the meeting's views`);
    }
    for (const viewer of ['anonymous', 'partyUser', 'opsgMember']) {
      const res = await get(viewer, MEETING);
      assert.equal(res.statusCode, 200, viewer);
      assert.ok(!res.body.includes(link), viewer);
      assert.ok(!res.body.includes('Create a paper'), viewer);
      assert.ok(!res.body.includes('/following"'), viewer);
      assert.ok(!res.body.includes('/views"'), viewer);
    }
  });
});

describe('the form', () => {
  it('asks for what `modgov paper new` takes, with the defaults and a CSRF token', async () => {
    const res = await get('analyst', FORM);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const html = res.body;
    assert.match(html, /<title>Create a paper - Operations Group meeting 26 - /);
    assert.match(html, new RegExp(`<form method="post" action="${FORM}" novalidate>`));
    assert.equal(csrfIn(html), await csrfOf('analyst'));
    // the composable types, by name, the only one chosen
    assert.match(html, /value="new_proposals_summary" checked/);
    assert.match(html, /Monthly summary of new proposals/);
    for (const name of ['item', 'date', 'from', 'to', 'author', 'title', 'reference'])
      assert.match(html, new RegExp(`<input[^>]* id="${name}" name="${name}"`), name);
    assert.match(html, /id="date" name="date" type="text" spellcheck="false" value="2019-10-30"/);
    assert.match(html, /item 16 makes OPSG_26_0511_16/);
    // the code's classifications, lowest chosen; the code's actions, For Discussion chosen
    for (const slug of ['white', 'green', 'amber', 'red'])
      assert.match(html, new RegExp(`name="classification" type="radio" value="${slug}"`), slug);
    assert.match(html, /name="classification" type="radio" value="white" checked/);
    assert.ok(!/value="(green|amber|red)" checked/.test(html));
    assert.match(html, /name="action" type="radio" value="for_discussion" checked/);
    assert.match(html, /New Draft Proposals and Modification Proposals/);
  });

  it('the administrator may use it too', async () => {
    assert.equal((await get('administrator', FORM)).statusCode, 200);
  });

  for (const [what, change, field, message] of [
    [
      'an agenda item that is not a number',
      { item: 'sixteen' },
      'item',
      /The agenda item must be a whole number from 1, such as 16, not &quot;sixteen&quot;\./,
    ],
    ['agenda item 0', { item: '0' }, 'item', /The agenda item must be a whole number from 1/],
    ['no agenda item', { item: '' }, 'item', /Enter the agenda item number\./],
    [
      'an unknown classification',
      { classification: 'purple' },
      'classification',
      /&quot;purple&quot; is not a classification of the SEC\./,
    ],
    ['no date', { date: '' }, 'date', /Enter the paper’s date, as YYYY-MM-DD\./],
    ['a date that is not a date', { date: '2019-02-30' }, 'date', /must be a real date as YYYY-MM-DD/],
    [
      'a period that ends before it starts',
      { from: '2019-10-29', to: '2019-10-01' },
      'to',
      /The period ends \(2019-10-01\) before it starts \(2019-10-29\)\./,
    ],
    [
      'an author not in the register',
      { author: 'nobody-here' },
      'author',
      /There is no person &quot;nobody-here&quot; in the register\./,
    ],
    [
      'an unknown action',
      { action: 'for_lunch' },
      'action',
      /&quot;for_lunch&quot; is not a paper action of the SEC/,
    ],
  ] as const)
    it(`${what}: 400, the error summary names the field, the values are kept, nothing is stored`, async () => {
      const form = { ...OCTOBER, title: 'Kept <title>', ...change, _csrf: await csrfOf('analyst') };
      const res = await post('analyst', FORM, form);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<title>Error: Create a paper/);
      assert.match(res.body, /There is a problem/);
      assert.deepEqual(summaryFields(res.body), [field]);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`<p id="${field}-error" class="govuk-error-message">`));
      assert.match(res.body, /id="title" name="title" type="text" value="Kept &lt;title&gt;"/);
      assert.deepEqual(await storedPapers(), []);
    });

  it('several missing fields are named together', async () => {
    const res = await post('analyst', FORM, {
      ...OCTOBER,
      item: '',
      from: '',
      to: '',
      _csrf: await csrfOf('analyst'),
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryFields(res.body), ['item', 'from', 'to']);
  });
});

describe('an analyst creates the October paper', () => {
  let created: Awaited<ReturnType<typeof post>>;
  before(async () => {
    created = await post('analyst', FORM, { ...OCTOBER, _csrf: await csrfOf('analyst') });
  });

  it('is told it is created, and what was left out: the Green DP094 and the Amber DP095 in the period', () => {
    assert.equal(created.statusCode, 200, created.body);
    assert.match(created.body, new RegExp(`<title>Paper ${REFERENCE} created - `));
    assert.match(created.body, new RegExp(`Paper ${REFERENCE} created`));
    const notices =
      /<ul class="govuk-list govuk-list--bullet app-paper-notices">([\s\S]*?)<\/ul>/.exec(
        created.body,
      )?.[1] ?? '';
    assert.deepEqual(
      [...notices.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]),
      [
        'DP094 is classified Green, above this White paper: left out.',
        'DP095 is classified Amber, above this White paper: left out.',
      ],
    );
    assert.ok(created.body.includes(`href="/papers/${REFERENCE}"`));
    for (const ext of ['txt', 'md', 'html', 'docx', 'pdf'])
      assert.ok(created.body.includes(`href="/papers/${REFERENCE}.${ext}" download`), ext);
    assert.ok(created.body.includes(`href="${MEETING}"`));
  });

  it('stores it once, with an audit record naming the user', async () => {
    assert.deepEqual(await storedPapers(), [{ reference: REFERENCE }]);
    const audits = await paperAudits();
    assert.equal(audits.length, 1);
    assert.equal(audits[0]?.actor, `analyst:user:${userIds.analyst}`);
    assert.equal(audits[0]?.after?.reference, REFERENCE);
    assert.equal(audits[0]?.after?.author, 'bradley-baker');
  });

  it('is listed on the meeting page and served at /papers/:reference', async () => {
    const meeting = await get('anonymous', MEETING);
    assert.match(meeting.body, /OPSG_26_0511_16, item 16/);
    assert.ok(meeting.body.includes(`href="/papers/${REFERENCE}"`));
    const page = await get('anonymous', `/papers/${REFERENCE}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<article class="modgov-paper" lang="en-GB">/);
    for (const hidden of ['DP094', 'DP095', 'MP095']) assert.ok(!page.body.includes(hidden), hidden);
  });

  it('is the paper the fixture’s own record composes to', async () => {
    const reference = await createTestDatabase();
    try {
      await seedWebRegister(reference.db);
      const { paper } = await composePaper({ db: reference.db, rules: sec }, { reference: REFERENCE });
      assert.equal((await get('anonymous', `/papers/${REFERENCE}.txt`)).body, renderText(paper));
    } finally {
      await reference.close();
    }
  });

  it('a second paper with the same reference is refused, naming it (409), and nothing more is stored', async () => {
    const res = await post('analyst', FORM, { ...OCTOBER, _csrf: await csrfOf('analyst') });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(summaryFields(res.body), ['item']);
    assert.match(res.body, /There is already a paper OPSG_26_0511_16 in the register\./);
    const given = await post('analyst', FORM, {
      ...OCTOBER,
      item: '17',
      reference: REFERENCE,
      _csrf: await csrfOf('analyst'),
    });
    assert.equal(given.statusCode, 409);
    assert.deepEqual(summaryFields(given.body), ['reference']);
    assert.match(given.body, /There is already a paper OPSG_26_0511_16 in the register\./);
    assert.deepEqual(await storedPapers(), [{ reference: REFERENCE }]);
  });

  it('an Amber paper is for staff and the committee: the analyst gets its links, the public a 404', async () => {
    const res = await post('analyst', FORM, {
      ...OCTOBER,
      item: '17',
      classification: 'amber',
      title: 'Restricted proposals',
      _csrf: await csrfOf('analyst'),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Paper OPSG_26_0511_17 created/);
    assert.ok(res.body.includes('href="/papers/OPSG_26_0511_17"'), 'the analyst may see it');
    assert.equal((await get('analyst', '/papers/OPSG_26_0511_17')).statusCode, 200);
    assert.equal((await get('anonymous', '/papers/OPSG_26_0511_17')).statusCode, 404);
    assert.equal((await storedPapers()).length, 2);
  });

  it('a Red paper is for its named recipients only: the confirmation says how to name them', async () => {
    const res = await post('analyst', FORM, {
      ...OCTOBER,
      item: '18',
      classification: 'red',
      _csrf: await csrfOf('analyst'),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /only its named recipients may see it/);
    assert.ok(!res.body.includes('href="/papers/OPSG_26_0511_18'));
    assert.equal((await get('analyst', '/papers/OPSG_26_0511_18')).statusCode, 404);
  });
});

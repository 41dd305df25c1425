// Editing a proposal's text on the web (GET and POST /proposals/:ref/edit), through inject with real sessions, on
// the web seed plus DP098 (Red, named to no one: no analyst may see it). An analyst changes DP090's title and
// problem statement, removes its OPSG impact and adds an SSC one, sending its summary back unchanged with a
// browser's "\r\n" line endings: only what changed is stored, with one `proposal.edited` audit record holding the
// before and after of exactly those fields; sending the same again changes nothing and records nothing. An empty
// title answers 400 with the error summary, the values kept and nothing stored. A hidden proposal is not found;
// anyone but staff is refused (403), the anonymous public sent to sign in (303), and nothing is stored for them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { verifyAuditLog } from '../src/app/verify-audit-log.ts';
import type { Database } from '../src/db/connect.ts';
import { auditEvents, committees, proposalImpacts, proposals } from '../src/db/schema.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';
import { createWebApp } from './support/web.ts';

const EDIT = '/proposals/DP090/edit';
const OLD_TITLE = 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC';
const OLD_OPSG =
  'We do not foresee any operational impacts as this modification will allow users to configure these alerts.';

const RED = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP098
    title: Red title for named eyes
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
    summary: Red summary text.
`;

const USERS: Record<string, { person?: string; roles: RoleGrant[] }> = {
  analyst: { roles: [{ role: 'analyst' }] },
  administrator: { roles: [{ role: 'administrator' }] },
  partyUser: { person: 'emslie-law', roles: [{ role: 'party_user' }] }, // of SSE, DP090's proposer
  opsgMember: { roles: [{ role: 'committee_member', committee: 'OPSG' }] },
};

let database: Database;
const web = createWebApp({ today: '2019-10-30', users: USERS, requireCsrf: true });
const { ids: userIds, get, csrfOf } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'red.yaml', text: RED }]);
  await web.start(database);
});

after(() => web.close());

const post = (viewer: string, url: string, form: Record<string, string>) =>
  web.postForm(viewer, url, form, { csrf: false });

/** DP090 as stored: its title and text, and its impacts by committee. */
async function storedDp090() {
  const [row] = await database.db
    .select({
      id: proposals.id,
      title: proposals.title,
      summary: proposals.summary,
      problemStatement: proposals.problemStatement,
    })
    .from(proposals)
    .where(eq(proposals.reference, 'DP090'));
  assert.ok(row);
  const impacts = await database.db
    .select({ committee: committees.ref, text: proposalImpacts.text })
    .from(proposalImpacts)
    .innerJoin(committees, eq(committees.id, proposalImpacts.committeeId))
    .where(eq(proposalImpacts.proposalId, row.id));
  return { ...row, impacts: Object.fromEntries(impacts.map((i) => [i.committee, i.text])) };
}

const edits = () => database.db.select().from(auditEvents).where(eq(auditEvents.action, 'proposal.edited'));

/** The form as the analyst would send it for DP090, changed by `changes`. */
async function dp090Form(changes: Record<string, string>): Promise<Record<string, string>> {
  const stored = await storedDp090();
  const form: Record<string, string> = {
    _csrf: await csrfOf('analyst'),
    title: stored.title,
    summary: (stored.summary ?? '').replace(/\n/g, '\r\n'), // as a browser sends a textarea
    problemStatement: stored.problemStatement ?? '',
  };
  for (const ref of ['PANEL', 'CSC', 'CB', 'OPSG', 'SSC']) form[`impact-${ref}`] = stored.impacts[ref] ?? '';
  return { ...form, ...changes };
}

describe('editing a proposal', () => {
  it('shows staff the form with the proposal’s text and one impact per committee', async () => {
    const res = await get('analyst', EDIT);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`name="title" type="text" value="${OLD_TITLE}"`));
    const impacts = [...res.body.matchAll(/<textarea[^>]*name="impact-([A-Z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(impacts, ['PANEL', 'CSC', 'CB', 'OPSG', 'SSC']);
    assert.match(res.body, new RegExp(`name="impact-OPSG"[^>]*>${OLD_OPSG}</textarea>`));
    assert.match(res.body, /Anticipated Operational Impacts \(Operations Group\)/);
    assert.match(res.body, /action="\/proposals\/DP090\/edit"/);
  });

  it('stores what changed, and one audit record with the before and after of those fields only', async () => {
    const before = await storedDp090();
    assert.equal(before.problemStatement, null);
    const res = await post(
      'analyst',
      EDIT,
      await dp090Form({
        title: '  Non-GBCS alerts into the SEC  ',
        problemStatement: 'A **new** problem statement.\r\n\r\n- with a point',
        'impact-OPSG': '',
        'impact-SSC': 'Security impact.\r\n',
      }),
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/proposals/DP090?edited=1');

    const after = await storedDp090();
    assert.deepEqual(after, {
      id: before.id,
      title: 'Non-GBCS alerts into the SEC',
      summary: before.summary, // sent back unchanged, with other line endings: not rewritten
      problemStatement: 'A **new** problem statement.\n\n- with a point',
      impacts: { SSC: 'Security impact.' },
    });

    const records = await edits();
    assert.equal(records.length, 1);
    const [record] = records;
    assert.equal(record?.actor, `user:${userIds.analyst}`);
    assert.equal(record?.subjectType, 'proposal');
    assert.equal(record?.subjectId, String(before.id));
    assert.deepEqual(record?.before, {
      title: OLD_TITLE,
      problemStatement: null,
      impacts: { OPSG: OLD_OPSG, SSC: null },
    });
    assert.deepEqual(record?.after, {
      title: 'Non-GBCS alerts into the SEC',
      problemStatement: 'A **new** problem statement.\n\n- with a point',
      impacts: { OPSG: null, SSC: 'Security impact.' },
    });
    assert.deepEqual(await verifyAuditLog({ db: database.db }), {
      ok: true,
      count: (await database.db.select().from(auditEvents)).length,
    });

    const page = await get('anonymous', '/proposals/DP090');
    assert.match(page.body, /Non-GBCS alerts into the SEC/);
    assert.match(page.body, /Security impact\./);
    assert.ok(!page.body.includes(OLD_OPSG));
    // staff see the edit in the proposal's change history
    const staffPage = await get('analyst', '/proposals/DP090');
    assert.equal(staffPage.statusCode, 200);
    assert.match(staffPage.body, /Non-GBCS alerts into the SEC/);
    assert.match(staffPage.body, /Impact on OPSG/, 'the history names each committee whose impact changed');
    assert.match(staffPage.body, /Impact on SSC/);
    assert.match(staffPage.body, /Problem statement/);
    const banner = await get('analyst', '/proposals/DP090?edited=1');
    assert.match(banner.body, /Your changes are saved\./);
  });

  it('the proposal page offers staff the edit link, and no one else', async () => {
    for (const viewer of ['analyst', 'administrator'])
      assert.ok(
        (await get(viewer, '/proposals/DP090')).body.includes('href="/proposals/DP090/edit"'),
        viewer,
      );
    for (const viewer of ['partyUser', 'opsgMember', 'anonymous'])
      assert.ok(!(await get(viewer, '/proposals/DP090')).body.includes('/edit"'), viewer);
  });

  it('changes nothing and records nothing when the form is sent back as it is', async () => {
    const before = await storedDp090();
    const count = (await edits()).length;
    const res = await post('analyst', EDIT, await dp090Form({}));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/proposals/DP090');
    assert.deepEqual(await storedDp090(), before);
    assert.equal((await edits()).length, count);
  });

  it('an empty title answers 400 with the error summary, the values kept and nothing stored', async () => {
    const before = await storedDp090();
    const count = (await edits()).length;
    const res = await post(
      'analyst',
      EDIT,
      await dp090Form({ title: '   ', 'impact-CB': 'Kept as typed & <escaped>' }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Edit DP090/);
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '';
    assert.match(summary, /<a href="#title">Enter a title\.<\/a>/);
    assert.match(res.body, /name="impact-CB"[^>]*>Kept as typed &amp; &lt;escaped&gt;<\/textarea>/);
    assert.deepEqual(await storedDp090(), before);
    assert.equal((await edits()).length, count);
  });

  it('a proposal the member of staff may not see is not found, as one that does not exist', async () => {
    const csrf = await csrfOf('analyst');
    for (const viewer of ['analyst', 'administrator']) {
      const missing = await get(viewer, '/proposals/DP999/edit');
      assert.equal(missing.statusCode, 404);
      const page = await get(viewer, '/proposals/DP098/edit');
      assert.equal(page.statusCode, 404, viewer);
      assert.equal(page.body.replace(/value="[^"]+"/g, ''), missing.body.replace(/value="[^"]+"/g, ''));
      assert.ok(!page.body.includes('Red title'), viewer);
    }
    const res = await post('analyst', '/proposals/DP098/edit', { _csrf: csrf, title: 'Taken over' });
    assert.equal(res.statusCode, 404);
    const [red] = await database.db
      .select({ title: proposals.title })
      .from(proposals)
      .where(eq(proposals.reference, 'DP098'));
    assert.equal(red?.title, 'Red title for named eyes');
  });

  it('an older reference is sent on to the current one', async () => {
    const res = await get('analyst', '/proposals/DP112/edit');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/proposals/MP112/edit');
  });

  it('refuses anyone but staff, even the proposer, and sends the anonymous public to sign in', async () => {
    const before = await storedDp090();
    const count = (await edits()).length;
    const anonymous = await get('anonymous', EDIT);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(EDIT)}`);
    for (const viewer of ['partyUser', 'opsgMember']) {
      const page = await get(viewer, EDIT);
      assert.equal(page.statusCode, 403, viewer);
      assert.match(page.body, /administrators and analysts/);
      assert.ok(!page.body.includes('name="title"'), viewer);
      const res = await post(viewer, EDIT, { _csrf: await csrfOf(viewer), title: 'Changed by a party' });
      assert.equal(res.statusCode, 403, viewer);
    }
    const noToken = await post('analyst', EDIT, { title: 'Without the form token' });
    assert.equal(noToken.statusCode, 403);
    assert.deepEqual(await storedDp090(), before);
    assert.equal((await edits()).length, count);
  });
});

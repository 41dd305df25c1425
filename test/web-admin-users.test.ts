// The administrator's user pages through the server (inject) with real sessions: only an administrator gets
// in (the anonymous visitor is sent to sign in, anyone else gets 403 and changes nothing); an administrator
// lists users, adds one (who is mailed a link to set a password), changes roles, disables and enables, signs a
// user out everywhere; every change writes its audit record; an administrator cannot lock themselves out;
// every form needs its CSRF token.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { asc, count, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { signIn } from '../src/app/sign-in.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { auditEvents, committees, sessions, userRoles, users } from '../src/db/schema.ts';
import { createFileMailer, type MailFile } from '../src/mail/mailer.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';

const PASSWORD = 'correct horse battery staple';
const mailDir = mkdtempSync(join(tmpdir(), 'modgov-admin-mail-'));
let database: Database;
let app: FastifyInstance;
const ids: Record<string, number> = {};

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  const deps = { db: database.db, rules: sec };
  const people = {
    admin: { roles: [{ role: 'administrator' }] },
    admin2: { roles: [{ role: 'administrator' }, { role: 'analyst' }] },
    ann: { roles: [{ role: 'analyst' }, { role: 'committee_member', committee: 'OPSG' }] },
    paula: { roles: [{ role: 'party_user' }], person: 'simon-trivella' },
    rex: { roles: [{ role: 'regulator' }] },
    carl: { roles: [{ role: 'committee_chair', committee: 'CB' }] },
    vic: { roles: [{ role: 'analyst' }] },
    sam: { roles: [] },
  } as const;
  for (const [key, p] of Object.entries(people)) {
    const added = await addUser(deps, {
      email: `${key}@example.com`,
      name: `${key[0]?.toUpperCase()}${key.slice(1)} Example`,
      roles: p.roles,
      person: 'person' in p ? p.person : undefined,
      password: PASSWORD,
      actor: 'test',
    });
    ids[key] = added.id;
  }
  app = buildServer({
    database,
    rules: sec,
    today: () => '2019-10-30',
    mailer: createFileMailer(mailDir, 'modgov@test'),
    publicUrl: 'http://modgov.test',
  });
  await app.ready();
});

after(async () => {
  await app.close();
  await database.close();
  rmSync(mailDir, { recursive: true, force: true });
});

const idOf = (key: string): number => {
  const id = ids[key];
  assert.ok(id, `no test user ${key}`);
  return id;
};

type Jar = Record<string, string>;

/** A real session for a test user, as a cookie jar. */
async function session(key: string): Promise<Jar> {
  const signed = await signIn(
    { db: database.db, now: () => new Date() },
    { email: `${key}@example.com`, password: PASSWORD, ip: '127.0.0.2' },
  );
  return { modgov_session: signed.token };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

const get = (url: string, jar: Jar = {}) => app.inject({ method: 'GET', url, cookies: jar });

function post(url: string, form: Record<string, string | string[]>, jar: Jar = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  return app.inject({
    method: 'POST',
    url,
    cookies: jar,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

/** A CSRF token good for this jar's session (from a page it may see). */
async function csrfFor(jar: Jar): Promise<string> {
  const res = await get('/account', jar);
  const token = csrfOf(res.body);
  assert.ok(token, 'the account page carries a CSRF token');
  return token;
}

const mails = () =>
  readdirSync(mailDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as MailFile);

/** Everything the admin pages may change, to show that a refused request changed nothing. */
async function snapshot() {
  const db = database.db;
  return JSON.stringify({
    users: await db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        personId: users.personId,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .orderBy(asc(users.id)),
    roles: await db
      .select({ userId: userRoles.userId, role: userRoles.role, committeeId: userRoles.committeeId })
      .from(userRoles)
      .orderBy(asc(userRoles.userId), asc(userRoles.role), asc(userRoles.committeeId)),
    liveSessions: (await db.select({ n: count() }).from(sessions).where(isNull(sessions.revokedAt)))[0]?.n,
    audit: (await db.select({ n: count() }).from(auditEvents))[0]?.n,
    mails: mails().length,
  });
}

async function auditOf(userId: number, action: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, String(userId)))
    .orderBy(asc(auditEvents.id))
    .then((rows) => rows.filter((r) => r.subjectType === 'user' && r.action === action));
}

async function rolesOf(userId: number): Promise<string[]> {
  const rows = await database.db
    .select({ role: userRoles.role, committee: committees.ref })
    .from(userRoles)
    .leftJoin(committees, eq(committees.id, userRoles.committeeId))
    .where(eq(userRoles.userId, userId));
  return rows.map((r) => (r.committee ? `${r.role}:${r.committee}` : r.role)).sort();
}

const GET_ROUTES = () => ['/admin', '/admin/users', '/admin/users/new', `/admin/users/${idOf('vic')}`];
const POST_ROUTES = () => {
  const vic = idOf('vic');
  return [
    { url: '/admin/users/new', form: { email: 'new@example.com', name: 'New', role: 'administrator' } },
    { url: `/admin/users/${vic}`, form: { name: 'Renamed', role: 'administrator' } },
    { url: `/admin/users/${vic}/disable`, form: {} },
    { url: `/admin/users/${idOf('admin2')}/disable`, form: {} },
    { url: `/admin/users/${vic}/enable`, form: {} },
    { url: `/admin/users/${vic}/revoke-sessions`, form: {} },
    { url: `/admin/users/${vic}/send-link`, form: {} },
  ];
};

describe('who may use the admin pages', () => {
  it('sends the anonymous visitor to sign in from every admin page, and changes nothing on a POST', async () => {
    for (const url of GET_ROUTES()) {
      const res = await get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`, url);
    }
    // a valid anonymous CSRF token (the sign-in form's double-submit cookie) gets past the CSRF check
    const form = await get('/sign-in');
    const jar: Jar = {};
    for (const c of form.cookies as { name: string; value: string }[]) jar[c.name] = c.value;
    const csrf = csrfOf(form.body);
    assert.ok(csrf && jar.modgov_csrf);
    const before = await snapshot();
    for (const { url, form: fields } of POST_ROUTES()) {
      const res = await post(url, { ...fields, _csrf: csrf }, jar);
      assert.equal(res.statusCode, 303, url);
      assert.match(String(res.headers.location), /^\/sign-in\?next=/, url);
      const bare = await post(url, fields);
      assert.equal(bare.statusCode, 403, `${url} without a token`);
    }
    assert.equal(await snapshot(), before);
  });

  for (const key of ['ann', 'paula', 'rex', 'carl', 'sam'])
    it(`refuses ${key} (no administrator role) with 403 on every admin route, telling nothing and changing nothing`, async () => {
      const jar = await session(key);
      const csrf = await csrfFor(jar);
      for (const url of [...GET_ROUTES(), '/admin/users/999999']) {
        const res = await get(url, jar);
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /Only an administrator may manage users/);
        assert.doesNotMatch(res.body, /vic@example\.com|Vic Example|admin@example\.com/, url);
      }
      const before = await snapshot();
      for (const { url, form } of POST_ROUTES()) {
        const res = await post(url, { ...form, _csrf: csrf }, jar);
        assert.equal(res.statusCode, 403, url);
        assert.doesNotMatch(res.body, /vic@example\.com|Vic Example/, url);
      }
      assert.equal(await snapshot(), before);
    });

  it('the account page links to Manage users for an administrator only', async () => {
    const admin = await get('/account', await session('admin'));
    assert.match(admin.body, /<a class="govuk-link" href="\/admin\/users">Manage users<\/a>/);
    const analyst = await get('/account', await session('ann'));
    assert.equal(analyst.statusCode, 200);
    assert.doesNotMatch(analyst.body, /\/admin\/users/);
  });

  it('a POST without the CSRF field, or with a wrong one, is refused with 403 and changes nothing', async () => {
    const jar = await session('admin');
    const other = await csrfFor(await session('admin2'));
    const before = await snapshot();
    const bare = await post(`/admin/users/${idOf('vic')}/disable`, {}, jar);
    assert.equal(bare.statusCode, 403);
    assert.match(bare.body, /This form has expired/);
    const wrong = await post(`/admin/users/${idOf('vic')}/disable`, { _csrf: 'x'.repeat(43) }, jar);
    assert.equal(wrong.statusCode, 403);
    // a token from another session is a wrong one too
    const stolen = await post(`/admin/users/${idOf('vic')}`, { _csrf: other, name: 'Stolen' }, jar);
    assert.equal(stolen.statusCode, 403);
    assert.equal(await snapshot(), before);
  });
});

describe('an administrator manages users', () => {
  it('lists the users with their organisation, roles in words and status', async () => {
    const res = await get('/admin/users', await session('admin'));
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /<h1 class="govuk-heading-l">Users<\/h1>/);
    assert.match(res.body, new RegExp(`href="/admin/users/${idOf('ann')}">Ann Example</a>`));
    assert.match(res.body, /ann@example\.com/);
    assert.match(res.body, /Analyst, Member of OPSG/);
    assert.match(res.body, /Chair of CB/);
    assert.match(res.body, /British Gas/); // paula is Simon Trivella of British Gas
    assert.match(res.body, /Active/);
    assert.match(res.body, /\d{1,2} \w+ \d{4} at \d{2}:\d{2}/, 'when they last signed in');
    assert.match(res.body, /href="\/admin\/users\/new"/);
  });

  it('adds a user, who is mailed a link to set their password, with an audit record; the link works', async () => {
    const jar = await session('admin');
    const form = await get('/admin/users/new', jar);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="simon-trivella">Simon Trivella \(British Gas\)<\/option>/);
    assert.match(form.body, /value="committee_member:OPSG"/);
    const res = await post(
      '/admin/users/new',
      {
        _csrf: csrfOf(form.body),
        email: ' Nora@Example.com ',
        name: 'Nora New',
        person: 'mari-toda',
        role: ['analyst', 'committee_alternate:SSC', 'committee_member:OPSG'],
      },
      jar,
    );
    assert.equal(res.statusCode, 303, res.body);
    const [row] = await database.db.select().from(users).where(eq(users.email, 'nora@example.com'));
    assert.ok(row, 'the user is stored');
    assert.equal(row.passwordHash, null);
    assert.equal(res.headers.location, `/admin/users/${row.id}?done=added`);
    assert.deepEqual(await rolesOf(row.id), ['analyst', 'committee_alternate:SSC', 'committee_member:OPSG']);

    const page = await get(String(res.headers.location), jar);
    assert.match(page.body, /The user has been added and sent an e-mail/);
    assert.match(page.body, /Mari Toda \(mari-toda\)/);
    assert.match(page.body, /Not set yet/);

    const [added] = await auditOf(row.id, 'user.added');
    assert.ok(added);
    assert.equal(added.actor, `user:${idOf('admin')}`);
    assert.deepEqual(added.after?.roles, ['analyst', 'committee_alternate:SSC', 'committee_member:OPSG']);
    const [sent] = await auditOf(row.id, 'user.password_link_sent');
    assert.equal(sent?.actor, `user:${idOf('admin')}`);
    assert.doesNotMatch(JSON.stringify(sent), /password-reset\//);

    const mail = mails().find((m) => m.to === 'nora@example.com');
    assert.ok(mail, 'a mail file for nora');
    assert.match(mail.subject, /set your password/);
    const link = /http:\/\/modgov\.test(\/password-reset\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);
    const resetForm = await get(link);
    assert.equal(resetForm.statusCode, 200);
    const cookies: Jar = {};
    for (const c of resetForm.cookies as { name: string; value: string }[]) cookies[c.name] = c.value;
    const set = await post(
      link,
      { _csrf: csrfOf(resetForm.body), password: 'nora sets a long one', confirm: 'nora sets a long one' },
      cookies,
    );
    assert.equal(set.statusCode, 200);
    const signed = await signIn(
      { db: database.db, now: () => new Date() },
      { email: 'nora@example.com', password: 'nora sets a long one', ip: '127.0.0.3' },
    );
    assert.equal(signed.userId, row.id);
  });

  const badAdds: { why: string; form: Record<string, string | string[]>; field: string; text: RegExp }[] = [
    {
      why: 'a bad e-mail',
      form: { email: 'not-an-email', name: 'Kept Name' },
      field: 'email',
      text: /Enter an e-mail address in the right format, like name@example\.com/,
    },
    {
      why: 'a bad e-mail and no name (both at once)',
      form: { email: 'not-an-email', name: '', role: 'analyst' },
      field: 'name',
      text: /href="#email">Enter an e-mail address in the right format/,
    },
    {
      why: 'a duplicate e-mail',
      form: { email: 'ANN@example.com', name: 'Kept Name' },
      field: 'email',
      text: /There is already a user with the e-mail ann@example\.com/,
    },
    {
      why: 'no name',
      form: { email: 'kept@example.com', name: '  ' },
      field: 'name',
      text: /href="#name">Enter their name/,
    },
    {
      why: 'an unknown committee',
      form: { email: 'kept@example.com', name: 'Kept Name', role: ['analyst', 'committee_member:NOPE'] },
      field: 'role',
      text: /There is no committee &quot;NOPE&quot; in the SEC register/,
    },
    {
      why: 'a role that is not one',
      form: { email: 'kept@example.com', name: 'Kept Name', role: 'emperor' },
      field: 'role',
      text: /&quot;emperor&quot; is not a role/,
    },
    {
      why: 'an unknown person',
      form: { email: 'kept@example.com', name: 'Kept Name', person: 'no-such-person' },
      field: 'person',
      text: /There is no person &quot;no-such-person&quot; in the register/,
    },
  ];
  for (const bad of badAdds)
    it(`adding a user with ${bad.why} shows the error summary naming the field, keeps the values and stores nothing`, async () => {
      const jar = await session('admin');
      const csrf = await csrfFor(jar);
      const before = await snapshot();
      const res = await post('/admin/users/new', { _csrf: csrf, ...bad.form }, jar);
      assert.ok(res.statusCode === 400 || res.statusCode === 409, String(res.statusCode));
      assert.match(res.body, /<title>Error: Add a user/);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, new RegExp(`href="#${bad.field}"`));
      assert.match(res.body, new RegExp(`id="${bad.field}-error"`));
      assert.match(res.body, bad.text);
      assert.match(res.body, new RegExp(`value="${String(bad.form.email).replace('.', '\\.')}"`));
      if (bad.form.name?.toString().trim()) assert.match(res.body, /value="Kept Name"/);
      if (bad.form.role?.includes('analyst'))
        assert.match(res.body, /value="analyst" checked/, 'the checked roles stay checked');
      assert.equal(await snapshot(), before);
    });

  it("changes a user's name and roles, with before and after in the audit record; their next request has the new roles", async () => {
    const vic = idOf('vic');
    const vicJar = await session('vic');
    const jar = await session('admin');
    const page = await get(`/admin/users/${vic}`, jar);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="analyst" checked/);
    const res = await post(
      `/admin/users/${vic}`,
      {
        _csrf: csrfOf(page.body),
        name: 'Victoria Example',
        person: '',
        role: ['regulator', 'committee_chair:PANEL'],
      },
      jar,
    );
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/admin/users/${vic}?done=updated`);
    assert.deepEqual(await rolesOf(vic), ['committee_chair:PANEL', 'regulator']);
    const [audit] = await auditOf(vic, 'user.updated');
    assert.ok(audit);
    assert.equal(audit.actor, `user:${idOf('admin')}`);
    assert.deepEqual(audit.before, { name: 'Vic Example', person: null, roles: ['analyst'] });
    assert.deepEqual(audit.after, {
      name: 'Victoria Example',
      person: null,
      roles: ['committee_chair:PANEL', 'regulator'],
    });
    const account = await get('/account', vicJar);
    assert.match(account.body, /Chair of PANEL, Regulator/);

    // the same form again changes nothing and writes nothing
    const again = await post(
      `/admin/users/${vic}`,
      {
        _csrf: csrfOf(page.body),
        name: 'Victoria Example',
        role: ['committee_chair:PANEL', 'regulator'],
      },
      jar,
    );
    assert.equal(again.headers.location, `/admin/users/${vic}?done=unchanged`);
    assert.equal((await auditOf(vic, 'user.updated')).length, 1);
  });

  it('an error on the change form keeps what was entered and stores nothing', async () => {
    const jar = await session('admin');
    const csrf = await csrfFor(jar);
    const before = await snapshot();
    const res = await post(
      `/admin/users/${idOf('carl')}`,
      { _csrf: csrf, name: 'Carl Changed', role: ['analyst', 'committee_member:NOPE'] },
      jar,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#role">There is no committee &quot;NOPE&quot;/);
    assert.match(res.body, /value="Carl Changed"/);
    assert.match(res.body, /value="analyst" checked/);
    assert.equal(await snapshot(), before);
  });

  it('disables a signed-in user: their next request is anonymous and they cannot sign in; enabling lets them back', async () => {
    const rex = idOf('rex');
    const rexJar = await session('rex');
    assert.equal((await get('/account', rexJar)).statusCode, 200);
    const jar = await session('admin');
    const res = await post(`/admin/users/${rex}/disable`, { _csrf: await csrfFor(jar) }, jar);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/users/${rex}?done=disabled`);

    const next = await get('/account', rexJar);
    assert.equal(next.statusCode, 303);
    assert.equal(next.headers.location, '/sign-in?next=%2Faccount');
    await assert.rejects(session('rex'), { name: 'WrongCredentialsError' });

    const [audit] = await auditOf(rex, 'user.disabled');
    assert.ok(audit);
    assert.equal(audit.actor, `user:${idOf('admin')}`);
    assert.equal(audit.before?.disabledAt, null);
    assert.equal(typeof audit.after?.disabledAt, 'string');
    assert.ok(Number(audit.after?.sessionsRevoked) >= 1);

    const listed = await get('/admin/users', jar);
    assert.match(listed.body, /Disabled/);
    const page = await get(`/admin/users/${rex}?done=disabled`, jar);
    assert.match(page.body, /The user has been disabled and signed out everywhere/);
    assert.match(page.body, /Enable this user/);

    const enabled = await post(`/admin/users/${rex}/enable`, { _csrf: await csrfFor(jar) }, jar);
    assert.equal(enabled.headers.location, `/admin/users/${rex}?done=enabled`);
    assert.equal((await auditOf(rex, 'user.enabled')).length, 1);
    const again = await session('rex');
    assert.equal((await get('/account', again)).statusCode, 200);
  });

  it('signs a user out everywhere; they can sign in again', async () => {
    const paula = idOf('paula');
    const first = await session('paula');
    const second = await session('paula');
    const jar = await session('admin');
    const page = await get(`/admin/users/${paula}`, jar);
    assert.match(page.body, /[2-9] sessions|\d\d sessions/);
    const res = await post(`/admin/users/${paula}/revoke-sessions`, { _csrf: csrfOf(page.body) }, jar);
    assert.equal(res.headers.location, `/admin/users/${paula}?done=revoked`);
    assert.equal((await get('/account', first)).statusCode, 303);
    assert.equal((await get('/account', second)).statusCode, 303);
    const [audit] = await auditOf(paula, 'user.sessions_revoked');
    assert.ok(Number(audit?.before?.liveSessions) >= 2);
    assert.equal((await get('/account', await session('paula'))).statusCode, 200);
  });

  it('sends an existing user a new link to set a password', async () => {
    const sam = idOf('sam');
    const jar = await session('admin');
    const res = await post(`/admin/users/${sam}/send-link`, { _csrf: await csrfFor(jar) }, jar);
    assert.equal(res.headers.location, `/admin/users/${sam}?done=link-sent`);
    assert.ok(mails().some((m) => m.to === 'sam@example.com' && /\/password-reset\//.test(m.text)));
    assert.equal((await auditOf(sam, 'user.password_link_sent')).length, 1);
  });

  it('an administrator cannot disable themselves or remove their own administrator role', async () => {
    const me = idOf('admin2');
    const jar = await session('admin2');
    const page = await get(`/admin/users/${me}`, jar);
    assert.match(page.body, /You cannot disable your own account/);
    assert.doesNotMatch(page.body, /Disable this user/);
    const csrf = csrfOf(page.body);
    const before = await snapshot();

    const disable = await post(`/admin/users/${me}/disable`, { _csrf: csrf }, jar);
    assert.equal(disable.statusCode, 409);
    assert.match(disable.body, /href="#disable">You cannot disable your own account/);

    const demote = await post(
      `/admin/users/${me}`,
      { _csrf: csrf, name: 'Admin2 Example', role: 'analyst' },
      jar,
    );
    assert.equal(demote.statusCode, 409);
    assert.match(demote.body, /href="#role">You cannot remove your own administrator role/);
    assert.match(demote.body, /value="analyst" checked/);

    assert.equal(await snapshot(), before);
    assert.equal((await get('/admin/users', jar)).statusCode, 200, 'still an administrator, still signed in');

    // another administrator may
    const other = await session('admin');
    const res = await post(
      `/admin/users/${me}`,
      { _csrf: await csrfFor(other), name: 'Admin2 Example', role: 'analyst' },
      other,
    );
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await rolesOf(me), ['analyst']);
    assert.equal((await get('/admin/users', jar)).statusCode, 403, 'no longer an administrator');
  });

  it('an unknown or malformed user id is not found', async () => {
    const jar = await session('admin');
    assert.equal((await get('/admin/users/999999', jar)).statusCode, 404);
    assert.equal((await get('/admin/users/abc', jar)).statusCode, 404);
    const csrf = await csrfFor(jar);
    assert.equal((await post('/admin/users/999999/disable', { _csrf: csrf }, jar)).statusCode, 404);
    assert.equal((await post('/admin/users/0', { _csrf: csrf, name: 'x' }, jar)).statusCode, 404);
  });
});

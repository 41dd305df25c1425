// Signing in, out and resetting a password through the pages (inject), with two server instances on one
// database: a session made on one works on the other and after a restart; failed attempts on either count
// towards one throttle; every POST form needs its CSRF token; a reset link from the mail file works once.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { createFileMailer, type MailFile } from '../src/mail/mailer.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase';
const mailDir = mkdtempSync(join(tmpdir(), 'modgov-mail-'));
let database: Database;
let one: FastifyInstance;
let two: FastifyInstance;

const build = () =>
  buildServer({
    database,
    rules: sec,
    today: () => '2019-10-30',
    mailer: createFileMailer(mailDir, 'modgov@test'),
    publicUrl: 'http://modgov.test',
  });

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  const deps = { db: database.db, rules: sec };
  await addUser(deps, {
    email: 'ann@example.com',
    name: 'Ann <Analyst>',
    roles: [{ role: 'analyst' }, { role: 'committee_member', committee: 'OPSG' }],
    password: PASSWORD,
    actor: 'test',
  });
  for (const email of ['tess@example.com', 'rita@example.com', 'olga@example.com'])
    await addUser(deps, { email, name: email, roles: [], password: PASSWORD, actor: 'test' });
  one = build();
  two = build();
  await Promise.all([one.ready(), two.ready()]);
});

after(async () => {
  await Promise.all([one.close(), two.close()]);
  await database.close();
  rmSync(mailDir, { recursive: true, force: true });
});

type Jar = Record<string, string>;

/** The cookies a response sets, added to a jar (a cleared cookie is removed). */
function keep(jar: Jar, res: LightMyRequestResponse): Jar {
  const next = { ...jar };
  for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now()))
      delete next[c.name];
    else next[c.name] = c.value;
  }
  return next;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** GETs a form page: its CSRF token and the jar with any cookie it set. */
async function openForm(app: FastifyInstance, url: string, jar: Jar = {}) {
  const res = await app.inject({ method: 'GET', url, cookies: jar });
  return { res, csrf: csrfOf(res.body), jar: keep(jar, res) };
}

function post(app: FastifyInstance, url: string, form: Record<string, string>, jar: Jar, ip = '127.0.0.1') {
  return app.inject({
    method: 'POST',
    url,
    cookies: jar,
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

async function signInThrough(
  app: FastifyInstance,
  email: string,
  password: string,
  ip = '127.0.0.1',
  jar: Jar = {},
) {
  const form = await openForm(app, '/sign-in', jar);
  const res = await post(app, '/sign-in', { _csrf: form.csrf, email, password }, form.jar, ip);
  return { res, jar: keep(form.jar, res) };
}

describe('signing in and out', () => {
  it('the header offers Sign in to the public', async () => {
    const res = await one.inject({ method: 'GET', url: '/' });
    assert.match(res.body, /<a class="govuk-service-navigation__link" href="\/sign-in">Sign in<\/a>/);
    assert.doesNotMatch(res.body, /modgov:account/);
  });

  it('signs in with a new HttpOnly, SameSite=Lax session cookie and shows who you are and your roles', async () => {
    const planted = { modgov_session: 'A'.repeat(43) };
    const { res, jar } = await signInThrough(one, 'Ann@Example.com', PASSWORD, '127.0.0.1', planted);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account');
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    assert.match(setCookie, /modgov_session=[A-Za-z0-9_-]{43}; .*HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    assert.doesNotMatch(setCookie, /Secure/);
    assert.notEqual(jar.modgov_session, planted.modgov_session); // no session fixation

    const account = await one.inject({ method: 'GET', url: '/account', cookies: jar });
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /ann@example.com/);
    assert.match(account.body, /Ann &lt;Analyst&gt;/);
    assert.match(account.body, /Analyst, Member of OPSG/);
    // the header: the name (escaped) and a Sign out form with a token
    assert.match(account.body, /href="\/account">Ann &lt;Analyst&gt;<\/a>/);
    assert.match(
      account.body,
      /<form method="post" action="\/sign-out" novalidate><input type="hidden" name="_csrf" value="[^"]+">/,
    );
  });

  it('sets Secure on the cookie when MODGOV_SECURE_COOKIES=1', async () => {
    process.env.MODGOV_SECURE_COOKIES = '1';
    try {
      const { res } = await signInThrough(one, 'ann@example.com', PASSWORD);
      assert.match([res.headers['set-cookie']].flat().join('\n'), /modgov_session=[^\n]*Secure/);
    } finally {
      delete process.env.MODGOV_SECURE_COOKIES;
    }
  });

  it('a session made on one instance works on another and after a restart; signing out ends it on both', async () => {
    const { jar } = await signInThrough(one, 'ann@example.com', PASSWORD);
    const onTwo = await two.inject({ method: 'GET', url: '/account', cookies: jar });
    assert.equal(onTwo.statusCode, 200);
    assert.match(onTwo.body, /ann@example.com/);

    await two.close();
    two = build();
    await two.ready();
    assert.equal((await two.inject({ method: 'GET', url: '/account', cookies: jar })).statusCode, 200);

    const account = await two.inject({ method: 'GET', url: '/account', cookies: jar });
    const out = await post(two, '/sign-out', { _csrf: csrfOf(account.body) }, jar);
    assert.equal(out.statusCode, 303);
    assert.match([out.headers['set-cookie']].flat().join('\n'), /modgov_session=;/);
    for (const app of [one, two]) {
      const res = await app.inject({ method: 'GET', url: '/account', cookies: jar });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/sign-in?next=%2Faccount');
    }
  });

  it('a wrong password or a missing field shows the error summary and the field message', async () => {
    const wrong = await signInThrough(one, 'ann@example.com', 'not the password', '10.0.0.1');
    assert.equal(wrong.res.statusCode, 401);
    assert.match(wrong.res.body, /govuk-error-summary/);
    assert.match(wrong.res.body, /href="#email">The e-mail address or the password is not right/);
    assert.match(wrong.res.body, /id="email-error"/);
    assert.match(wrong.res.body, /value="ann@example.com"/);
    assert.match(wrong.res.body, /<title>Error: Sign in/);

    const empty = await signInThrough(one, 'ann@example.com', '', '10.0.0.1');
    assert.equal(empty.res.statusCode, 400);
    assert.match(empty.res.body, /href="#password">Enter your password/);
  });

  it('failed attempts on either instance count towards one throttle: then 429, without checking the password', async () => {
    for (let i = 0; i < 5; i += 1) {
      const { res } = await signInThrough(
        i % 2 ? one : two,
        'tess@example.com',
        'wrong password',
        `10.1.0.${i}`,
      );
      assert.equal(res.statusCode, 401);
    }
    const { res } = await signInThrough(two, 'tess@example.com', PASSWORD, '10.1.0.99');
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /too many failed attempts to sign in/);
    assert.equal(
      res.cookies.some((c) => c.name === 'modgov_session'),
      false,
    );
  });

  it('an address with 20 failures is refused on either instance, whatever the e-mail', async () => {
    for (let i = 0; i < 20; i += 1) {
      const { res } = await signInThrough(
        i % 2 ? one : two,
        `nobody${i}@example.com`,
        'wrong password',
        '10.2.0.1',
      );
      assert.equal(res.statusCode, 401);
    }
    assert.equal((await signInThrough(one, 'rita@example.com', PASSWORD, '10.2.0.1')).res.statusCode, 429);
    assert.equal((await signInThrough(one, 'rita@example.com', PASSWORD, '10.2.0.2')).res.statusCode, 303);
  });
});

describe('CSRF', () => {
  it('a POST without a token, or with a wrong one, is refused with 403', async () => {
    const form = await openForm(one, '/sign-in');
    assert.ok(form.jar.modgov_csrf, 'the sign-in form sets the double-submit cookie');
    const base = { email: 'ann@example.com', password: PASSWORD };
    const without = await post(one, '/sign-in', base, form.jar);
    assert.equal(without.statusCode, 403);
    assert.match(without.body, /did not come from this site/);
    assert.equal((await post(one, '/sign-in', { ...base, _csrf: 'x'.repeat(43) }, form.jar)).statusCode, 403);
    // the right token without its cookie (another browser's token)
    assert.equal((await post(one, '/sign-in', { ...base, _csrf: form.csrf }, {})).statusCode, 403);
    assert.equal(
      (await post(one, '/password-reset', { email: 'ann@example.com' }, form.jar)).statusCode,
      403,
    );

    const { jar } = await signInThrough(one, 'ann@example.com', PASSWORD);
    // signed in, the anonymous token no longer does: the session's secret decides
    assert.equal((await post(one, '/sign-out', { _csrf: form.csrf }, jar)).statusCode, 403);
    assert.equal((await post(one, '/sign-out', {}, jar)).statusCode, 403);
    assert.equal((await one.inject({ method: 'GET', url: '/account', cookies: jar })).statusCode, 200);
  });
});

describe('password reset by e-mail link', () => {
  const mails = () =>
    readdirSync(mailDir)
      .sort()
      .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as MailFile);

  it('answers the same for an unknown e-mail, and sends it nothing', async () => {
    const before = mails().length;
    const form = await openForm(one, '/password-reset');
    const res = await post(
      one,
      '/password-reset',
      { _csrf: form.csrf, email: 'nobody@example.com' },
      form.jar,
    );
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Check your e-mail/);
    assert.equal(mails().length, before);
  });

  it('a bad e-mail address gets the error summary', async () => {
    const form = await openForm(one, '/password-reset');
    const res = await post(one, '/password-reset', { _csrf: form.csrf, email: 'olga' }, form.jar);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#email">Enter an e-mail address in the right format/);
  });

  it('request, read the mail, follow the link, set a password, sign in with it; the old one fails; the link works once', async () => {
    const signedIn = await signInThrough(one, 'olga@example.com', PASSWORD);
    const form = await openForm(one, '/password-reset');
    const res = await post(one, '/password-reset', { _csrf: form.csrf, email: 'Olga@example.com' }, form.jar);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Check your e-mail/);
    const mail = mails().find((m) => m.to === 'olga@example.com');
    assert.ok(mail, 'a mail file for olga');
    assert.equal(mail.from, 'modgov@test');
    const link = /http:\/\/modgov\.test(\/password-reset\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);

    const page = await openForm(two, link, form.jar);
    assert.equal(page.res.statusCode, 200);
    assert.match(page.res.body, /Choose a new password/);
    assert.equal(page.res.headers['cache-control'], 'no-store');

    const mismatch = await post(
      two,
      link,
      { _csrf: page.csrf, password: NEW_PASSWORD, confirm: 'something else!' },
      page.jar,
    );
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /href="#confirm">The two passwords are not the same/);
    const short = await post(two, link, { _csrf: page.csrf, password: 'short', confirm: 'short' }, page.jar);
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /href="#password">Enter a password of at least 12 characters/);

    const done = await post(
      two,
      link,
      { _csrf: page.csrf, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      page.jar,
    );
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your password has been changed/);

    // the sessions of the user are revoked
    assert.equal(
      (await one.inject({ method: 'GET', url: '/account', cookies: signedIn.jar })).statusCode,
      303,
    );
    assert.equal(
      (await signInThrough(one, 'olga@example.com', NEW_PASSWORD, '10.3.0.1')).res.statusCode,
      303,
    );
    assert.equal((await signInThrough(one, 'olga@example.com', PASSWORD, '10.3.0.1')).res.statusCode, 401);

    const again = await openForm(one, link);
    assert.equal(again.res.statusCode, 410);
    assert.match(again.res.body, /This link cannot be used/);
    const reuse = await post(
      one,
      link,
      { _csrf: page.csrf, password: 'yet another passphrase', confirm: 'yet another passphrase' },
      page.jar,
    );
    assert.equal(reuse.statusCode, 410);
    assert.equal(
      (await signInThrough(one, 'olga@example.com', NEW_PASSWORD, '10.3.0.2')).res.statusCode,
      303,
    );
  });
});

describe('an API client: sign in, then GET /api/v1/session for the CSRF token', () => {
  it('tells the anonymous public to sign in (401), never cached', async () => {
    const res = await one.inject({ method: 'GET', url: '/api/v1/session' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'auth.required');
  });

  it('names the user and gives the token its writes carry, the same as its forms carry', async () => {
    const { jar } = await signInThrough(one, 'ann@example.com', PASSWORD, '10.9.0.1');
    const res = await one.inject({ method: 'GET', url: '/api/v1/session', cookies: jar });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const body = res.json<{
      user: { name: string; email: string; roles: { role: string; committee?: string; label: string }[] };
      csrfToken: string;
      expiresAt: string;
    }>();
    assert.equal(body.user.name, 'Ann <Analyst>');
    assert.equal(body.user.email, 'ann@example.com');
    assert.deepEqual(
      body.user.roles.map((r) => [r.role, r.committee]),
      [
        ['analyst', undefined],
        ['committee_member', 'OPSG'],
      ],
    );
    assert.ok(body.user.roles.every((r) => r.label.length > 0));
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    const form = await openForm(one, '/account', jar);
    assert.equal(body.csrfToken, form.csrf, "the account page's forms carry the same token");

    // the token makes an API write pass the CSRF check; without it, the write is refused
    const write = (headers: Record<string, string>) =>
      one.inject({
        method: 'POST',
        url: '/api/v1/proposals/DP090/views',
        cookies: jar,
        headers: { 'content-type': 'application/json', ...headers },
        payload: {
          committee: 'OPSG',
          source: 'email',
          author: 'A Party',
          on: '2019-10-29',
          text: 'Supported.',
        },
      });
    assert.equal((await write({})).statusCode, 403);
    const ok = await write({ 'x-csrf-token': body.csrfToken });
    assert.equal(ok.statusCode, 201, ok.body);
  });
});

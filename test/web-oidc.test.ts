// Single sign-on through OpenID Connect, end to end and without mocks: a real oidc-provider on 127.0.0.1 with
// its development login and consent pages, and modgov listening on 127.0.0.1, driven by fetch with a small
// cookie jar per host, following redirects by hand as a browser would.
//
// Provider A puts the claims in the ID token; provider B (the provider's default) gives them only through
// userinfo. Their accounts (the login name is the subject):
//   ann      ann@example.com, verified      a modgov user without a password
//   bob      bob@example.com, verified      a modgov user with a password
//   stranger nobody@example.com, verified  no modgov user
//   uma      uma@example.com, NOT verified  a modgov user
//   dora     dora@example.com, verified     a disabled modgov user
//   carol    carol@example.com, verified    a modgov user (signs in through provider B)
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { oidcSettingsFromEnv, type OidcSettings } from '../src/web/oidc.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { queryRows } from './support/sql.ts';

const CLIENT_ID = 'modgov-test';
const CLIENT_SECRET = 'a client secret long enough for HS256 to accept it, really';
const CALLBACK = '/sign-in/oidc/callback';

const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  ann: { email: 'ann@example.com', email_verified: true, name: 'Ann at the provider' },
  bob: { email: 'Bob@Example.com', email_verified: true, name: 'Bob at the provider' },
  stranger: { email: 'nobody@example.com', email_verified: true, name: 'A Stranger' },
  uma: { email: 'uma@example.com', email_verified: false, name: 'Uma Unverified' },
  dora: { email: 'dora@example.com', email_verified: true, name: 'Dora Disabled' },
  carol: { email: 'carol@example.com', email_verified: true, name: 'Carol at the provider' },
};

// ---- a browser: cookies per host, redirects followed by hand ------------------------------------------

interface Page {
  status: number;
  url: string;
  location: string | undefined;
  body: string;
  setCookies: string[];
}

type Jar = Map<string, { value: string; path: string }>;

class Browser {
  readonly jars = new Map<string, Jar>();

  jar(url: string) {
    const { host } = new URL(url);
    const jar = this.jars.get(host) ?? (new Map() as Jar);
    this.jars.set(host, jar);
    return jar;
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar(url).get(name)?.value;
  }

  setCookie(url: string, name: string, value: string) {
    this.jar(url).set(name, { value, path: '/' });
  }

  /** One request, no redirect followed. */
  async open(url: string, form?: Record<string, string>): Promise<Page> {
    const { pathname } = new URL(url);
    const jar = this.jar(url);
    const cookie = [...jar]
      .filter(([, c]) => c.path === '/' || pathname === c.path || pathname.startsWith(`${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: form ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attr('expires');
      const maxAge = attr('max-age');
      const gone =
        value === '' ||
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && new Date(expires).getTime() <= Date.now());
      if (gone) jar.delete(name);
      else jar.set(name, { value, path: attr('path') ?? '/' });
    }
    const location = res.headers.get('location') ?? undefined;
    return {
      status: res.status,
      url,
      location: location ? new URL(location, url).href : undefined,
      body: await res.text(),
      setCookies,
    };
  }
}

// ---- the provider and modgov ------------------------------------------------------------------------

type ProviderInstance = { callback(): (req: unknown, res: unknown) => void };
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A provider's address, before the provider itself exists (modgov needs the issuer; the provider the callback). */
async function reserveProvider() {
  const server = createServer();
  const issuer = `http://127.0.0.1:${await listen(server)}`;
  return { server, issuer };
}

async function startProvider(
  reserved: { server: Server; issuer: string },
  redirectUris: string[],
  conformIdTokenClaims: boolean,
) {
  // the package has no types; a string specifier keeps the compiler from looking for them
  const specifier: string = 'oidc-provider';
  const { default: Provider } = (await import(specifier)) as { default: ProviderClass };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(reserved.issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx: unknown, id: string) => {
      const account = ACCOUNTS[id];
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims,
    cookies: { keys: ['a cookie key for the test provider'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'test' }] },
  });
  reserved.server.on('request', provider.callback());
}

const settingsFor = (issuer: string): OidcSettings => ({
  issuer,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  providerName: 'Example ID',
  allowInsecure: true,
});

let database: Database;
let providerA: { server: Server; issuer: string };
let providerB: { server: Server; issuer: string };
let appA: FastifyInstance;
let appB: FastifyInstance;
let baseA: string;
let baseB: string;
const others: FastifyInstance[] = [];

const build = (oidc: OidcSettings | null, publicUrl?: string) => {
  const app = buildServer({ database, rules: sec, oidc, ...(publicUrl ? { publicUrl } : {}) });
  others.push(app);
  return app;
};

before(async () => {
  database = await createTestDatabase();
  const deps = { db: database.db, rules: sec };
  const add = (email: string, name: string, password?: string) =>
    addUser(deps, { email, name, roles: [], actor: 'test', ...(password ? { password } : {}) });
  await add('ann@example.com', 'Ann Analyst');
  await add('bob@example.com', 'Bob Builder', 'correct horse battery staple');
  await add('uma@example.com', 'Uma User');
  await add('dora@example.com', 'Dora User');
  await add('carol@example.com', 'Carol Chair');
  await database.db.execute(`update users set disabled_at = now() where email = 'dora@example.com'`);

  // modgov starts before the providers answer: discovery happens on first use
  providerA = await reserveProvider();
  providerB = await reserveProvider();
  appA = buildServer({ database, rules: sec, oidc: settingsFor(providerA.issuer) });
  appB = buildServer({ database, rules: sec, oidc: settingsFor(providerB.issuer) });
  baseA = await appA.listen({ host: '127.0.0.1', port: 0 });
  baseB = await appB.listen({ host: '127.0.0.1', port: 0 });
  await startProvider(providerA, [`${baseA}${CALLBACK}`, `http://modgov.example${CALLBACK}`], false);
  await startProvider(providerB, [`${baseB}${CALLBACK}`], true);
});

after(async () => {
  await Promise.all([appA.close(), appB.close(), ...others.map((a) => a.close())]);
  for (const p of [providerA, providerB]) {
    p.server.closeAllConnections();
    await new Promise((resolve) => p.server.close(resolve));
  }
  await database.close();
});

// ---- the journey ------------------------------------------------------------------------------------

interface Journey {
  browser?: Browser;
  next?: string;
  /** Change the provider's redirect back to modgov before following it. */
  tamper?: (callback: URL) => void;
  /** Cancel on the provider's login page instead of signing in. */
  cancel?: boolean;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x2F;/g, '/');

/** From modgov's "Sign in with" link, through the provider's login and consent, back to modgov. */
async function ssoSignIn(base: string, login: string, journey: Journey = {}) {
  const browser = journey.browser ?? new Browser();
  const start = `${base}/sign-in/oidc${journey.next ? `?next=${encodeURIComponent(journey.next)}` : ''}`;
  let page = await browser.open(start);
  const hops: Page[] = [page];
  for (let i = 0; i < 20; i += 1) {
    if (page.location) {
      const to = new URL(page.location);
      if (to.pathname === CALLBACK && journey.tamper) journey.tamper(to);
      page = await browser.open(to.href);
    } else {
      const form =
        /<form[^>]*action="([^"]+)"[^>]*>\s*<input type="hidden" name="prompt" value="(login|consent)"/.exec(
          page.body,
        );
      if (!form?.[1] || page.url.startsWith(base)) break;
      const action = decode(form[1]);
      if (form[2] === 'login' && journey.cancel) page = await browser.open(`${action}/abort`);
      else
        page = await browser.open(
          action,
          form[2] === 'login' ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' },
        );
    }
    hops.push(page);
  }
  return { page, hops, browser };
}

const userRow = async (email: string) => {
  const [row] = await queryRows<{ id: number; oidc_subject: string | null }>(
    database.db,
    `select id, oidc_subject from users where email = '${email}'`,
  );
  assert.ok(row, email);
  return row;
};
const countOf = async (query: string) =>
  Number((await queryRows<{ n: number | string }>(database.db, query))[0]?.n ?? -1);
const sessionsOf = (email: string) =>
  countOf(
    `select count(*) as n from sessions s join users u on u.id = s.user_id where u.email = '${email}' and s.revoked_at is null`,
  );
const linkEventsOf = async (email: string) =>
  queryRows<{ actor: string; before: unknown; after: unknown }>(
    database.db,
    `select a.actor, a.before, a.after from audit_events a join users u on a.subject_id = u.id::text
      where a.subject_type = 'user' and a.action = 'user.sso_linked' and u.email = '${email}' order by a.id`,
  );
const allSessions = () => countOf('select count(*) as n from sessions');

// ---- the tests --------------------------------------------------------------------------------------

describe('single sign-on settings', () => {
  it('no MODGOV_OIDC_* is no single sign-on; all three make settings with a default button name', () => {
    assert.equal(oidcSettingsFromEnv({}), null);
    assert.equal(oidcSettingsFromEnv({ MODGOV_OIDC_ALLOW_INSECURE: '0' }), null);
    assert.deepEqual(
      oidcSettingsFromEnv({
        MODGOV_OIDC_ISSUER: 'https://id.example.com',
        MODGOV_OIDC_CLIENT_ID: 'modgov',
        MODGOV_OIDC_CLIENT_SECRET: 's',
      }),
      {
        issuer: 'https://id.example.com',
        clientId: 'modgov',
        clientSecret: 's',
        providerName: 'single sign-on',
        allowInsecure: false,
      },
    );
    assert.equal(
      oidcSettingsFromEnv({
        MODGOV_OIDC_ISSUER: 'http://127.0.0.1:9',
        MODGOV_OIDC_CLIENT_ID: 'modgov',
        MODGOV_OIDC_CLIENT_SECRET: 's',
        MODGOV_OIDC_NAME: 'Example ID',
        MODGOV_OIDC_ALLOW_INSECURE: '1',
      })?.providerName,
      'Example ID',
    );
  });

  it('a partial configuration fails at start, naming what is missing', () => {
    assert.throws(
      () => oidcSettingsFromEnv({ MODGOV_OIDC_ISSUER: 'https://id.example.com' }),
      /MODGOV_OIDC_CLIENT_ID, MODGOV_OIDC_CLIENT_SECRET are not/,
    );
    assert.throws(
      () => oidcSettingsFromEnv({ MODGOV_OIDC_CLIENT_ID: 'modgov', MODGOV_OIDC_CLIENT_SECRET: 's' }),
      /MODGOV_OIDC_ISSUER is not/,
    );
    assert.throws(() => oidcSettingsFromEnv({ MODGOV_OIDC_NAME: 'Example ID' }), /MODGOV_OIDC_NAME is set/);
    assert.throws(
      () =>
        oidcSettingsFromEnv({
          MODGOV_OIDC_ISSUER: 'http://id.example.com',
          MODGOV_OIDC_CLIENT_ID: 'modgov',
          MODGOV_OIDC_CLIENT_SECRET: 's',
        }),
      /must be an https URL/,
    );
  });
});

describe('the sign-in page', () => {
  it('offers "Sign in with ..." only when single sign-on is configured; otherwise /sign-in/oidc is 404', async () => {
    const on = await appA.inject({ method: 'GET', url: '/sign-in?next=%2Fproposals' });
    assert.equal(on.statusCode, 200);
    assert.match(
      on.body,
      /<a href="\/sign-in\/oidc\?next=%2Fproposals"[^>]*class="govuk-button govuk-button--secondary"/,
    );
    assert.match(on.body, /Sign in with Example ID/);
    assert.match(on.body, /<form method="post" action="\/sign-in"/); // the password form is still there

    const off = build(null);
    const page = await off.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Sign in with|sign-in\/oidc/);
    assert.match(page.body, /<form method="post" action="\/sign-in"/);
    assert.equal((await off.inject({ method: 'GET', url: '/sign-in/oidc' })).statusCode, 404);
    assert.equal((await off.inject({ method: 'GET', url: `${CALLBACK}?code=x&state=y` })).statusCode, 404);
  });
});

describe('signing in through the provider', () => {
  it('starts the code flow with PKCE (S256), state and nonce, kept in a short-lived HttpOnly cookie', async () => {
    const browser = new Browser();
    const res = await browser.open(`${baseA}/sign-in/oidc`);
    assert.equal(res.status, 303);
    const to = new URL(res.location ?? '');
    assert.equal(to.origin, providerA.issuer);
    const q = to.searchParams;
    assert.equal(q.get('client_id'), CLIENT_ID);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('redirect_uri'), `${baseA}${CALLBACK}`);
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok(q.get('state') && q.get('nonce'));
    assert.match(q.get('scope') ?? '', /\bopenid\b.*\bemail\b/);
    const cookie = res.setCookies.find((c) => c.startsWith('modgov_oidc=')) ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/sign-in\/oidc(;|$)/);
    assert.match(cookie, /Max-Age=600/);
    // the verifier is in the cookie, never in the URL
    assert.doesNotMatch(res.location ?? '', /code_verifier/);

    const two = await browser.open(`${baseA}/sign-in/oidc`);
    assert.notEqual(new URL(two.location ?? '').searchParams.get('state'), q.get('state'));
  });

  it('with a public address, the redirect URI is on it', async () => {
    const app = build(settingsFor(providerA.issuer), 'http://modgov.example/');
    const res = await app.inject({ method: 'GET', url: '/sign-in/oidc' });
    assert.equal(res.statusCode, 303);
    assert.equal(
      new URL(String(res.headers.location)).searchParams.get('redirect_uri'),
      `http://modgov.example${CALLBACK}`,
    );
  });

  it("links a user by their verified e-mail the first time, with a new session, and shows the user's account", async () => {
    const before = await userRow('ann@example.com');
    assert.equal(before.oidc_subject, null);
    const browser = new Browser();
    const planted = 'P'.repeat(43);
    browser.setCookie(baseA, 'modgov_session', planted);

    const { page, hops } = await ssoSignIn(baseA, 'ann', { browser });
    const back = hops.find((h) => h.url.startsWith(`${baseA}${CALLBACK}`));
    assert.ok(back, 'the provider sent the browser back to the callback');
    assert.equal(back.status, 303);
    assert.equal(back.location, `${baseA}/account`);
    assert.match(back.setCookies.join('\n'), /modgov_session=[A-Za-z0-9_-]{43};[^\n]*HttpOnly/);
    assert.ok(
      back.setCookies.some((c) => /^modgov_oidc=;/.test(c)),
      'the flow cookie is cleared',
    );
    assert.notEqual(browser.cookie(baseA, 'modgov_session'), planted); // no session fixation
    assert.equal(browser.cookie(baseA, 'modgov_oidc'), undefined);

    assert.equal(page.url, `${baseA}/account`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Ann Analyst/); // modgov's name for her, not the provider's
    assert.match(page.body, /ann@example.com/);

    const after = await userRow('ann@example.com');
    assert.equal(after.oidc_subject, `${providerA.issuer}|ann`);
    assert.equal(await sessionsOf('ann@example.com'), 1);
    const events = await linkEventsOf('ann@example.com');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0], {
      actor: `user:${after.id}`,
      before: { oidcSubject: null },
      after: { oidcSubject: `${providerA.issuer}|ann` },
    });
    assert.equal(
      await countOf(`select count(*) as n from login_attempts where email = 'ann@example.com' and succeeded`),
      1,
    );
  });

  it('the next time the user is found by their subject, and goes where they were going', async () => {
    const { page } = await ssoSignIn(baseA, 'ann', { next: '/proposals' });
    assert.equal(page.url, `${baseA}/proposals`);
    assert.equal((await linkEventsOf('ann@example.com')).length, 1); // linked once only
    assert.equal(await sessionsOf('ann@example.com'), 2);

    // a next that leaves the site is ignored
    const away = await ssoSignIn(baseA, 'ann', { next: '//evil.example/' });
    assert.equal(away.page.url, `${baseA}/account`);
  });

  it('a user with a password signs in through the provider too (e-mail matched whatever its case)', async () => {
    const { page } = await ssoSignIn(baseA, 'bob');
    assert.equal(page.url, `${baseA}/account`);
    assert.match(page.body, /Bob Builder/);
    assert.equal((await userRow('bob@example.com')).oidc_subject, `${providerA.issuer}|bob`);
  });

  it('takes the e-mail from userinfo when the ID token does not carry it', async () => {
    const { page } = await ssoSignIn(baseB, 'carol');
    assert.equal(page.url, `${baseB}/account`);
    assert.match(page.body, /Carol Chair/);
    assert.equal((await userRow('carol@example.com')).oidc_subject, `${providerB.issuer}|carol`);
  });

  it('the session works on a new server over the same database', async () => {
    const { browser } = await ssoSignIn(baseA, 'ann');
    const token = browser.cookie(baseA, 'modgov_session');
    assert.ok(token);
    const restarted = build(null);
    const res = await restarted.inject({
      method: 'GET',
      url: '/account',
      cookies: { modgov_session: token },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Ann Analyst/);
  });
});

describe('refusals', () => {
  const refused = (page: Page, status: number, message: RegExp) => {
    assert.equal(page.status, status, page.body.slice(0, 300));
    assert.match(page.body, /govuk-error-summary/);
    assert.match(page.body, message);
    assert.match(page.body, /<form method="post" action="\/sign-in"/); // the sign-in page, to try again
    assert.ok(!page.setCookies.some((c) => /^modgov_session=[^;]/.test(c)), 'no session cookie');
  };

  it('an e-mail with no modgov user is refused: no self-service accounts', async () => {
    const sessions = await allSessions();
    const { page } = await ssoSignIn(baseA, 'stranger');
    refused(
      page,
      403,
      /There is no modgov account for this e-mail address \(nobody@example.com\)\. Ask the administrator to add you\./,
    );
    assert.equal(await allSessions(), sessions);
    assert.equal(await countOf(`select count(*) as n from users where email = 'nobody@example.com'`), 0);
  });

  it('an e-mail the provider has not verified links no account', async () => {
    const { page } = await ssoSignIn(baseA, 'uma');
    refused(page, 403, /has not verified your e-mail address/);
    assert.equal((await userRow('uma@example.com')).oidc_subject, null);
    assert.equal(await sessionsOf('uma@example.com'), 0);
    assert.equal((await linkEventsOf('uma@example.com')).length, 0);
  });

  it('a disabled user is refused, and not linked', async () => {
    const { page } = await ssoSignIn(baseA, 'dora');
    refused(page, 403, /Your modgov account has been disabled/);
    assert.equal(await sessionsOf('dora@example.com'), 0);
    assert.equal((await userRow('dora@example.com')).oidc_subject, null);
  });

  it('a linked user who has been disabled is refused', async () => {
    const { page: first } = await ssoSignIn(baseB, 'carol');
    assert.equal(first.url, `${baseB}/account`);
    await database.db.execute(`update users set disabled_at = now() where email = 'carol@example.com'`);
    const sessions = await allSessions();
    const { page } = await ssoSignIn(baseB, 'carol');
    refused(page, 403, /Your modgov account has been disabled/);
    assert.equal(await allSessions(), sessions);
  });

  it('an account linked to one provider is not taken over by the same e-mail at another', async () => {
    const { page } = await ssoSignIn(baseB, 'ann');
    refused(page, 403, /linked to another single sign-on identity/);
    assert.equal((await userRow('ann@example.com')).oidc_subject, `${providerA.issuer}|ann`);
  });

  it('a callback with the wrong state is refused (400) and makes no session', async () => {
    const sessions = await allSessions();
    const { page } = await ssoSignIn(baseA, 'bob', {
      tamper: (url) => url.searchParams.set('state', 'not-the-state'),
    });
    assert.ok(page.url.startsWith(`${baseA}${CALLBACK}`));
    refused(page, 400, /did not match this browser(&#39;|')s sign-in/);
    assert.equal(await allSessions(), sessions);
  });

  it('a callback without the flow cookie (another browser, or too late) is refused', async () => {
    const sessions = await allSessions();
    const replay = await new Browser().open(
      `${baseA}${CALLBACK}?code=whatever&state=whatever&iss=${encodeURIComponent(providerA.issuer)}`,
    );
    refused(replay, 400, /did not start on this site/);
    assert.equal(await allSessions(), sessions);
  });

  it('cancelling at the provider comes back as a refusal, not an error', async () => {
    const sessions = await allSessions();
    const { page } = await ssoSignIn(baseA, 'bob', { cancel: true });
    assert.ok(page.url.startsWith(`${baseA}${CALLBACK}`));
    refused(page, 403, /Example ID did not sign you in \(access_denied\)/);
    assert.equal(await allSessions(), sessions);
  });

  it('a provider that cannot be reached gives a message (503), not a server error', async () => {
    const gone = await reserveProvider();
    const issuer = gone.issuer;
    await new Promise((resolve) => gone.server.close(resolve));
    const app = build(settingsFor(issuer));
    const res = await app.inject({ method: 'GET', url: '/sign-in/oidc' });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /Example ID cannot be reached at the moment/);
  });
});

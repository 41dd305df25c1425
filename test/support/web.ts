// The web tests' set-up: users with roles added and signed in through the real use cases, one server built
// (reached through inject, never listening), and the requests a browser or an API client makes as one of them,
// with the session cookie and the CSRF token it would send. Users are named by a key of the test file's own;
// any other name (say 'anonymous') is the public, with no cookie.
//
//   const web = createWebApp({ today: '2019-11-20', users: { analyst: [{ role: 'analyst' }] } });
//   const { get, postForm } = web;
//   before(async () => { database = await createTestDatabase(); ...; await web.start(database); });
//   after(() => web.close());
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser } from '../../src/app/add-user.ts';
import { signIn } from '../../src/app/sign-in.ts';
import { sec } from '../../src/codes/sec/index.ts';
import type { Database } from '../../src/db/connect.ts';
import type { RoleGrant } from '../../src/domain/access/roles.ts';
import { createFileMailer, type Mailer } from '../../src/mail/mailer.ts';
import { buildServer } from '../../src/web/server.ts';

export const PASSWORD = 'correct horse battery staple';

/** A user to add: their roles, and optionally their name and the register's person they are. */
export interface WebUser {
  roles: readonly RoleGrant[];
  /** Default: `nameOf(key)`, else the key. */
  name?: string;
  person?: string;
}

export interface WebAppOptions<K extends string> {
  /** The server's today, YYYY-MM-DD. */
  today: string;
  /** The users, by key, added (and signed in) in this order. */
  users: Record<K, readonly RoleGrant[] | WebUser>;
  /** A user's e-mail address. Default `${key.toLowerCase()}@example.com`. */
  emailOf?: (key: K) => string;
  /** A user's name when their entry gives none. Default the key. */
  nameOf?: (key: K) => string;
  /** The page a user's CSRF token is read from. Default '/account'. */
  csrfPage?: string;
  /** Whether `csrfOf` fails the test when the page carries no token (else it gives ''). Default false. */
  requireCsrf?: boolean;
  /** Default a file mailer whose directory cannot exist (no test of this kind sends mail). */
  mailer?: Mailer;
  /** Default 'http://modgov.test'. */
  publicUrl?: string;
}

export type Form = Record<string, string>;

export interface WebApp {
  /** The server: only once `start` has run. */
  readonly app: FastifyInstance;
  /** Each signed-in user's session token, by key (filled in by `start`). */
  readonly tokens: Record<string, string>;
  /** Each user's id, by key (filled in by `start`). */
  readonly ids: Record<string, number>;
  /** Adds and signs in the users (the database is the caller's, seeded), then builds the server. */
  start: (database: Database) => Promise<void>;
  /** Closes the server, then the database. */
  close: () => Promise<void>;
  /** The session cookie of `who`, or none for anyone who is not a user. */
  cookiesOf: (who: string | null) => Record<string, string>;
  get: (who: string | null, url: string) => Promise<LightMyRequestResponse>;
  /** The CSRF token on the CSRF page as `who` sees it ('' when there is none, unless `requireCsrf`). */
  csrfOf: (who: string | null) => Promise<string>;
  /** A form POST as `who`, with their `_csrf` first (the form may override it) unless `csrf: false`. */
  postForm: (
    who: string | null,
    url: string,
    form: Form,
    options?: { csrf?: boolean },
  ) => Promise<LightMyRequestResponse>;
  /**
   * A JSON request as `who`: the body (if any) as JSON, and for a signed-in user their CSRF token in the
   * `x-csrf-token` header, unless `csrf: false`; a string is sent as the token whoever `who` is.
   */
  sendJson: (
    who: string | null,
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    options?: { csrf?: boolean | string },
  ) => Promise<LightMyRequestResponse>;
}

export function createWebApp<K extends string>(options: WebAppOptions<K>): WebApp {
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  let server: FastifyInstance | undefined;
  let db: Database | undefined;
  const csrfPage = options.csrfPage ?? '/account';

  const cookiesOf = (who: string | null): Record<string, string> => {
    const token = who === null ? undefined : tokens[who];
    return token ? { modgov_session: token } : {};
  };
  const appOf = (): FastifyInstance => {
    assert.ok(server, 'the web app has not been started');
    return server;
  };
  const get = (who: string | null, url: string) =>
    appOf().inject({ method: 'GET', url, cookies: cookiesOf(who) });
  const csrfOf = async (who: string | null): Promise<string> => {
    const token = /name="_csrf" value="([^"]+)"/.exec((await get(who, csrfPage)).body)?.[1];
    if (options.requireCsrf) assert.ok(token, `${who ?? 'the public'}'s ${csrfPage} carries a CSRF token`);
    return token ?? '';
  };

  return {
    get app() {
      return appOf();
    },
    tokens,
    ids,
    start: async (database) => {
      db = database;
      for (const key of Object.keys(options.users) as K[]) {
        const entry = options.users[key];
        const user: WebUser = Array.isArray(entry) ? { roles: entry } : (entry as WebUser);
        const email = options.emailOf?.(key) ?? `${key.toLowerCase()}@example.com`;
        const added = await addUser(
          { db: database.db, rules: sec },
          {
            email,
            name: user.name ?? options.nameOf?.(key) ?? key,
            person: user.person,
            roles: user.roles,
            password: PASSWORD,
            actor: 'test',
          },
        );
        ids[key] = added.id;
        const session = await signIn(
          { db: database.db, now: () => new Date() },
          { email, password: PASSWORD, ip: '127.0.0.1' },
        );
        tokens[key] = session.token;
      }
      server = buildServer({
        database,
        rules: sec,
        today: () => options.today,
        mailer: options.mailer ?? createFileMailer('/dev/null/unused', 'modgov@test'),
        publicUrl: options.publicUrl ?? 'http://modgov.test',
        oidc: null,
      });
      await server.ready();
    },
    close: async () => {
      await server?.close();
      await db?.close();
    },
    cookiesOf,
    get,
    csrfOf,
    postForm: async (who, url, form, { csrf = true } = {}) => {
      const fields = csrf ? { _csrf: await csrfOf(who), ...form } : form;
      return appOf().inject({
        method: 'POST',
        url,
        cookies: cookiesOf(who),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    },
    sendJson: async (who, method, url, body, { csrf = true } = {}) => {
      const token =
        typeof csrf === 'string' ? csrf : csrf && cookiesOf(who).modgov_session ? await csrfOf(who) : '';
      return appOf().inject({
        method,
        url,
        cookies: cookiesOf(who),
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { 'x-csrf-token': token } : {}),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    },
  };
}

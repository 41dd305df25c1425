// Accounts, as use cases on a real database: adding users (argon2id, duplicates refused, roles checked, an audit
// record), signing in (a new session each time, only the token's hash stored), throttling by e-mail and by
// address with a moving clock, sessions expiring and revoked, and the `modgov user` commands.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { addUser, DuplicateUserError, UserInputError } from '../src/app/add-user.ts';
import { getSession } from '../src/app/get-session.ts';
import {
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
  SignInThrottledError,
  WrongCredentialsError,
  hashToken,
  signIn,
} from '../src/app/sign-in.ts';
import { signOut } from '../src/app/sign-out.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { auditEvents, sessions, userRoles, users } from '../src/db/schema.ts';
import { parseRoleGrant, RoleInputError } from '../src/domain/access/roles.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { ROOT } from './support/cli.ts';
import { generatedRegister, importOrThrow, seedWebRegister } from './support/seed.ts';

const PASSWORD = 'correct horse battery staple';
let database: Database;
let clock = new Date('2026-03-02T09:00:00Z');
const now = () => clock;
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [generatedRegister(1)]);
});

after(async () => {
  await database.close();
});

const add = (email: string, extra: Partial<Parameters<typeof addUser>[1]> = {}) =>
  addUser(
    { db: database.db, rules: sec },
    { email, name: 'Ann Analyst', roles: [], password: PASSWORD, actor: 'test', ...extra },
  );

describe('roles', () => {
  it('a committee role names its committee; the others take none', () => {
    assert.deepEqual(parseRoleGrant('analyst'), { role: 'analyst' });
    assert.deepEqual(parseRoleGrant('committee_member:OPSG'), {
      role: 'committee_member',
      committee: 'OPSG',
    });
    assert.throws(() => parseRoleGrant('committee_chair'), RoleInputError);
    assert.throws(() => parseRoleGrant('analyst:OPSG'), RoleInputError);
    assert.throws(() => parseRoleGrant('king'), RoleInputError);
  });
});

describe('adding a user', () => {
  it('stores an argon2id hash, the person and organisation, the roles, and an audit record without the hash', async () => {
    const added = await add('Ann@Example.com', {
      person: 'gen-person',
      roles: [{ role: 'analyst' }, { role: 'committee_member', committee: 'OPSG' }],
    });
    assert.equal(added.email, 'ann@example.com');
    const [row] = await database.db.select().from(users).where(eq(users.id, added.id));
    assert.match(row?.passwordHash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(row?.personId, null);
    assert.notEqual(row?.organisationId, null);
    const roles = await database.db.select().from(userRoles).where(eq(userRoles.userId, added.id));
    assert.equal(roles.length, 2);
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, String(added.id)));
    const record = audit.find((a) => a.action === 'user.added');
    assert.deepEqual(record?.after?.roles, ['analyst', 'committee_member:OPSG']);
    assert.doesNotMatch(JSON.stringify(record), /argon2/);
  });

  it('refuses an e-mail that is already a user, whatever its case', async () => {
    await assert.rejects(add('ANN@example.com'), DuplicateUserError);
  });

  it('refuses an unknown committee or person, a bad e-mail and a short password', async () => {
    await assert.rejects(add('b1@example.com', { roles: [{ role: 'committee_chair', committee: 'NOPE' }] }), {
      name: 'UserInputError',
      field: 'role',
    });
    await assert.rejects(add('b2@example.com', { person: 'nobody' }), { field: 'person' });
    await assert.rejects(add('not an e-mail'), UserInputError);
    await assert.rejects(add('b3@example.com', { password: 'short' }), { field: 'password' });
  });
});

describe('signing in', () => {
  const attempt = (email: string, password: string, ip = '192.0.2.1') =>
    signIn({ db: database.db, now }, { email, password, ip });

  it('makes a new session every time, storing only the hash of its token', async () => {
    await add('sam@example.com', { roles: [{ role: 'regulator' }] });
    const first = await attempt('Sam@example.com', PASSWORD);
    const second = await attempt('sam@example.com', PASSWORD);
    assert.notEqual(first.token, second.token);
    assert.match(first.token, /^[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.select().from(sessions).where(eq(sessions.userId, first.userId));
    assert.equal(stored.length, 2);
    assert.ok(stored.every((s) => s.tokenHash !== first.token && s.tokenHash !== second.token));
    assert.ok(stored.some((s) => s.tokenHash === hashToken(first.token)));
    const session = await getSession({ db: database.db, now }, first.token);
    assert.equal(session?.user.email, 'sam@example.com');
    assert.deepEqual(session?.user.roles, [{ role: 'regulator' }]);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    await assert.rejects(attempt('sam@example.com', 'wrong password!'), WrongCredentialsError);
    await assert.rejects(attempt('nobody@example.com', PASSWORD), WrongCredentialsError);
  });

  it('a session touches lastSeenAt at most once a minute, ends after 12 hours, and dies when signed out', async () => {
    const { token } = await attempt('sam@example.com', PASSWORD);
    const seen = async () =>
      (
        await database.db
          .select()
          .from(sessions)
          .where(eq(sessions.tokenHash, hashToken(token)))
      )[0]?.lastSeenAt;
    const start = await seen();
    later(30_000);
    await getSession({ db: database.db, now }, token);
    assert.equal((await seen())?.getTime(), start?.getTime());
    later(40_000);
    await getSession({ db: database.db, now }, token);
    assert.equal((await seen())?.getTime(), clock.getTime());
    later(12 * 60 * 60 * 1000);
    assert.equal(await getSession({ db: database.db, now }, token), null);

    const fresh = await attempt('sam@example.com', PASSWORD);
    assert.ok(await getSession({ db: database.db, now }, fresh.token));
    await signOut({ db: database.db, now }, fresh.token);
    assert.equal(await getSession({ db: database.db, now }, fresh.token), null);
  });

  it(`after ${MAX_FAILURES_PER_EMAIL} failures in 15 minutes an e-mail is refused, even with the right password`, async () => {
    await add('tess@example.com');
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i += 1)
      await assert.rejects(
        attempt('tess@example.com', 'wrong password!', `198.51.100.${i}`),
        WrongCredentialsError,
      );
    await assert.rejects(attempt('tess@example.com', PASSWORD, '203.0.113.9'), SignInThrottledError);
    later(15 * 60 * 1000 + 1000);
    assert.ok(await attempt('tess@example.com', PASSWORD));
  });

  it(`after ${MAX_FAILURES_PER_IP} failures from one address it is refused, for any e-mail`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i += 1)
      await assert.rejects(
        attempt(`x${i}@example.com`, 'wrong password!', '192.0.2.77'),
        WrongCredentialsError,
      );
    await assert.rejects(attempt('sam@example.com', PASSWORD, '192.0.2.77'), { status: 429 });
    assert.ok(await attempt('sam@example.com', PASSWORD, '192.0.2.78'));
  });
});

/** Runs modgov with standard input. */
function modgov(args: string[], env: NodeJS.ProcessEnv, stdin = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('modgov user', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modgov-user-'));
  let storage: { args: string[]; env: NodeJS.ProcessEnv; drop?: () => Promise<void> };
  before(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      const empty = await createEmptyPostgresDatabase(url);
      storage = { args: [], env: { DATABASE_URL: empty.url }, drop: empty.drop };
    } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
  });
  after(async () => {
    await storage.drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a user with a password from standard input, refuses the same e-mail again, and lists them', async () => {
    const added = await modgov(
      [
        'user',
        'add',
        '--email',
        'Root@Example.com',
        '--name',
        'Root Admin',
        '--role',
        'administrator',
        '--password-stdin',
        ...storage.args,
      ],
      storage.env,
      `${PASSWORD}\n`,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added user root@example.com \(Root Admin\) with administrator\./);
    const again = await modgov(
      ['user', 'add', '--email', 'root@example.com', '--name', 'X', ...storage.args],
      storage.env,
    );
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already a user with the e-mail root@example.com/);
    const badRole = await modgov(
      [
        'user',
        'add',
        '--email',
        'c@example.com',
        '--name',
        'C',
        '--role',
        'committee_member',
        ...storage.args,
      ],
      storage.env,
    );
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /committee_member:COMMITTEE/);
    const list = await modgov(['user', 'list', ...storage.args], storage.env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^root@example.com {2}Root Admin {2}roles=administrator$/m);
  });
});

// A proposal whose stored history does not replay under today's rules (an Alternative imported at a stage with no
// history) still has a page for staff: it offers nothing to record, and recording on it is refused with the
// reason (409), not a server error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { signIn } from '../src/app/sign-in.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

const ALTERNATIVES = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - { id: MP130, title: An original, proposer: emslie-law, raised: 2020-03-02, stage: refinement, classification: white }
  - { id: MP130A, title: Its alternative, proposer: emslie-law, raised: 2020-03-09, stage: refinement, classification: white }
`;

let database: Database;
let app: FastifyInstance;
let cookies: Record<string, string>;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'alternatives.yaml', text: ALTERNATIVES }]);
  const password = 'correct horse battery staple';
  await addUser(
    { db: database.db, rules: sec },
    { email: 'analyst@example.com', name: 'Analyst', roles: [{ role: 'analyst' }], password, actor: 'test' },
  );
  const session = await signIn(
    { db: database.db, now: () => new Date() },
    { email: 'analyst@example.com', password, ip: '127.0.0.1' },
  );
  cookies = { modgov_session: session.token };
  app = buildServer({ database, rules: sec, today: () => '2020-03-20', oidc: null });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.close();
});

describe('a stored history that does not replay', () => {
  it('the page answers for staff and the public alike', async () => {
    for (const ref of ['MP130', 'MP130A']) {
      assert.equal((await app.inject({ url: `/proposals/${ref}` })).statusCode, 200, `${ref} public`);
      assert.equal(
        (await app.inject({ url: `/proposals/${ref}`, cookies })).statusCode,
        200,
        `${ref} analyst`,
      );
    }
  });

  it('recording on it through the API is refused with the reason, not a server error', async () => {
    const page = await app.inject({ url: '/account', cookies });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/proposals/MP130A/events',
      cookies,
      headers: { 'x-csrf-token': csrf },
      payload: { event: 'withdrawn', on: '2020-03-19' },
    });
    assert.ok([403, 409].includes(res.statusCode), `${res.statusCode}: ${res.body}`);
  });
});

// A committee's page lists its members (through inject, as the anonymous public): the users holding its chair,
// member and alternate seats, the chair first and then by name, with the organisation each stands for, by name
// only (no e-mail address). A disabled account, a seat on another committee and a staff role are not listed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { setUserDisabled } from '../src/app/set-user-disabled.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';

const USERS: { name: string; person?: string; roles: RoleGrant[] }[] = [
  { name: 'Alex Member', person: 'mari-toda', roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  { name: 'Zoe Chair', person: 'simon-trivella', roles: [{ role: 'committee_chair', committee: 'OPSG' }] },
  {
    name: 'Cal Alternate',
    person: 'emslie-law',
    roles: [{ role: 'committee_alternate', committee: 'OPSG' }],
  },
  { name: 'Bea Member', roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  { name: 'Dee Disabled', roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  { name: 'Eve Board', roles: [{ role: 'committee_member', committee: 'CB' }] },
  { name: 'Ann Analyst', roles: [{ role: 'analyst' }] },
  { name: 'Ada Admin', roles: [{ role: 'administrator' }] },
];

let database: Database;
let app: FastifyInstance;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  const ids: Record<string, number> = {};
  for (const user of USERS) {
    const email = `${user.name.toLowerCase().replace(' ', '.')}@example.com`;
    const added = await addUser(
      { db: database.db, rules: sec },
      { email, name: user.name, person: user.person, roles: user.roles, actor: 'test' },
    );
    ids[user.name] = added.id;
  }
  await setUserDisabled(
    { db: database.db, now: () => new Date() },
    { userId: ids['Dee Disabled'] ?? 0, disabled: true, actorUserId: ids['Ada Admin'] ?? 0 },
  );
  app = buildServer({ database, rules: sec, today: () => '2019-10-30', oidc: null });
  await app.ready();
});

after(async () => {
  await app.close();
  await database.close();
});

/** The members table as "name | seat | organisation" rows. */
function members(html: string): string[] {
  const table = /<caption[^>]*>Members of[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(table)?.[0] ?? '';
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) =>
    [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => (c[1] ?? '').trim()).join(' | '),
  );
}

describe("a committee's page", () => {
  it('lists its members by name, the chair first, with their organisations and no e-mail addresses', async () => {
    const res = await app.inject({ url: '/committees/OPSG' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(members(res.body), [
      'Zoe Chair | Chair | British Gas',
      'Alex Member | Member | Data Communications Company',
      'Bea Member | Member | Not recorded',
      'Cal Alternate | Alternate | SSE',
    ]);
    assert.ok(!res.body.includes('@example.com'));
    for (const absent of ['Dee Disabled', 'Eve Board', 'Ann Analyst', 'Ada Admin'])
      assert.ok(!res.body.includes(absent), absent);
    // the meetings are still listed below the members
    assert.match(res.body, /href="\/committees\/OPSG\/meetings\/26"/);
  });

  it("lists each committee's own members, and says when it has none", async () => {
    const board = await app.inject({ url: '/committees/CB' });
    assert.deepEqual(members(board.body), ['Eve Board | Member | Not recorded']);
    const ssc = await app.inject({ url: '/committees/SSC' });
    assert.deepEqual(members(ssc.body), []);
    assert.match(ssc.body, /No members are recorded for the Security Sub-Committee\./);
  });
});

// Who sees which proposal, through every way out that shows proposals: the register page (its count and rows),
// the API list (total and items), a proposal's page, its API detail and its API timetable. Signed-in viewers
// come through real sessions (the modgov_session cookie). The register: the web seed's 9 White proposals,
// DP094 Green (British Gas), MP095 Amber (DCC, no impacts), and here DP097 Amber (SSE, an OPSG impact) and
// DP098 Red (DCC, an OPSG impact). A proposal names no recipients, so a Red one is seen by no one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';
import { createWebApp } from './support/web.ts';

const MORE_PROPOSALS = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP097
    title: An Amber proposal for OPSG
    proposer: emslie-law
    raised: 2019-10-28
    stage: development
    classification: amber
    impacts:
      OPSG: Operational detail for OPSG only.
  - id: DP098
    title: A Red proposal
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
    impacts:
      OPSG: Red detail.
`;

/** One proposal of each classification (and both Ambers), the ones this matrix reports on. */
const WATCHED = ['DP090', 'DP094', 'MP095', 'DP097', 'DP098'];

const USERS: Record<string, { person?: string; roles: RoleGrant[] }> = {
  dccParty: { person: 'chris-thompson', roles: [{ role: 'party_user' }] },
  otherParty: { person: 'simon-trivella', roles: [{ role: 'party_user' }] },
  opsgMember: { roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  analyst: { roles: [{ role: 'analyst' }] },
  noRoles: { roles: [] },
};

let database: Database;
const web = createWebApp({ today: '2019-10-30', users: USERS });
const { get } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'more.yaml', text: MORE_PROPOSALS }]);
  await web.start(database);
});

after(() => web.close());

const watched = (refs: readonly string[]) => WATCHED.filter((ref) => refs.includes(ref)).join(' ');

/** What one viewer gets from each way out, as "count: the watched proposals among the rows" or the watched
 * proposals that answer 200. */
async function seenBy(viewer: string) {
  const page = await get(viewer, '/');
  const count = /<strong>(\d+)<\/strong> proposals?/.exec(page.body)?.[1] ?? '?';
  const rows = [...page.body.matchAll(/href="\/proposals\/([A-Z0-9]+)"/g)].map((m) => m[1] ?? '');
  const list = (await get(viewer, '/api/v1/proposals?pageSize=200')).json<{
    total: number;
    items: { id: string }[];
  }>();
  const answering = async (url: (ref: string) => string) => {
    const ok: string[] = [];
    for (const ref of WATCHED) {
      const res = await get(viewer, url(ref));
      assert.ok([200, 404].includes(res.statusCode), `${viewer} ${url(ref)}: ${res.statusCode}`);
      if (res.statusCode === 200) ok.push(ref);
    }
    return ok.join(' ');
  };
  return {
    register: `${count}: ${watched(rows)}`,
    api: `${list.total}: ${watched(list.items.map((p) => p.id))}`,
    page: await answering((ref) => `/proposals/${ref}`),
    apiDetail: await answering((ref) => `/api/v1/proposals/${ref}`),
    apiTimetable: await answering((ref) => `/api/v1/proposals/${ref}/timetable`),
  };
}

describe('what each viewer sees of the register', () => {
  it('is the classification policy, the same through every way out, counts included', async () => {
    const matrix: Record<string, unknown> = {};
    for (const viewer of ['anonymous', ...Object.keys(web.tokens)]) matrix[viewer] = await seenBy(viewer);
    const row = (count: number, refs: string) => ({
      register: `${count}: ${refs}`,
      api: `${count}: ${refs}`,
      page: refs,
      apiDetail: refs,
      apiTimetable: refs,
    });
    assert.deepEqual(matrix, {
      anonymous: row(9, 'DP090'),
      dccParty: row(11, 'DP090 DP094 MP095'),
      otherParty: row(10, 'DP090 DP094'),
      opsgMember: row(11, 'DP090 DP094 DP097'),
      analyst: row(12, 'DP090 DP094 MP095 DP097'),
      noRoles: row(9, 'DP090'),
    });
  });

  it('leaves the anonymous public where it was: White only, 9 proposals', async () => {
    const page = await get('anonymous', '/');
    assert.match(page.body, /<strong>9<\/strong> proposals/);
    assert.doesNotMatch(page.body, /must not see|Amber proposal|Red proposal/);
    const list = (await get('anonymous', '/api/v1/proposals')).json<{ total: number; items: unknown[] }>();
    assert.equal(list.total, 9);
    assert.equal(list.items.length, 9);
  });

  it('a hidden proposal answers exactly as one that does not exist', async () => {
    const hidden = await get('otherParty', '/api/v1/proposals/MP095');
    const missing = await get('otherParty', '/api/v1/proposals/MP999');
    assert.equal(hidden.statusCode, missing.statusCode);
    assert.equal(hidden.body.replace('MP095', 'MP999'), missing.body);
  });
});

it('responses vary by cookie, and a signed-in response is private to that person', async () => {
  const anonymous = await get('anonymous', '/');
  assert.match(String(anonymous.headers.vary ?? ''), /Cookie/i);
  assert.equal(anonymous.headers['cache-control'], undefined);
  const signedIn = await get('analyst', '/');
  assert.match(String(signedIn.headers.vary ?? ''), /Cookie/i);
  assert.equal(signedIn.headers['cache-control'], 'private, no-store');
});

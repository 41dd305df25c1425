// The release schedule (/releases) and one release (/releases/:ref), through inject: the web seed's lifecycle
// fixture has two releases, February 2020 (no proposals) and November 2020 (SEC v27.0: MP112 and MP127
// implemented), and here MP130, Amber for the DCC, implemented in November 2020 too. The public and any viewer
// the policy keeps from MP130 see the releases without it; staff and the DCC see it. With today in June 2020,
// November is upcoming and February past; by 2021 both are past, the most recent first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { signIn } from '../src/app/sign-in.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createFileMailer } from '../src/mail/mailer.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

const PASSWORD = 'correct horse battery staple';

const HIDDEN = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: MP130
    title: An Amber modification implemented in November
    proposer: mari-toda
    raised: 2020-02-03
    path: self_governance
    classification: amber
    history:
      - { on: 2020-02-03, event: raised }
      - { on: 2020-03-13, event: converted, by: PANEL }
      - { on: 2020-03-13, event: modification_report_approved, by: PANEL }
      - { on: 2020-03-17, event: consultation_opened, consultation: modification_report, closes: 2020-04-07 }
      - { on: 2020-04-07, event: consultation_closed, consultation: modification_report }
      - { on: 2020-04-22, event: change_board_vote, by: CB, outcome: approve }
      - { on: 2020-11-29, event: implemented, release: 2020-11 }
`;

const USERS: Record<string, { person?: string; roles: RoleGrant[] }> = {
  analyst: { roles: [{ role: 'analyst' }] },
  dccParty: { person: 'chris-thompson', roles: [{ role: 'party_user' }] },
  otherParty: { person: 'simon-trivella', roles: [{ role: 'party_user' }] },
};

let database: Database;
const apps: FastifyInstance[] = [];
const tokens: Record<string, string> = {};

function server(today: string): FastifyInstance {
  const app = buildServer({
    database,
    rules: sec,
    today: () => today,
    mailer: createFileMailer('/dev/null/unused', 'modgov@test'),
    publicUrl: 'http://modgov.test',
    oidc: null,
  });
  apps.push(app);
  return app;
}

let june2020: FastifyInstance;
let in2021: FastifyInstance;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'hidden.yaml', text: HIDDEN }]);
  for (const [name, user] of Object.entries(USERS)) {
    const email = `${name.toLowerCase()}@example.com`;
    await addUser(
      { db: database.db, rules: sec },
      { email, name, person: user.person, roles: user.roles, password: PASSWORD, actor: 'test' },
    );
    const session = await signIn(
      { db: database.db, now: () => new Date() },
      { email, password: PASSWORD, ip: '127.0.0.1' },
    );
    tokens[name] = session.token;
  }
  june2020 = server('2020-06-01');
  in2021 = server('2021-01-01');
  for (const app of apps) await app.ready();
});

after(async () => {
  for (const app of apps) await app.close();
  await database.close();
});

const get = (app: FastifyInstance, viewer: string, url: string) => {
  const token = tokens[viewer];
  return app.inject({ method: 'GET', url, cookies: token ? { modgov_session: token } : {} });
};

/** The schedule as "section: release name [proposals]" lines, in page order. */
function schedule(html: string): string[] {
  const out: string[] = [];
  for (const part of html.split(/<h2 class="govuk-heading-l" id="(upcoming|past)">/).slice(1)) {
    if (part === 'upcoming' || part === 'past') {
      out.push(`${part}:`);
      continue;
    }
    for (const section of part.split('<section').slice(1)) {
      const name = /<a class="govuk-link" href="\/releases\/[^"]+">([^<]+)<\/a>/.exec(section)?.[1];
      const refs = [...section.matchAll(/href="\/proposals\/([A-Z0-9]+)"/g)].map((m) => m[1]);
      out.push(`${name} [${refs.join(' ')}]`);
    }
  }
  return out;
}

describe('the release schedule', () => {
  it('lists upcoming releases, then past ones, each with the proposals in it the viewer may see', async () => {
    const res = await get(june2020, 'anonymous', '/releases');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(schedule(res.body), [
      'upcoming:',
      'November 2020 SEC Release [MP112 MP127]',
      'past:',
      'February 2020 SEC Release []',
    ]);
    assert.match(res.body, /29 November 2020<\/time>: Smart Energy Code version 27\.0\./);
    assert.match(res.body, /No proposals are recorded in this release yet\./);
    assert.match(res.body, /Implemented, <time datetime="2020-11-29">/);
  });

  it('shows a hidden proposal only to those the policy lets see it, and leaves no trace of it otherwise', async () => {
    const seen: Record<string, string[]> = {};
    for (const viewer of ['anonymous', 'otherParty', 'dccParty', 'analyst']) {
      const res = await get(june2020, viewer, '/releases');
      seen[viewer] = schedule(res.body);
      if (!['dccParty', 'analyst'].includes(viewer))
        for (const mark of ['MP130', 'DP130', 'An Amber modification'])
          assert.ok(!res.body.includes(mark), `${viewer}: ${mark}`);
    }
    const withHidden = [
      'upcoming:',
      'November 2020 SEC Release [MP112 MP127 MP130]',
      'past:',
      'February 2020 SEC Release []',
    ];
    const without = [
      'upcoming:',
      'November 2020 SEC Release [MP112 MP127]',
      'past:',
      'February 2020 SEC Release []',
    ];
    assert.deepEqual(seen, {
      anonymous: without,
      otherParty: without,
      dccParty: withHidden,
      analyst: withHidden,
    });
  });

  it('puts past releases most recent first once both have happened', async () => {
    const res = await get(in2021, 'anonymous', '/releases');
    assert.deepEqual(schedule(res.body), [
      'upcoming:',
      'past:',
      'November 2020 SEC Release [MP112 MP127]',
      'February 2020 SEC Release []',
    ]);
    assert.match(res.body, /No releases are scheduled\./);
  });

  it('shows one release with its facts and its proposals, as the viewer may see them', async () => {
    const anonymous = await get(june2020, 'anonymous', '/releases/2020-11');
    assert.equal(anonymous.statusCode, 200);
    assert.match(anonymous.body, /<h1 class="govuk-heading-l">November 2020 SEC Release<\/h1>/);
    assert.match(anonymous.body, /Upcoming release/);
    assert.match(anonymous.body, /27\.0/);
    assert.match(anonymous.body, /Proposals in this release \(2\)/);
    const refs = (html: string) => [...html.matchAll(/href="\/proposals\/([A-Z0-9]+)"/g)].map((m) => m[1]);
    assert.deepEqual(refs(anonymous.body), ['MP112', 'MP127']);
    assert.ok(!anonymous.body.includes('MP130'));
    const analyst = await get(june2020, 'analyst', '/releases/2020-11');
    assert.deepEqual(refs(analyst.body), ['MP112', 'MP127', 'MP130']);
    assert.match(analyst.body, /Proposals in this release \(3\)/);
    const february = await get(in2021, 'anonymous', '/releases/2020-02');
    assert.match(february.body, /Past release/);
    assert.match(february.body, /Not recorded/); // no code version
  });

  it('a release the register does not hold is not found', async () => {
    for (const url of ['/releases/2099-01', '/releases/..%2F2020-11', '/releases/%20'])
      assert.equal((await get(june2020, 'anonymous', url)).statusCode, 404, url);
  });
});

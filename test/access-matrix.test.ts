// The access matrix: every route of the web app and the API, for each kind of viewer, over items of each
// classification. The expectations are written out by hand from the Panel Information Policy (White: everyone;
// Green: the SEC community; Amber: the organisations and committees an item names, and the administrator's
// staff; Red: named recipients only), so they are an oracle independent of the SQL and the code that apply it.
//
// For every viewer and every route, no response body carries anything of an item the viewer may not see: not its
// reference, title or text, not a count that includes it. Routes come from the server itself: a route this
// matrix does not know fails the test until it is added here, so a new way out (a feed, a search, a CSV
// download) cannot ship without being checked. The export (`modgov export --as`) is checked the same way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { buildRegisterDocument } from '../src/app/export-register.ts';
import { getViewer } from '../src/app/get-viewer.ts';
import { nameRecipient } from '../src/app/name-recipient.ts';
import { signIn } from '../src/app/sign-in.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createFileMailer } from '../src/mail/mailer.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { unzip } from './support/documents.ts';
import { queryRows } from './support/sql.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

const PASSWORD = 'correct horse battery staple';

// Beside the web seed (9 White proposals, DP094 Green for British Gas, MP095 Amber for DCC with no impacts):
// DP097 Amber for SSE with an OPSG impact, DP098 Red with an OPSG impact, and papers of each classification
// for OPSG meeting 26 beside the White OPSG_26_0511_16.
const MORE = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP097
    title: Amber title for OPSG eyes
    proposer: emslie-law
    raised: 2019-10-28
    stage: development
    classification: amber
    summary: Amber summary text.
    impacts:
      OPSG: Amber impact text for OPSG.
  - id: DP098
    title: Red title for named eyes
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
    summary: Red summary text.
    impacts:
      OPSG: Red impact text.
papers:
${[
  ['91', 'green', 'Green paper for the community'],
  ['92', 'amber', 'Amber paper for OPSG'],
  ['93', 'red', 'Red paper for named recipients'],
]
  .map(
    ([item, classification, title]) => `  - reference: OPSG_26_0511_${item}
    type: new_proposals_summary
    meeting: { committee: OPSG, number: 26 }
    item: ${item}
    title: ${title}
    action: for_discussion
    classification: ${classification}
    date: 2019-10-29
    author: bradley-baker
    covers: { from: 2019-10-01, to: 2019-10-29 }`,
  )
  .join('\n')}
`;

/** The watched items and the strings that would give each away. */
const ITEMS = {
  DP090: { kind: 'proposal', marks: [] as string[] }, // White: seen by all, so nothing to hide
  DP094: {
    kind: 'proposal',
    marks: ['DP094', 'A Green proposal the public must not see', 'Secret green summary'],
  },
  MP095: { kind: 'proposal', marks: ['MP095', 'DP095', 'An Amber proposal the public must not see'] },
  DP097: {
    kind: 'proposal',
    marks: ['DP097', 'Amber title for OPSG eyes', 'Amber summary text', 'Amber impact text for OPSG'],
  },
  DP098: {
    kind: 'proposal',
    marks: ['DP098', 'Red title for named eyes', 'Red summary text', 'Red impact text'],
  },
  OPSG_26_0511_16: { kind: 'paper', marks: [] as string[] },
  OPSG_26_0511_91: { kind: 'paper', marks: ['OPSG_26_0511_91', 'Green paper for the community'] },
  OPSG_26_0511_92: { kind: 'paper', marks: ['OPSG_26_0511_92', 'Amber paper for OPSG'] },
  OPSG_26_0511_93: { kind: 'paper', marks: ['OPSG_26_0511_93', 'Red paper for named recipients'] },
} as const;
type Item = keyof typeof ITEMS;
const PROPOSALS = (Object.keys(ITEMS) as Item[]).filter((i) => ITEMS[i].kind === 'proposal');
const PAPERS = (Object.keys(ITEMS) as Item[]).filter((i) => ITEMS[i].kind === 'paper');

const VIEWERS: Record<string, { person?: string; roles: RoleGrant[] }> = {
  administrator: { roles: [{ role: 'administrator' }] },
  analyst: { roles: [{ role: 'analyst' }] },
  dccParty: { person: 'chris-thompson', roles: [{ role: 'party_user' }] }, // DCC proposes MP095 and DP098
  britishGasParty: { person: 'simon-trivella', roles: [{ role: 'party_user' }] }, // proposes DP094
  opsgMember: { roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  changeBoardMember: { roles: [{ role: 'committee_member', committee: 'CB' }] },
  regulator: { roles: [{ role: 'regulator' }] },
  redRecipient: { roles: [] }, // named on DP098 and OPSG_26_0511_93
  noRoles: { roles: [] },
};

/** What each viewer may see, written out from the policy (the White items go without saying). */
const MAY_SEE: Record<string, readonly Item[]> = {
  anonymous: [],
  administrator: ['DP094', 'MP095', 'DP097', 'OPSG_26_0511_91', 'OPSG_26_0511_92'],
  analyst: ['DP094', 'MP095', 'DP097', 'OPSG_26_0511_91', 'OPSG_26_0511_92'],
  dccParty: ['DP094', 'MP095', 'OPSG_26_0511_91'],
  britishGasParty: ['DP094', 'OPSG_26_0511_91'],
  opsgMember: ['DP094', 'DP097', 'OPSG_26_0511_91', 'OPSG_26_0511_92'],
  changeBoardMember: ['DP094', 'OPSG_26_0511_91'],
  regulator: ['DP094', 'OPSG_26_0511_91'],
  redRecipient: ['DP098', 'OPSG_26_0511_93'],
  noRoles: [],
};
const WHITE: readonly Item[] = ['DP090', 'OPSG_26_0511_16'];
const maySee = (viewer: string, item: Item) => WHITE.includes(item) || (MAY_SEE[viewer] ?? []).includes(item);

let database: Database;
let app: FastifyInstance;
const tokens: Record<string, string | null> = { anonymous: null };
const userIds: Record<string, number> = {};

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'more.yaml', text: MORE }]);
  // OPSG's views at meeting 26, each carrying a mark of a watched item whose audience the policy makes its own:
  // Green on DP090 (the community, as DP094); Amber OPSG on DP090 (staff, OPSG and SSE, as DP097); Red (no one; here
  // as DP098); White on MP095 (as MP095) and on DP098 (as DP098); White against the Amber paper (its reference).
  await queryRows(
    database.db,
    `insert into committee_views (proposal_id, committee_id, source, author_name, given_on, classification, text,
       meeting_id, paper_id, agenda_item)
     select p.id, c.id, 'meeting', 'Operations Group', '2019-11-05', v.classification, v.text, m.id, pa.id, pa.item
     from (values ('DP090', 'green', 'A Green view: Secret green summary.', 'OPSG_26_0511_16'),
                  ('DP090', 'amber', 'An Amber view: Amber impact text for OPSG.', 'OPSG_26_0511_16'),
                  ('DP090', 'red', 'A Red view: Red summary text.', 'OPSG_26_0511_16'),
                  ('MP095', 'white', 'A White view on MP095.', 'OPSG_26_0511_16'),
                  ('DP098', 'white', 'A White view: Red impact text.', 'OPSG_26_0511_16'),
                  ('DP090', 'white', 'A White view against an Amber paper.', 'OPSG_26_0511_92'))
            as v(reference, classification, text, paper)
     join proposals p on p.reference = v.reference
     join committees c on c.ref = 'OPSG'
     join meetings m on m.committee_id = c.id and m.number = 26
     join papers pa on pa.reference = v.paper`,
  );
  const deps = { db: database.db, rules: sec };
  for (const [name, user] of Object.entries(VIEWERS)) {
    const email = `${name.toLowerCase()}@example.com`;
    await addUser(deps, {
      email,
      name,
      person: user.person,
      roles: user.roles,
      password: PASSWORD,
      actor: 'test',
    });
    const session = await signIn(
      { db: database.db, now: () => new Date() },
      { email, password: PASSWORD, ip: '127.0.0.1' },
    );
    tokens[name] = session.token;
  }
  for (const row of await queryRows<{ id: number; email: string }>(
    database.db,
    'select id, email from users',
  ))
    userIds[row.email.replace('@example.com', '')] = row.id;
  for (const reference of ['DP098', 'OPSG_26_0511_93'])
    await nameRecipient(deps, { reference, email: 'redrecipient@example.com', named: true, actor: 'test' });
  app = buildServer({
    database,
    rules: sec,
    today: () => '2019-10-30',
    mailer: createFileMailer('/dev/null/unused', 'modgov@test'),
    publicUrl: 'http://modgov.test',
    oidc: null,
  });
  await app.ready();
});

after(async () => {
  await app.close();
  await database.close();
});

/** Every route the server answers, as "METHOD /path", from Fastify's own route tree. */
function serverRoutes(): string[] {
  const out: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)(?:[├└]── )?(\S+) \(([A-Z, ]+)\)$/.exec(line.replace(/\s+$/, ''));
    if (!m) continue;
    const depth = (m[1] ?? '').length;
    while (stack.length && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.path ?? '';
    const segment = m[2] ?? '';
    const path =
      parent === ''
        ? segment
        : parent.endsWith('/')
          ? `${parent}${segment.replace(/^\//, '')}`
          : `${parent}${segment}`;
    stack.push({ depth, path });
    for (const method of (m[3] ?? '').split(', ')) if (method !== 'HEAD') out.push(`${method} ${path}`);
  }
  return [...new Set(out)].sort();
}

const PAPER_FILES = ['', '.txt', '.md', '.html', '.docx', '.pdf'];

/**
 * Each route, with the requests that exercise it and, where the answer depends on an item, the item: 200 (or a
 * redirect) when the viewer may see it, 404 when not. `check: false` routes answer the same to everyone
 * (forms, health checks), and are still searched for hidden items.
 */
type Probe = { url: string; item?: Item; method?: 'GET' | 'POST'; payload?: Record<string, string> };
const ROUTES: Record<string, (ctx: { adminId: number }) => Probe[]> = {
  'GET /': () => [
    { url: '/' },
    { url: '/?page=1' },
    // searched and filtered views: their results, counts, snippets and filter choices
    { url: '/?q=proposal' },
    { url: '/?q=amber' },
    { url: '/?q=secret+OR+red' },
    { url: '/?committee=OPSG&sort=raised-desc' },
    { url: '/?organisation=dcc' },
  ],
  'GET /proposals.csv': () => [{ url: '/proposals.csv' }, { url: '/proposals.csv?q=amber+OR+secret+OR+red' }],
  'GET /proposals.json': () => [
    { url: '/proposals.json' },
    { url: '/proposals.json?q=amber+OR+secret+OR+red' },
  ],
  'GET /healthz': () => [{ url: '/healthz' }],
  'GET /readyz': () => [{ url: '/readyz' }],
  'GET /proposals/:ref': () => PROPOSALS.map((ref) => ({ url: `/proposals/${ref}`, item: ref })),
  'GET /papers/:file': () =>
    PAPERS.flatMap((ref) => PAPER_FILES.map((ext) => ({ url: `/papers/${ref}${ext}`, item: ref }))),
  'GET /meetings': () => [{ url: '/meetings' }],
  'GET /committees/:ref': () => [{ url: '/committees/OPSG' }],
  'GET /committees/:ref/meetings/:number': () => [{ url: '/committees/OPSG/meetings/26' }],
  'GET /committees/:ref/meetings/:number/:file': () =>
    ['agenda.txt', 'agenda.md', 'agenda.html', 'agenda.docx', 'agenda.pdf', 'pack.pdf', 'pack.docx'].map(
      (file) => ({ url: `/committees/OPSG/meetings/26/${file}` }),
    ),
  'GET /committees/:ref/meetings/:number/papers/new': () => [
    { url: '/committees/OPSG/meetings/26/papers/new' },
  ],
  'POST /committees/:ref/meetings/:number/papers/new': () => [],
  'GET /committees/:ref/meetings/:number/following': () => [
    { url: '/committees/OPSG/meetings/26/following' },
  ],
  'POST /committees/:ref/meetings/:number/following': () => [],
  'GET /papers/:file/view-requests': () => PAPERS.map((ref) => ({ url: `/papers/${ref}/view-requests` })), // staff form
  'POST /papers/:file/view-requests': () => [],
  'GET /committees/:ref/meetings/:number/outcomes': () => [{ url: '/committees/OPSG/meetings/26/outcomes' }],
  'POST /committees/:ref/meetings/:number/outcomes': () => [],
  'POST /committees/:ref/meetings/:number/actions': () => [],
  'POST /actions/:id/done': () => [],
  'GET /api/v1/proposals': () => [
    { url: '/api/v1/proposals?pageSize=100' },
    { url: '/api/v1/proposals?pageSize=100&q=amber+OR+secret+OR+red' },
  ],
  'GET /api/v1/proposals/:ref': () =>
    PROPOSALS.map((ref) => ({ url: `/api/v1/proposals/${ref}`, item: ref })),
  'GET /api/v1/proposals/:ref/timetable': () =>
    PROPOSALS.map((ref) => ({ url: `/api/v1/proposals/${ref}/timetable`, item: ref })),
  'POST /proposals/:ref/events': () =>
    PROPOSALS.map((ref) => ({ url: `/proposals/${ref}/events`, method: 'POST', item: ref, payload: {} })),
  'POST /api/v1/proposals/:ref/events': () => [],
  'GET /account': () => [{ url: '/account' }],
  'GET /sign-in': () => [{ url: '/sign-in' }],
  'POST /sign-in': () => [],
  'POST /sign-out': () => [],
  'GET /password-reset': () => [{ url: '/password-reset' }],
  'POST /password-reset': () => [],
  'GET /password-reset/:token': () => [{ url: '/password-reset/not-a-token' }],
  'POST /password-reset/:token': () => [],
  'GET /admin': () => [{ url: '/admin' }],
  'GET /admin/users': () => [{ url: '/admin/users' }],
  'GET /admin/users/new': () => [{ url: '/admin/users/new' }],
  'POST /admin/users/new': () => [],
  'GET /admin/users/:id': ({ adminId }) => [{ url: `/admin/users/${adminId}` }],
  'POST /admin/users/:id': () => [],
  'POST /admin/users/:id/disable': () => [],
  'POST /admin/users/:id/enable': () => [],
  'POST /admin/users/:id/revoke-sessions': () => [],
  'POST /admin/users/:id/send-link': () => [],
  'GET /sign-in/oidc': () => [{ url: '/sign-in/oidc' }],
  'GET /sign-in/oidc/callback': () => [{ url: '/sign-in/oidc/callback' }],
  'GET /dashboard': () => [{ url: '/dashboard' }],
  'GET *': () => [{ url: '/assets/modgov.css' }],
  'GET /*': () => [{ url: '/assets/modgov.css' }],
  'GET /raise': () => [{ url: '/raise' }],
  'GET /raise/new': () => [{ url: '/raise/new' }],
  'POST /raise/new': () => [],
  'GET /raise/drafts/:id': () => [{ url: '/raise/drafts/1' }],
  'POST /raise/drafts/:id': () => [],
  'POST /raise/drafts/:id/delete': () => [],
  'GET /workspace': () => [{ url: '/workspace' }],
  // Not item probes: for a proposal they may see, a signed-in user who is not staff is refused (403) and the
  // anonymous public sent to sign in (303), not served; staff get 404 for one they may not see
  // (test/edit-proposal.test.ts). Every answer is still searched for the hidden items.
  'GET /proposals/:ref/edit': () => PROPOSALS.map((ref) => ({ url: `/proposals/${ref}/edit` })),
  'POST /proposals/:ref/edit': () => [],
  'GET /proposals/:ref/problem-statement': () =>
    PROPOSALS.map((ref) => ({ url: `/proposals/${ref}/problem-statement`, item: ref })),
  'GET /proposals/:ref/problem-statement/compare': () =>
    PROPOSALS.map((ref) => ({ url: `/proposals/${ref}/problem-statement/compare`, item: ref })),
  // staff forms, like the edit form: others get 403 or 303 whatever the proposal, staff 404 for a hidden one
  // (test/problem-statement-versions.test.ts)
  'GET /proposals/:ref/problem-statement/new': () =>
    PROPOSALS.map((ref) => ({ url: `/proposals/${ref}/problem-statement/new` })),
  'POST /proposals/:ref/problem-statement/new': () => [],
  'POST /proposals/:ref/problem-statement/:version/agree': () => [],
  'GET /releases': () => [{ url: '/releases' }],
  'GET /releases/:ref': () => [{ url: '/releases/2020-11' }, { url: '/releases/2020-02' }],
  // committees' views (test/committee-views.test.ts): the API lists a visible proposal's visible views; the form
  // is for committee members and staff, the collations for staff: others get 403 or 303 whatever the proposal,
  // the allowed 404 for a hidden one
  'GET /api/v1/proposals/:ref/views': () =>
    PROPOSALS.map((ref) => ({ url: `/api/v1/proposals/${ref}/views`, item: ref })),
  'POST /api/v1/proposals/:ref/views': () => [],
  'GET /proposals/:ref/views/new': () => PROPOSALS.map((ref) => ({ url: `/proposals/${ref}/views/new` })),
  'POST /proposals/:ref/views/new': () => [],
  'GET /proposals/:ref/views': () => PROPOSALS.map((ref) => ({ url: `/proposals/${ref}/views` })),
  'GET /committees/:ref/meetings/:number/views': () => [
    { url: '/committees/OPSG/meetings/26/views' },
    { url: '/committees/OPSG/meetings/26/views?paper=OPSG_26_0511_92' },
  ],
  // the engagement API (test/web-engagement-api.test.ts): reading follows the pages; the writes are for staff
  'GET /api/v1/proposals/:ref/problem-statement': () =>
    PROPOSALS.map((ref) => ({ url: `/api/v1/proposals/${ref}/problem-statement`, item: ref })),
  'GET /api/v1/proposals/:ref/problem-statement/compare': () =>
    PROPOSALS.map((ref) => ({ url: `/api/v1/proposals/${ref}/problem-statement/compare`, item: ref })),
  'POST /api/v1/proposals/:ref/problem-statement/versions': () => [],
  'POST /api/v1/proposals/:ref/problem-statement/versions/:version/agree': () => [],
  'GET /api/v1/committees/:ref/following': () => [{ url: '/api/v1/committees/OPSG/following' }],
  'PUT /api/v1/committees/:ref/following/:proposal': () => [],
  'GET /api/v1/committees/:ref/meetings/:number/outcomes': () => [
    { url: '/api/v1/committees/OPSG/meetings/26/outcomes' },
  ],
  'POST /api/v1/committees/:ref/meetings/:number/outcomes': () => [],
  'POST /api/v1/committees/:ref/meetings/:number/actions': () => [],
  'POST /api/v1/actions/:id/done': () => [],
  'GET /api/v1/session': () => [{ url: '/api/v1/session' }],
};
// The POST routes with no probes change things for a signed-in user; each has its own tests of who may (the
// admin pages, the paper form, the events API, sign-in and reset). What they show is a page above.

describe('the access matrix', () => {
  it('knows every route the server answers', () => {
    const unknown = serverRoutes().filter((route) => !(route in ROUTES));
    assert.deepEqual(unknown, [], 'add these routes to the access matrix');
  });

  for (const viewer of ['anonymous', ...Object.keys(VIEWERS)]) {
    it(`${viewer}: every route shows only what the policy lets them see`, async () => {
      const cookies = tokens[viewer] ? { modgov_session: tokens[viewer] } : {};
      const csrf = await csrfOf(cookies);
      const hidden = (Object.keys(ITEMS) as Item[]).filter((item) => !maySee(viewer, item));
      const marks = hidden.flatMap((item) => ITEMS[item].marks.map((mark) => ({ item, mark })));
      const problems: string[] = [];
      const routes = serverRoutes();
      for (const route of routes) {
        for (const probe of ROUTES[route]?.({ adminId: userIds.administrator ?? 0 }) ?? []) {
          const res = await app.inject({
            method: probe.method ?? 'GET',
            url: probe.url,
            cookies,
            ...(probe.method === 'POST' ? { payload: { ...probe.payload, _csrf: csrf } } : {}),
          });
          const label = `${probe.method ?? 'GET'} ${probe.url}`;
          if (probe.item && !maySee(viewer, probe.item) && res.statusCode !== 404)
            problems.push(`${label}: ${res.statusCode}, not 404, for an item it may not see`);
          if (probe.item && maySee(viewer, probe.item) && probe.method !== 'POST' && res.statusCode >= 400)
            problems.push(`${label}: ${res.statusCode} for an item it may see`);
          let text = bodyText(res);
          if (probe.item && !maySee(viewer, probe.item) && res.statusCode === 404) {
            // the answer must be the one for an item that does not exist, the reference asked for echoed back
            const absent = ITEMS[probe.item].kind === 'proposal' ? 'DP999' : 'OPSG_99_0101_99';
            const other = await app.inject({
              method: probe.method ?? 'GET',
              url: probe.url.replace(probe.item, absent),
              cookies,
              ...(probe.method === 'POST' ? { payload: { ...probe.payload, _csrf: csrf } } : {}),
            });
            text = text.replaceAll(probe.item, absent);
            if (text !== bodyText(other)) problems.push(`${label}: its 404 differs from one for ${absent}`);
          }
          for (const { item, mark } of marks)
            if (text.includes(mark)) problems.push(`${label}: shows "${mark}" of ${item}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('counts only what each viewer may see: the register page and the API total', async () => {
    const white = 9; // the web seed's White proposals
    for (const viewer of ['anonymous', ...Object.keys(VIEWERS)]) {
      const cookies = tokens[viewer] ? { modgov_session: tokens[viewer] } : {};
      const expected = white + PROPOSALS.filter((p) => p !== 'DP090' && maySee(viewer, p)).length;
      const page = await app.inject({ url: '/', cookies });
      const count = /<strong>(\d+)<\/strong> proposals?/.exec(page.body)?.[1];
      assert.equal(Number(count), expected, `${viewer}: the register page's count`);
      const api = (await app.inject({ url: '/api/v1/proposals?pageSize=100', cookies })).json<{
        total: number;
      }>();
      assert.equal(api.total, expected, `${viewer}: the API's total`);
    }
  });

  it('a meeting lists the papers each viewer may see, and only those', async () => {
    for (const viewer of ['anonymous', ...Object.keys(VIEWERS)]) {
      const cookies = tokens[viewer] ? { modgov_session: tokens[viewer] } : {};
      const body = (await app.inject({ url: '/committees/OPSG/meetings/26', cookies })).body;
      const listed = PAPERS.filter((ref) => body.includes(`/papers/${ref}"`));
      assert.deepEqual(
        listed,
        PAPERS.filter((ref) => maySee(viewer, ref)),
        viewer,
      );
    }
  });

  it('the export for a viewer (modgov export --as) holds only what they may see', async () => {
    const deps = { db: database.db, rules: sec };
    for (const viewer of ['anonymous', ...Object.keys(VIEWERS)]) {
      const as = viewer === 'anonymous' ? 'public' : `${viewer.toLowerCase()}@example.com`;
      const doc = await buildRegisterDocument(deps, { viewer: await getViewer(deps, { as }) });
      const ids = new Set([
        ...(doc.proposals ?? []).map((p) => p.id),
        ...(doc.papers ?? []).map((p) => p.reference),
      ]);
      const seen = (Object.keys(ITEMS) as Item[]).filter((item) => ids.has(item));
      assert.deepEqual(
        seen,
        (Object.keys(ITEMS) as Item[]).filter((item) => maySee(viewer, item)),
        viewer,
      );
      const text = JSON.stringify(doc);
      for (const item of Object.keys(ITEMS) as Item[])
        if (!maySee(viewer, item))
          for (const mark of ITEMS[item].marks)
            assert.ok(!text.includes(mark), `${viewer}: export shows ${mark}`);
    }
    const whole = await buildRegisterDocument(deps);
    assert.equal(
      whole.proposals?.some((p) => p.id === 'DP098'),
      true,
      "the administrator's own export is whole",
    );
  });
});

/** The CSRF token of a signed-in viewer's forms (the sign-out form in the header carries it), or of the anonymous forms. */
async function csrfOf(cookies: Record<string, string>): Promise<string> {
  const res = await app.inject({ url: cookies.modgov_session ? '/account' : '/sign-in', cookies });
  const cookie = res.cookies.find((c) => c.name === 'modgov_csrf');
  if (cookie) cookies.modgov_csrf = cookie.value;
  return /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
}

/** A response as searchable text: the body, or for Word files the text of their XML. */
function bodyText(res: LightMyRequestResponse): string {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('pdf') || type.includes('officedocument')) return documentText(res.rawPayload);
  return res.body;
}

/** The words of a PDF or Word file that could carry a hidden item: good enough to find a reference or title. */
function documentText(raw: Buffer): string {
  if (raw.subarray(0, 4).toString('latin1') === '%PDF') {
    const file = join(tmpdir(), `modgov-matrix-${process.pid}.pdf`);
    writeFileSync(file, raw);
    const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
    return out.stdout;
  }
  return [...unzip(raw).values()].join('\n').replace(/<[^>]+>/g, '');
}

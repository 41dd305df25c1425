// Every XSS payload of a list, put into every free-text field the register holds, comes out inert on every page
// and file that shows user text: no live element, no event-handler attribute, no javascript: URL.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, test } from 'node:test';
import { addMeetingAction } from '../src/app/add-meeting-action.ts';
import { addUser } from '../src/app/add-user.ts';
import { recordAgendaOutcome } from '../src/app/record-agenda-outcome.ts';
import { recordFollowing } from '../src/app/record-following.ts';
import { recordView } from '../src/app/record-view.ts';
import { writeProblemStatementVersion } from '../src/app/write-problem-statement-version.ts';
import { signIn } from '../src/app/sign-in.ts';
import { transitionProposal } from '../src/app/transition-proposal.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow } from './support/seed.ts';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '[link](javascript:alert(1))',
  '[link](JaVaScRiPt:alert(1))',
  '![img](javascript:alert(1))',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '{{ 7*7 }} {% raw %}',
  '<style>*{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];
const ALL = PAYLOADS.join(' ');

/** One record of each kind, every free-text field full of payloads. */
const REGISTER = JSON.stringify({
  format: 'modgov/v1',
  code: { id: 'SEC', name: 'Smart Energy Code', administrator: 'secas' },
  organisations: [
    { id: 'secas', name: 'SECAS', category: 'code_administrator' },
    { id: 'evil', name: ALL, shortName: PAYLOADS[1], category: 'large_supplier', referredToAs: ALL },
  ],
  people: [
    { id: 'author', name: PAYLOADS[0], organisation: 'secas', team: ALL },
    { id: 'proposer', name: ALL, organisation: 'evil' },
  ],
  committees: [
    { id: 'OPSG', name: 'Operations Group', impactHeading: ALL },
    { id: 'CSC', name: 'Change Sub-Committee' },
  ],
  meetings: [{ committee: 'OPSG', number: 1, date: '2020-01-07' }],
  proposals: PAYLOADS.map((payload, i) => ({
    id: `DP${String(100 + i)}`,
    title: payload,
    proposer: 'proposer',
    leadAnalyst: 'author',
    raised: '2019-12-02',
    stage: 'development',
    classification: 'white',
    summary: `${payload}\n\n- ${payload}\n- **${payload}**`,
    problemStatement: payload,
    impacts: { OPSG: payload },
    affectedDocuments: [payload],
  })),
  papers: [
    {
      reference: 'OPSG_1_0701_5',
      type: 'new_proposals_summary',
      meeting: { committee: 'OPSG', number: 1 },
      item: 5,
      title: ALL,
      action: 'for_discussion',
      classification: 'white',
      date: '2019-12-31',
      author: 'author',
      covers: { from: '2019-12-01', to: '2019-12-31' },
    },
  ],
});

/** The proposals as they are referred to once DP100 has converted (before() converts it). */
const REFERENCES = PAYLOADS.map((_, i) => (i === 0 ? 'MP100' : `DP${String(100 + i)}`));

let database: Database;
let app: FastifyInstance;
/** An analyst's session: the signed-in pages (workspace, edit form, change history, event form) show the text too. */
let analyst: Record<string, string>;

before(async () => {
  database = await createTestDatabase();
  await importOrThrow(database.db, [{ name: 'payloads.json', text: REGISTER }]);
  const password = 'correct horse battery staple';
  const user = await addUser(
    { db: database.db, rules: sec },
    {
      email: 'analyst@example.com',
      name: PAYLOADS[1] ?? '',
      person: 'author',
      roles: [{ role: 'analyst' }],
      password,
      actor: 'test',
    },
  );
  const session = await signIn(
    { db: database.db, now: () => new Date() },
    { email: 'analyst@example.com', password, ip: '127.0.0.1' },
  );
  analyst = { modgov_session: session.token };
  // a change history with the payloads in its before and after
  await transitionProposal(
    { db: database.db, rules: sec },
    {
      reference: 'DP100',
      event: 'converted',
      on: '2019-12-04',
      by: 'CSC',
      actor: 'analyst',
      userId: user.id,
    },
  );
  // committee engagement: a view, a problem statement version, a followed proposal, an outcome and an action
  const deps = { db: database.db, rules: sec, today: () => '2020-01-08' };
  await recordView(deps, {
    reference: 'DP101',
    committee: 'OPSG',
    meeting: 1,
    paper: 'OPSG_1_0701_5',
    author: PAYLOADS[1] ?? '',
    on: '2020-01-07',
    text: `${ALL}\n\n- ${ALL}`,
    by: 'cli',
  });
  for (const text of [PAYLOADS[0] ?? '', ALL])
    await writeProblemStatementVersion(deps, {
      reference: 'DP101',
      sections: { issue: text, impacts: text, doNothing: text, context: text },
      by: { actor: 'test' },
    });
  await recordFollowing(deps, {
    committee: 'OPSG',
    meeting: 1,
    proposal: 'DP101',
    decision: 'yes',
    actor: 'test',
  });
  await recordAgendaOutcome(deps, {
    committee: 'OPSG',
    meeting: 1,
    item: 5,
    outcome: 'noted',
    notes: ALL,
    actor: 'test',
  });
  await addMeetingAction(deps, {
    committee: 'OPSG',
    meeting: 1,
    item: 5,
    text: ALL,
    owner: PAYLOADS[1] ?? '',
    actor: 'test',
  });
  app = buildServer({ database, rules: sec, today: () => '2019-12-20' });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.close();
});

/** What would make a payload live in HTML or Markdown (the page's own markup is not the payload's: every payload runs alert). */
function assertInert(where: string, raw: string): void {
  // In Markdown a backslash-escaped character is literal text (CommonMark): `\<script>` is inert
  const body = where.endsWith('.md') ? raw.replace(/\\[\\`*_{}[\]()#+\-.!<>~&|]/g, ' ') : raw;
  assert.doesNotMatch(body, /<script[^>]*>\s*alert/i, `${where}: a live script`);
  for (const tag of liveTags(body)) {
    for (const attribute of tag.attributes) {
      assert.ok(
        !(attribute.name.startsWith('on') && /alert/i.test(attribute.value)),
        `${where}: an event-handler attribute: <${tag.name} ${attribute.name}=${attribute.value}>`,
      );
      assert.ok(
        !(
          ['href', 'src', 'action', 'formaction'].includes(attribute.name) &&
          /^\s*javascript:/i.test(attribute.value)
        ),
        `${where}: a javascript: URL: <${tag.name} ${attribute.name}=${attribute.value}>`,
      );
    }
  }
  if (where.endsWith('.md'))
    assert.doesNotMatch(body, /[^\\]\]\(\s*javascript:/i, `${where}: a javascript: link in Markdown`);
  assert.doesNotMatch(body, /<style>\*\{display:none\}/i, `${where}: a live style element`);
}

/**
 * The elements of an HTML document with their attributes, as a browser tokenises them: an attribute's quoted
 * value is one value, whatever escaped markup it holds (`value="&lt;img onerror=...&gt;"` is text, not a tag).
 */
function liveTags(html: string): { name: string; attributes: { name: string; value: string }[] }[] {
  const tags: { name: string; attributes: { name: string; value: string }[] }[] = [];
  const tagPattern =
    /<([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi;
  const attributePattern = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const tag of html.matchAll(tagPattern)) {
    const attributes = [...(tag[2] ?? '').matchAll(attributePattern)].map((a) => ({
      name: (a[1] ?? '').toLowerCase(),
      value: a[2] ?? a[3] ?? a[4] ?? '',
    }));
    tags.push({ name: (tag[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

test('every page and file that shows the payloads shows them inert', async () => {
  const urls = [
    '/',
    ...REFERENCES.map((ref) => `/proposals/${ref}`),
    ...REFERENCES.map((ref) => `/api/v1/proposals/${ref}`),
    '/meetings',
    '/committees/OPSG',
    '/committees/OPSG/meetings/1',
    '/papers/OPSG_1_0701_5',
    '/papers/OPSG_1_0701_5.html',
    '/papers/OPSG_1_0701_5.md',
    '/committees/OPSG/meetings/1/agenda.html',
    `/sign-in?next=${encodeURIComponent('javascript:alert(1)')}`,
  ];
  for (const url of urls) {
    const res = await app.inject({ url });
    assert.equal(res.statusCode, 200, url);
    if (url.startsWith('/api/')) {
      // JSON is data, not markup: it carries the text as it was given, and says it is JSON
      assert.match(String(res.headers['content-type']), /^application\/json/, url);
      continue;
    }
    assertInert(url, res.body);
  }
});

test('every signed-in page that shows the payloads shows them inert', async () => {
  const urls = [
    '/',
    '/account',
    '/workspace',
    '/releases',
    '/dashboard',
    ...REFERENCES.map((ref) => `/proposals/${ref}`),
    ...REFERENCES.map((ref) => `/proposals/${ref}/edit`),
    '/committees/OPSG/meetings/1',
    '/committees/OPSG/meetings/1/papers/new',
    '/proposals/DP101/problem-statement',
    '/proposals/DP101/problem-statement/compare?from=1&to=2',
    '/proposals/DP101/problem-statement/new',
    '/proposals/DP101/views',
    '/committees/OPSG/meetings/1/views',
    '/committees/OPSG/meetings/1/following',
    '/papers/OPSG_1_0701_5/view-requests',
    '/committees/OPSG/meetings/1/outcomes',
    '/committees/OPSG',
  ];
  for (const url of urls) {
    const res = await app.inject({ url, cookies: analyst });
    assert.equal(res.statusCode, 200, url);
    assertInert(url, res.body);
  }
  const history = await app.inject({ url: '/proposals/MP100', cookies: analyst });
  assert.match(history.body, /Change history/, 'the change history is on the page');
});

test('the text actually reaches the page, escaped, and templates in it are not evaluated', async () => {
  const res = await app.inject({ url: '/proposals/MP100' });
  assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const template = await app.inject({ url: '/proposals/DP112' });
  assert.ok(template.body.includes('{{ 7*7 }}'), 'the template text is shown as it was given');
});

test('the check itself catches each payload when it is live', () => {
  for (const payload of [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    "<details open ontoggle='alert(1)'>",
  ])
    assert.throws(() => assertInert('page.html', `<p>${payload}</p>`), payload);
  // escaped markup inside a quoted attribute value is text
  assert.doesNotThrow(() =>
    assertInert('page.html', '<option value="&#39;&gt;&lt;img src=x onerror=alert(1)&gt;">x</option>'),
  );
  assert.throws(() => assertInert('paper.md', '[link](javascript:alert(1))'));
  assert.doesNotThrow(() => assertInert('paper.md', '\\<script>alert(1)\\</script>'));
});

// Every XSS payload of a list, put into every free-text field the register holds, comes out inert on every page
// and file that shows user text: no live element, no event-handler attribute, no javascript: URL.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, test } from 'node:test';
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
  committees: [{ id: 'OPSG', name: 'Operations Group', impactHeading: ALL }],
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

let database: Database;
let app: FastifyInstance;

before(async () => {
  database = await createTestDatabase();
  await importOrThrow(database.db, [{ name: 'payloads.json', text: REGISTER }]);
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
  assert.doesNotMatch(
    body,
    /<[a-z]+\b[^>]*\son[a-z]+\s*=\s*["']?alert/i,
    `${where}: an event-handler attribute`,
  );
  assert.doesNotMatch(
    body,
    /<[a-z]+\b[^>]*\s(href|src)\s*=\s*["']?\s*javascript:/i,
    `${where}: a javascript: URL`,
  );
  if (where.endsWith('.md'))
    assert.doesNotMatch(body, /[^\\]\]\(\s*javascript:/i, `${where}: a javascript: link in Markdown`);
  assert.doesNotMatch(body, /<style>\*\{display:none\}/i, `${where}: a live style element`);
}

test('every page and file that shows the payloads shows them inert', async () => {
  const urls = [
    '/',
    ...PAYLOADS.map((_, i) => `/proposals/DP${String(100 + i)}`),
    ...PAYLOADS.map((_, i) => `/api/v1/proposals/DP${String(100 + i)}`),
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

test('the text actually reaches the page, escaped, and templates in it are not evaluated', async () => {
  const res = await app.inject({ url: '/proposals/DP100' });
  assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const template = await app.inject({ url: '/proposals/DP112' });
  assert.ok(template.body.includes('{{ 7*7 }}'), 'the template text is shown as it was given');
});

test('the check itself catches each payload when it is live', () => {
  for (const payload of [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
  ])
    assert.throws(() => assertInert('page.html', `<p>${payload}</p>`), payload);
  assert.throws(() => assertInert('paper.md', '[link](javascript:alert(1))'));
  assert.doesNotThrow(() => assertInert('paper.md', '\\<script>alert(1)\\</script>'));
});

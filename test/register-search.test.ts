// The register's search and filters, through the page, the API and the downloads, as the anonymous public and
// as an analyst. First on the example data (the web seed plus three proposals below), with the expected
// references written out by hand; then on a generated register of 10,000 proposals, where the expected counts
// are worked out in JavaScript from the generated records themselves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { generateRegister, type GeneratedRegister } from '../src/app/generate-register.ts';
import { createChoicesCache, listRegisterChoices } from '../src/app/list-register-choices.ts';
import { signIn } from '../src/app/sign-in.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { anonymousViewer, type Viewer } from '../src/domain/access/visibility.ts';
import { createFileMailer } from '../src/mail/mailer.ts';
import { csvField, registerRegisterDownloadRoutes } from '../src/web/routes/register-downloads.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

const PASSWORD = 'correct horse battery staple';
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","Zebra")';

// Beside the web seed (White: DP088-DP093, DP096, MP112, MP127; DP094 Green; MP095 Amber): DP097 Amber with
// "alerts" in its title and summary and a document of its own; DP099 White with a formula for a title, a
// formula-like document, and markup in its summary.
const MORE = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP097
    title: Amber alerts for OPSG eyes
    proposer: emslie-law
    raised: 2019-10-28
    stage: development
    classification: amber
    summary: Hidden alerts summary text.
    impacts:
      OPSG: Amber impact text.
    affectedDocuments: [Appendix Amber Only]
  - id: DP099
    title: '${FORMULA_TITLE}'
    proposer: mari-toda
    raised: 2019-10-30
    stage: development
    classification: white
    summary: 'Zebra crossings: 5 < 6 & "quotes" are <b onmouseover="steal()">bold</b> zebra text <script>alert(1)</script> done.'
    affectedDocuments: ['-2+3', Section H]
`;

/** What would give a hidden proposal away to the public. */
const HIDDEN_MARKS = [
  'DP094',
  'Secret green summary',
  'MP095',
  'An Amber proposal the public must not see',
  'DP097',
  'Amber alerts for OPSG eyes',
  'Hidden alerts summary',
  'Appendix Amber Only',
];

let database: Database;
let app: FastifyInstance;
let analystToken = '';

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'more.yaml', text: MORE }]);
  const deps = { db: database.db, rules: sec };
  await addUser(deps, {
    email: 'analyst@example.com',
    name: 'Ann Analyst',
    roles: [{ role: 'analyst' }],
    password: PASSWORD,
    actor: 'test',
  });
  const session = await signIn(
    { db: database.db, now: () => new Date() },
    { email: 'analyst@example.com', password: PASSWORD, ip: '127.0.0.1' },
  );
  analystToken = session.token;
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

type Who = 'public' | 'analyst';
async function get(url: string, who: Who = 'public') {
  return app.inject({ url, cookies: who === 'analyst' ? { modgov_session: analystToken } : {} });
}

/** The references the register page links to, in page order. */
function pageRefs(html: string): string[] {
  return [...html.matchAll(/<a class="govuk-link" href="\/proposals\/([A-Z0-9]+)">/g)].map((m) => m[1] ?? '');
}

/** The page's count: "<strong>N</strong> proposals match" (or the whole register's). */
function pageCount(html: string): number {
  const count = /<strong>([\d,]+)<\/strong> proposals?/.exec(html)?.[1];
  assert.ok(count !== undefined, 'the page shows a count');
  return Number(count.replaceAll(',', ''));
}

/** The snippet under each result, by reference. */
function pageSnippets(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const rows = html.split('<tr class="govuk-table__row">').slice(1);
  for (const row of rows) {
    const ref = /href="\/proposals\/([A-Z0-9]+)"/.exec(row)?.[1];
    const snippet = /<p class="[^"]*app-register__snippet">([\s\S]*?)<\/p>/.exec(row)?.[1];
    if (ref && snippet !== undefined) out.set(ref, snippet);
  }
  return out;
}

interface ApiList {
  items: { id: string; snippet?: string | null }[];
  total: number;
}
async function api(query: string, who: Who = 'public'): Promise<ApiList> {
  const res = await get(`/api/v1/proposals?pageSize=200&${query}`, who);
  assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
  return res.json<ApiList>();
}

/** The references of a view, through the page and the API, which must agree. */
async function refsOf(query: string, who: Who = 'public'): Promise<string[]> {
  const page = await get(`/?${query}`, who);
  assert.equal(page.statusCode, 200, `/?${query}: ${page.statusCode}`);
  const list = await api(query, who);
  const refs = pageRefs(page.body);
  assert.deepEqual(
    list.items.map((i) => i.id),
    refs,
    `${query}: the API and the page agree`,
  );
  assert.equal(list.total, refs.length, `${query}: the API's total`);
  assert.equal(pageCount(page.body), refs.length, `${query}: the page's count`);
  return refs;
}

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      assert.equal(field, '', 'a quote only opens a field');
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.ok(c !== '\r' && c !== '\n', 'a bare line break outside quotes');
      field += c;
    }
  }
  assert.equal(quoted, false, 'every quoted field is closed');
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

describe('searching the register', () => {
  it('finds DP090 first for "alerts", with the word marked in its snippet', async () => {
    // DP090 has Alerts in its title and four times in its summary; DP093's summary names "Set Clock Alerts
    // Refs in Alert Tables"; DP096's hostile Markdown has [a link](javascript:alert(1))
    assert.deepEqual(await refsOf('q=alerts'), ['DP090', 'DP093', 'DP096']);
    const page = await get('/?q=alerts');
    const snippet = pageSnippets(page.body).get('DP090') ?? '';
    assert.match(snippet, /<mark>alerts?<\/mark>/i);
    assert.match(snippet, /DCC Users only recognise <mark>Alerts<\/mark> defined in GB Companion/);
    assert.match(page.body, /<strong>3<\/strong> proposals match/);
    const list = await api('q=alerts');
    assert.match(list.items[0]?.snippet ?? '', /<mark>Alerts<\/mark>/);
  });

  it('has the labelled search box and Search button the journey uses, and links each result', async () => {
    const page = await get('/');
    assert.match(page.body, /<label class="govuk-label[^"]*" for="q">\s*Search proposals\s*<\/label>/);
    assert.match(page.body, /<input class="govuk-input[^"]*" id="q" name="q" type="search"/);
    assert.match(page.body, /<button type="submit" class="govuk-button"[^>]*>\s*Search\s*<\/button>/);
    assert.match(page.body, /<form method="get" action="\/"/);
    assert.match(
      (await get('/?q=alerts')).body,
      /<a class="govuk-link" href="\/proposals\/DP090">DP090<\/a>/,
    );
  });

  it('understands phrases, exclusion and stemming, and finds nothing for words no proposal has', async () => {
    assert.deepEqual(await refsOf(`q=${encodeURIComponent('"planned maintenance"')}`), ['DP092']);
    assert.deepEqual(await refsOf(`q=${encodeURIComponent('alerts -GBCS')}`), ['DP096']);
    // DP091's summary says Assessment three times (3 x weight B, 0.4) and outranks MP112's title (once, A, 1.0)
    assert.deepEqual(await refsOf('q=assessments'), ['DP091', 'MP112']);
    assert.deepEqual(await refsOf('q=unicorns'), []);
    assert.deepEqual(await refsOf('q=the'), []); // a stop word only: no lexemes, no match
    assert.match((await get('/?q=unicorns')).body, /<strong>0<\/strong> proposals match/);
  });

  it('shows markup in a summary as text in the snippet, never as markup', async () => {
    const page = await get('/?q=zebra');
    assert.deepEqual(pageRefs(page.body), ['DP099']);
    const snippet = pageSnippets(page.body).get('DP099') ?? '';
    assert.match(snippet, /<mark>Zebra<\/mark> crossings: 5 &lt; 6 &amp; &quot;quotes&quot;/);
    assert.equal(snippet.replaceAll('<mark>', '').replaceAll('</mark>', '').includes('<'), false, snippet);
    assert.doesNotMatch(page.body, /<script|<b onmouseover|onmouseover="steal/);
    const hostile = pageSnippets((await get('/?q=javascript')).body).get('DP096') ?? '';
    assert.match(hostile, /<mark>javascript<\/mark>/);
    assert.equal(hostile.replaceAll('<mark>', '').replaceAll('</mark>', '').includes('<'), false, hostile);
    const list = await api('q=zebra');
    const html = list.items[0]?.snippet ?? '';
    assert.equal(html.replaceAll('<mark>', '').replaceAll('</mark>', '').includes('<'), false, html);
    assert.match(html, /5 &lt; 6 &amp;/);
  });
});

describe('filtering the register', () => {
  const DEVELOPMENT = ['DP088', 'DP089', 'DP090', 'DP091', 'DP092', 'DP093', 'DP096', 'DP099'];

  it('by each filter alone', async () => {
    const cases: [string, string[]][] = [
      ['stage=development', DEVELOPMENT],
      ['stage=implemented', ['MP112', 'MP127']],
      ['stage=report_phase', []],
      ['path=self_governance', ['MP112', 'MP127']],
      ['path=authority_led', []],
      // committee: has an anticipated impact for it (the October 2019 proposals all have an OPSG impact)
      ['committee=OPSG', ['DP088', 'DP089', 'DP090', 'DP091', 'DP092', 'DP093']],
      ['committee=SSC', []],
      ['organisation=dcc', ['DP089', 'DP092', 'DP093', 'DP099']],
      ['organisation=ssc', ['DP091', 'MP127']],
      ['affectedDocument=Appendix%20AD', ['DP089', 'DP093']],
      ['affectedDocument=Section+H', ['DP092', 'DP099']],
      ['impactedParty=small_supplier', ['MP112']],
      ['impactedParty=dcc', []],
      ['release=2020-11', ['MP112', 'MP127']],
      ['release=2020-02', []],
      ['raisedFrom=2019-10-16&raisedTo=2019-10-23', ['DP090', 'DP091', 'DP092']],
      ['raisedFrom=2020-01-01', ['MP112', 'MP127']],
      ['raisedTo=2019-10-08', ['DP088', 'DP089']],
    ];
    for (const [query, expected] of cases) assert.deepEqual(await refsOf(query), expected, query);
  });

  it('by several filters at once (all of them), and by several values of one (any of them)', async () => {
    const cases: [string, string[]][] = [
      ['stage=development&organisation=dcc&affectedDocument=Appendix+AD', ['DP089', 'DP093']],
      ['committee=OPSG&raisedFrom=2019-10-20', ['DP091', 'DP092', 'DP093']],
      ['q=alerts&organisation=dcc', ['DP093']],
      ['q=alerts&committee=OPSG&raisedTo=2019-10-20', ['DP090']],
      ['release=2020-11&impactedParty=small_supplier&path=self_governance', ['MP112']],
      ['stage=implemented&stage=report_phase', ['MP112', 'MP127']],
      ['organisation=ssc&organisation=sse', ['DP090', 'DP091', 'DP096', 'MP127']],
      ['stage=development&organisation=ssc&release=2020-11', []],
    ];
    for (const [query, expected] of cases) assert.deepEqual(await refsOf(query), expected, query);
  });

  it('sorts by raised date either way, reference and title; relevance when searching', async () => {
    assert.deepEqual(await refsOf('organisation=dcc&sort=raised-desc'), ['DP099', 'DP093', 'DP092', 'DP089']);
    assert.deepEqual(await refsOf('organisation=ssc&sort=reference'), ['DP091', 'MP127']);
    assert.deepEqual(await refsOf('stage=implemented&sort=title'), ['MP112', 'MP127']); // "setting" < "smki"
    assert.deepEqual(await refsOf('organisation=dcc&sort=title'), ['DP099', 'DP089', 'DP093', 'DP092']); // "=" < "c" < "i" < "n"
    assert.deepEqual(await refsOf('q=alerts&sort=raised-desc'), ['DP096', 'DP093', 'DP090']);
  });

  it('shows each filter in force with a link that removes it, and a link that clears them all', async () => {
    const page = await get('/?q=alerts&stage=development&organisation=dcc');
    assert.match(
      page.body,
      /Stage: <strong>Development \(Draft Proposal\)<\/strong> <a [^>]*href="\/\?q=alerts&amp;organisation=dcc"/,
    );
    assert.match(
      page.body,
      /Proposer’s organisation: <strong>Data Communications Company<\/strong> <a [^>]*href="\/\?q=alerts&amp;stage=development"/,
    );
    assert.match(
      page.body,
      /Search: <strong>“alerts”<\/strong> <a [^>]*href="\/\?stage=development&amp;organisation=dcc"/,
    );
    assert.match(page.body, /href="\/">Clear the search and filters/);
    assert.match(page.body, /<details id="register-filters" class="govuk-details" open>/);
    assert.match(page.body, /value="development" checked/);
    assert.match(page.body, /<option value="dcc" selected>/);
  });
});

describe('what the public never sees', () => {
  it('no Green or Amber proposal in results, counts, snippets, choices, CSV or JSON; an analyst sees them', async () => {
    for (const url of [
      '/?q=alerts',
      '/?q=secret',
      '/?organisation=dcc',
      '/?committee=OPSG&sort=raised-desc',
      '/proposals.csv?q=alerts',
      '/proposals.json?q=alerts',
      '/proposals.csv',
      '/proposals.json',
      '/api/v1/proposals?q=alerts',
      '/api/v1/proposals?q=secret',
    ]) {
      const res = await get(url);
      for (const mark of HIDDEN_MARKS) assert.ok(!res.body.includes(mark), `${url} shows "${mark}"`);
    }
    assert.deepEqual(await refsOf('q=secret'), []);
    assert.deepEqual(await refsOf('affectedDocument=Appendix+Amber+Only'), []);
    assert.deepEqual(await refsOf('q=alerts&committee=OPSG'), ['DP090', 'DP093']);

    assert.deepEqual(await refsOf('q=secret', 'analyst'), ['DP094']);
    const alerts = await refsOf('q=alerts', 'analyst');
    assert.deepEqual([...alerts].sort(), ['DP090', 'DP093', 'DP096', 'DP097']);
    assert.deepEqual(await refsOf('q=alerts&committee=OPSG', 'analyst'), ['DP090', 'DP097', 'DP093']);
    assert.deepEqual(await refsOf('organisation=dcc&stage=modification_proposal', 'analyst'), ['MP095']);
    assert.deepEqual(await refsOf('affectedDocument=Appendix+Amber+Only', 'analyst'), ['DP097']);
    const page = await get('/?q=hidden', 'analyst');
    assert.match(pageSnippets(page.body).get('DP097') ?? '', /<mark>Hidden<\/mark> alerts summary text/);
    assert.match((await get('/', 'analyst')).body, /<option value="Appendix Amber Only">/);
    const csv = (await get('/proposals.csv?q=alerts', 'analyst')).body;
    assert.match(csv, /\r\nDP097,Amber alerts for OPSG eyes,/);
    const json = (await get('/proposals.json', 'analyst')).json<{ total: number }>();
    assert.equal(json.total, 13);
  });
});

describe('the filter choices', () => {
  it('are kept per viewer for a few seconds, then worked out again', async () => {
    let clock = 0;
    const cache = createChoicesCache({ ttlMs: 10_000, now: () => clock });
    const deps = { db: database.db, rules: sec, cache };
    const first = await listRegisterChoices(deps, { viewer: anonymousViewer });
    assert.equal(first.affectedDocuments.includes('Appendix Amber Only'), false);
    assert.equal(await listRegisterChoices(deps, { viewer: anonymousViewer }), first, 'kept');
    const user: Viewer = {
      kind: 'user',
      userId: 1,
      organisationId: null,
      roles: [{ role: 'analyst', committee: null }],
    };
    const staff = await listRegisterChoices(deps, { viewer: user });
    assert.ok(staff.affectedDocuments.includes('Appendix Amber Only'), 'another viewer, other choices');
    clock = 10_001;
    assert.notEqual(await listRegisterChoices(deps, { viewer: anonymousViewer }), first, 'forgotten');
  });
});

describe('bad parameters', () => {
  const BAD: [string, string][] = [
    ['stage=nope', 'stage'],
    ['path=path_4', 'path'],
    ['committee=NOPE', 'committee'],
    ['organisation=nobody-ltd', 'organisation'],
    ['affectedDocument=' + 'x'.repeat(201), 'affectedDocument'],
    ['impactedParty=aliens', 'impactedParty'],
    ['release=1999-01', 'release'],
    ['raisedFrom=2019-02-30', 'raisedFrom'],
    ['raisedTo=16%2F10%2F2019', 'raisedTo'],
    ['raisedFrom=2019-10-20&raisedTo=2019-10-01', 'raisedTo'],
    ['sort=sideways', 'sort'],
    ['sort=relevance', 'sort'],
    ['q=' + 'a'.repeat(201), 'q'],
    ['q=alerts%00', 'q'],
    ['organisation=dcc%00', 'organisation'],
    ['affectedDocument=Section%00G', 'affectedDocument'],
  ];

  it('give 400 naming the parameter: on the page, in the API and in the downloads', async () => {
    for (const [query, field] of BAD) {
      const page = await get(`/?${query}`);
      assert.equal(page.statusCode, 400, `page ${query}`);
      const href = field === 'sort' ? '#register-sort' : `#${field}`;
      assert.match(page.body, new RegExp(`govuk-error-summary[\\s\\S]*<a href="${href}">`), `page ${query}`);
      assert.doesNotMatch(page.body, /<table/, `page ${query}: no results for a refused view`);

      const list = await get(`/api/v1/proposals?${query}`);
      assert.equal(list.statusCode, 400, `api ${query}`);
      const body = list.json<{ error: { code: string; field: string; message: string } }>();
      assert.equal(body.error.code, 'request.invalid', `api ${query}`);
      assert.equal(body.error.field, field, `api ${query}: ${body.error.message}`);
      assert.ok(body.error.message.includes(field), `api ${query}: ${body.error.message}`);

      const json = await get(`/proposals.json?${query}`);
      assert.equal(json.statusCode, 400, `json ${query}`);
      assert.equal(json.json<{ error: { field: string } }>().error.field, field, `json ${query}`);
      const csv = await get(`/proposals.csv?${query}`);
      assert.equal(csv.statusCode, 400, `csv ${query}`);
      assert.ok(csv.body.startsWith(`${field}:`), `csv ${query}: ${csv.body}`);
    }
  });

  it('a page number that is not a page is still not found', async () => {
    for (const query of ['page=0', 'page=abc', 'stage=development&page=2'])
      assert.equal((await get(`/?${query}`)).statusCode, 404, query);
  });
});

describe('downloads of the current view', () => {
  it('CSV: a header row, RFC 4180 quoting, and what the JSON holds, row for row', async () => {
    const res = await get('/proposals.csv?stage=development&sort=raised-desc');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8; header=present');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="sec-proposals-2019-10-30.csv"');
    assert.equal(res.headers['x-total-count'], '8');
    assert.equal(res.headers['x-truncated'], undefined);
    assert.ok(res.body.startsWith('\uFEFF'), 'a byte order mark for spreadsheets');
    const rows = parseCsv(res.body.slice(1));
    assert.deepEqual(rows[0], [
      'Reference',
      'Title',
      'Stage',
      'Path',
      'Raised',
      'Proposer',
      'Proposer organisation',
      'Classification',
      'Affected documents',
      'Impacted parties',
    ]);
    const json = (await get('/proposals.json?stage=development&sort=raised-desc')).json<{
      total: number;
      count: number;
      truncated: boolean;
      items: { id: string; title: string; raised: string; affectedDocuments: string[] }[];
    }>();
    assert.equal(json.total, 8);
    assert.equal(json.truncated, false);
    const body = rows.slice(1);
    assert.equal(body.length, json.items.length);
    for (const [i, item] of json.items.entries()) {
      const row = body[i] ?? [];
      assert.equal(row[0], item.id);
      assert.equal(row[4], item.raised);
      // a formula is shown as text: an apostrophe before it, and only then
      assert.equal(row[1], item.title.startsWith('=') ? `'${item.title}` : item.title);
    }
    assert.deepEqual(
      body.map((r) => r[0]),
      [...DEVELOPMENT_DESC],
    );
    const dp099 = body.find((r) => r[0] === 'DP099') ?? [];
    assert.equal(dp099[1], `'${FORMULA_TITLE}`);
    assert.equal(dp099[8], "'-2+3; Section H");
    assert.ok(
      res.body.includes(`"'=HYPERLINK(""http://evil.example"",""Zebra"")"`),
      'quoted, quotes doubled',
    );
  });

  it('CSV fields: quoted when they must be, formulas defused', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a, b'), '"a, b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
    for (const formula of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      assert.ok(csvField(formula).replace(/^"/, '').startsWith(`'${formula[0]}`), JSON.stringify(formula));
    assert.equal(csvField('a=b'), 'a=b');
  });

  it('JSON: the view, its total and snippets when searching', async () => {
    const res = await get('/proposals.json?q=alerts');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="sec-proposals-2019-10-30.json"');
    const body = res.json<{ query: string; total: number; items: { id: string; snippet: string }[] }>();
    assert.equal(body.query, 'q=alerts');
    assert.deepEqual(
      body.items.map((i) => i.id),
      ['DP090', 'DP093', 'DP096'],
    );
    assert.match(body.items[0]?.snippet ?? '', /<mark>Alerts<\/mark>/);
  });

  it('holds every matching row up to the cap, and says when it was cut', async () => {
    const small = Fastify();
    registerRegisterDownloadRoutes(small, { db: database.db, rules: sec, today: () => '2019-10-30', cap: 3 });
    await small.ready();
    try {
      const csv = await small.inject({ url: '/proposals.csv?stage=development' });
      assert.equal(csv.headers['x-truncated'], '3 of 8');
      assert.equal(csv.headers['x-total-count'], '8');
      assert.equal(parseCsv(csv.body.slice(1)).length, 4);
      const json = (await small.inject({ url: '/proposals.json?stage=development' })).json<{
        truncated: boolean;
        count: number;
        total: number;
        message: string;
      }>();
      assert.deepEqual([json.truncated, json.count, json.total], [true, 3, 8]);
      assert.match(json.message, /first 3 of the 8/);
      const whole = await small.inject({ url: '/proposals.csv?organisation=ssc' });
      assert.equal(whole.headers['x-truncated'], undefined);
    } finally {
      await small.close();
    }
  });
});

const DEVELOPMENT_DESC = ['DP099', 'DP096', 'DP093', 'DP092', 'DP091', 'DP090', 'DP089', 'DP088'];

describe('a view is its URL', () => {
  it('the links of a view (sort, downloads) carry it, and following them reproduces it', async () => {
    const url = '/?q=alerts&stage=development&sort=reference';
    const page = await get(url);
    const refs = pageRefs(page.body);
    assert.deepEqual(refs, ['DP090', 'DP093', 'DP096']);
    const link = (id: string) =>
      (new RegExp(`id="${id}"[\\s\\S]*?href="([^"]+)"`).exec(page.body)?.[1] ?? '').replaceAll('&amp;', '&');
    const csvHref = link('register-downloads');
    assert.equal(csvHref, '/proposals.csv?q=alerts&stage=development&sort=reference');
    const csv = parseCsv((await get(csvHref)).body.slice(1));
    assert.deepEqual(
      csv.slice(1).map((r) => r[0]),
      refs,
    );
    const json = (await get(csvHref.replace('.csv', '.json'))).json<{ items: { id: string }[] }>();
    assert.deepEqual(
      json.items.map((i) => i.id),
      refs,
    );
    // "Newest first" keeps the search and the filter
    const newest = /href="([^"]+)">Newest first</.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    assert.equal(newest, '/?q=alerts&stage=development&sort=raised-desc');
    assert.deepEqual(pageRefs((await get(newest ?? '')).body), ['DP096', 'DP093', 'DP090']);
  });

  it('a form sent with empty fields goes on to the clean URL of the same view', async () => {
    const res = await get('/?q=alerts&stage=development&committee=&organisation=&raisedFrom=&raisedTo=');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/?q=alerts&stage=development');
    const again = await get(String(res.headers.location));
    assert.deepEqual(pageRefs(again.body), ['DP090', 'DP093', 'DP096']);
  });

  it('a search with spaces and symbols survives the round trip', async () => {
    const page = await get(`/?q=${encodeURIComponent('"planned maintenance" & more')}`);
    assert.equal(page.statusCode, 200);
    const newest = /href="([^"]+)">Newest first</.exec(page.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const again = await get(newest);
    assert.match(again.body, /value="&quot;planned maintenance&quot; &amp; more"/);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('a generated register of 10,000 proposals', () => {
  let big: Database;
  let bigApp: FastifyInstance;
  let register: GeneratedRegister;

  before(async () => {
    big = await createTestDatabase();
    register = generateRegister({ proposals: 10_000, seed: 7 });
    await importOrThrow(big.db, [{ name: 'generated.json', text: JSON.stringify(register) }]);
    bigApp = buildServer({ database: big, rules: sec, today: () => '2026-10-30', oidc: null });
    await bigApp.ready();
  });

  after(async () => {
    await bigApp?.close();
    await big?.close();
  });

  const organisationOf = (person: string) => register.people.find((p) => p.id === person)?.organisation;
  const white = () => register.proposals.filter((p) => p.classification === 'white');
  const byRaised = (a: { raised: string; id: string }, b: { raised: string; id: string }) =>
    a.raised < b.raised ? -1 : a.raised > b.raised ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

  it('a combined filter: the right count and the right first page, pages keeping the filter', async () => {
    const expected = white()
      .filter(
        (p) =>
          'SSC' in p.impacts &&
          organisationOf(p.proposer) === 'dcc' &&
          p.raised >= '2018-01-01' &&
          p.raised <= '2023-12-31',
      )
      .sort(byRaised);
    assert.ok(expected.length > 50, `enough to page: ${expected.length}`);
    const query = 'committee=SSC&organisation=dcc&raisedFrom=2018-01-01&raisedTo=2023-12-31';
    const page = await bigApp.inject({ url: `/?${query}` });
    assert.equal(page.statusCode, 200);
    assert.equal(pageCount(page.body), expected.length);
    assert.deepEqual(
      pageRefs(page.body),
      expected.slice(0, 50).map((p) => p.id),
    );
    const next = /href="([^"]+)" rel="next"|rel="next" href="([^"]+)"/.exec(page.body);
    const nextHref = (next?.[1] ?? next?.[2] ?? '').replaceAll('&amp;', '&');
    assert.equal(nextHref, `/?${query}&page=2`);
    assert.deepEqual(
      pageRefs((await bigApp.inject({ url: nextHref })).body),
      expected.slice(50, 100).map((p) => p.id),
    );
  });

  it('documents, parties and releases', async () => {
    const implementedIn = (p: (typeof register.proposals)[number], release: string) =>
      (p.history ?? []).some((e) => e.release === release);
    const cases: [string, (p: (typeof register.proposals)[number]) => boolean][] = [
      [
        'affectedDocument=Section+G&impactedParty=dcc',
        (p) => p.affectedDocuments.includes('Section G') && p.impactedParties.includes('dcc'),
      ],
      ['release=2021-11', (p) => implementedIn(p, '2021-11')],
    ];
    for (const [query, match] of cases) {
      const body = (await bigApp.inject({ url: `/api/v1/proposals?pageSize=1&${query}` })).json<ApiList>();
      assert.equal(body.total, white().filter(match).length, query);
      assert.ok(body.total > 0, query);
    }
  });

  it('a search: the right count, ranked, with snippets, and the whole view as JSON', async () => {
    // "alerts" stems to "alert": the generator writes the word only as Alerts
    const words = /\balerts?\b/i;
    const expected = white().filter((p) =>
      words.test(`${p.title}\n${p.summary}\n${p.problemStatement ?? ''}`),
    );
    assert.ok(expected.length > 100, `enough matches: ${expected.length}`);
    const list = (await bigApp.inject({ url: '/api/v1/proposals?q=alerts&pageSize=20' })).json<ApiList>();
    assert.equal(list.total, expected.length);
    assert.equal(list.items.length, 20);
    for (const item of list.items) assert.match(item.snippet ?? item.id, /<mark>alerts?<\/mark>/i, item.id);
    const first = register.proposals.find((p) => p.id === list.items[0]?.id);
    assert.match(first?.title ?? '', /alerts/i, 'the best match has the word in its title');
    const json = (await bigApp.inject({ url: '/proposals.json?q=alerts' })).json<{
      total: number;
      count: number;
      items: { id: string }[];
    }>();
    assert.deepEqual([json.total, json.count], [expected.length, expected.length]);
    assert.deepEqual(new Set(json.items.map((i) => i.id)), new Set(expected.map((p) => p.id)));
    const page = await bigApp.inject({ url: '/?q=alerts&organisation=dcc' });
    const withDcc = expected.filter((p) => organisationOf(p.proposer) === 'dcc');
    assert.equal(pageCount(page.body), withDcc.length);
  });
});

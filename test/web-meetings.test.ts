// The public meeting pages and paper downloads (through inject): the meeting lists its White paper with a page
// and a file in every format, each answering with its content type and an attachment file name; a paper above
// White is neither listed nor served; the Green and Amber proposals in the paper's period appear nowhere (not
// even as the author's notices, in the text formats here; the PDF and DOCX are checked against the text by
// render-formats.test.ts); unknown meetings, committees, papers and formats are not found.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { composePaper } from '../src/app/compose-paper.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { renderText } from '../src/render/text.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

/** Beside the October paper (White): an Amber paper for the same meeting, and a later meeting with none. */
const MORE_PAPERS = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
meetings:
  - { committee: OPSG, number: 27, date: 2019-12-03 }
  - { committee: SSC, number: 84, date: 2019-11-13 }
papers:
  - reference: OPSG_26_0511_17
    type: new_proposals_summary
    meeting: { committee: OPSG, number: 26 }
    item: 17
    title: Restricted proposals
    action: for_information
    classification: amber
    date: 2019-10-29
    covers: { from: 2019-10-01, to: 2019-10-29 }
`;

const REFERENCE = 'OPSG_26_0511_16';
const FILES = [
  { ext: 'txt', type: 'text/plain; charset=utf-8' },
  { ext: 'md', type: 'text/markdown; charset=utf-8' },
  { ext: 'html', type: 'text/html; charset=utf-8' },
  { ext: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { ext: 'pdf', type: 'application/pdf' },
] as const;
/** The hidden proposals of the seed register raised in the paper's period (DP094 Green; MP095 Amber, raised as DP095). */
const HIDDEN = ['DP094', 'DP095', 'MP095', 'A Green proposal', 'An Amber proposal', 'Secret green summary'];

let database: Database;
let app: FastifyInstance;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'more-papers.yaml', text: MORE_PAPERS }]);
  app = buildServer({ database, rules: sec, today: () => '2019-10-30' });
  await app.ready();
});

after(async () => {
  await app.close();
  await database.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });

/** The hrefs of the links in a page that go to a paper. */
const paperHrefs = (html: string) => [...html.matchAll(/href="(\/papers\/[^"]+)"/g)].map((m) => m[1] ?? '');

describe('the meeting page', () => {
  it('shows the committee, the meeting and its White paper with its page and five downloads', async () => {
    const res = await get('/committees/OPSG/meetings/26');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /<title>Operations Group meeting 26 - /);
    assert.match(res.body, /Operations Group \(OPSG\)/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Meeting 26<\/h1>/);
    assert.match(res.body, /5 November 2019/);
    assert.match(res.body, /New Draft Proposals and Modification Proposals/);
    assert.match(res.body, /OPSG_26_0511_16, item 16/);
    assert.match(res.body, /For Discussion/);
    assert.match(res.body, /<strong class="govuk-tag govuk-tag--grey">White<\/strong>/);
    assert.match(res.body, /29 October 2019/);
    assert.deepEqual(paperHrefs(res.body), [
      `/papers/${REFERENCE}`,
      ...FILES.map((f) => `/papers/${REFERENCE}.${f.ext}`),
    ]);
  });

  it('does not list the Amber paper', async () => {
    const res = await get('/committees/OPSG/meetings/26');
    assert.ok(!res.body.includes('OPSG_26_0511_17'));
    assert.ok(!res.body.includes('Restricted proposals'));
  });

  it('says so when a meeting has no papers', async () => {
    const res = await get('/committees/OPSG/meetings/27');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /3 December 2019/);
    assert.match(res.body, /No papers have been published for this meeting\./);
  });

  it('is not found for an unknown meeting, committee or number', async () => {
    for (const url of [
      '/committees/OPSG/meetings/99',
      '/committees/NOPE/meetings/26',
      '/committees/OPSG/meetings/026',
      '/committees/OPSG/meetings/twenty-six',
      '/committees/OPSG/meetings/-1',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/, url);
    }
  });
});

describe('the meeting lists', () => {
  it('/meetings lists every meeting, newest first, each linked to its page', async () => {
    const res = await get('/meetings');
    assert.equal(res.statusCode, 200);
    const links = [...res.body.matchAll(/href="(\/committees\/[A-Z]+\/meetings\/\d+)"/g)].map((m) => m[1]);
    assert.deepEqual(links, [
      '/committees/OPSG/meetings/27',
      '/committees/SSC/meetings/84',
      '/committees/OPSG/meetings/26',
    ]);
  });

  it("/committees/OPSG lists the committee's meetings; an unknown committee is not found", async () => {
    const res = await get('/committees/OPSG');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Operations Group<\/h1>/);
    const links = [...res.body.matchAll(/href="(\/committees\/OPSG\/meetings\/\d+)"/g)].map((m) => m[1]);
    assert.deepEqual(links, ['/committees/OPSG/meetings/27', '/committees/OPSG/meetings/26']);
    assert.ok(!res.body.includes('/committees/SSC/meetings/84'));
    assert.equal((await get('/committees/NOPE')).statusCode, 404);
  });
});

describe('the paper', () => {
  it('has a page: its HTML inside the site, with the downloads and the way back to its meeting', async () => {
    const res = await get(`/papers/${REFERENCE}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /<title>OPSG_26_0511_16: New Draft Proposals and Modification Proposals - /);
    assert.match(res.body, /<article class="modgov-paper" lang="en-GB">/);
    assert.match(res.body, /DP093 &#39;Implementing IRP511/);
    assert.match(res.body, /href="\/committees\/OPSG\/meetings\/26"/);
    assert.deepEqual(
      paperHrefs(res.body),
      FILES.map((f) => `/papers/${REFERENCE}.${f.ext}`),
    );
    // the site's own layout, not the standalone document's inline stylesheet
    assert.match(res.body, /<link rel="stylesheet" href="\/assets\/modgov\.css/);
    assert.ok(!res.body.includes('<style'));
  });

  it('downloads in every format, with its content type and an attachment file name', async () => {
    for (const file of FILES) {
      const res = await get(`/papers/${REFERENCE}.${file.ext}`);
      assert.equal(res.statusCode, 200, file.ext);
      assert.equal(res.headers['content-type'], file.type, file.ext);
      assert.equal(
        res.headers['content-disposition'],
        `attachment; filename="${REFERENCE}.${file.ext}"`,
        file.ext,
      );
      const head = res.rawPayload.subarray(0, 5).toString('latin1');
      if (file.ext === 'pdf') assert.equal(head, '%PDF-');
      if (file.ext === 'docx') assert.equal(head.slice(0, 2), 'PK');
      if (file.ext === 'html') assert.match(res.body, /^<!doctype html>/);
    }
  });

  it('the text and Markdown files are the renderings of the composed paper', async () => {
    const { paper } = await composePaper({ db: database.db, rules: sec }, { reference: REFERENCE });
    assert.equal((await get(`/papers/${REFERENCE}.txt`)).body, renderText(paper));
    assert.equal((await get(`/papers/${REFERENCE}.md`)).body, renderMarkdown(paper));
  });

  it("lets the standalone HTML's own stylesheet apply, by its hash, and nothing else", async () => {
    const res = await get(`/papers/${REFERENCE}.html`);
    const policy = String(res.headers['content-security-policy']);
    assert.match(policy, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; /);
    assert.ok(!policy.includes('unsafe-inline'));
  });

  it('shows nothing of the Green and Amber proposals in its period: page, meeting, text, Markdown, HTML', async () => {
    const { notices } = await composePaper({ db: database.db, rules: sec }, { reference: REFERENCE });
    assert.deepEqual(
      notices.map((n) => n.subject),
      ['DP094', 'DP095'],
      'the seed puts a Green and an Amber proposal in the period',
    );
    for (const url of [
      `/papers/${REFERENCE}`,
      ...FILES.filter((f) => f.ext !== 'pdf' && f.ext !== 'docx').map((f) => `/papers/${REFERENCE}.${f.ext}`),
      '/committees/OPSG/meetings/26',
    ]) {
      const res = await get(url);
      for (const hidden of HIDDEN) assert.ok(!res.body.includes(hidden), `${hidden} in ${url}`);
    }
  });

  it('a paper classified above White is not found, as a page or in any format', async () => {
    for (const url of ['/papers/OPSG_26_0511_17', ...FILES.map((f) => `/papers/OPSG_26_0511_17.${f.ext}`)]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/, url);
      assert.ok(!res.body.includes('Restricted proposals'), url);
    }
  });

  it('an unknown paper or format is not found', async () => {
    for (const url of [
      '/papers/OPSG_99_0101_1',
      '/papers/OPSG_99_0101_1.pdf',
      `/papers/${REFERENCE}.exe`,
      `/papers/${REFERENCE}.pdf.txt`,
      `/papers/${REFERENCE}.`,
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
    }
  });
});

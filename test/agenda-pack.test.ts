// The agenda of a meeting, composed from what is due at it, and the meeting pack: the agenda and its papers as
// one PDF and one Word file. The Operations Group's meeting 26 from the examples, then the same meeting with
// an Amber proposal awaiting the committee, an Amber paper and a paper modgov cannot compose added to it.
// The PDF is read back with poppler's pdftotext/pdfinfo, which this test requires rather than skips.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildMeetingPack } from '../src/app/build-meeting-pack.ts';
import { composeAgenda, MeetingNotFoundError } from '../src/app/compose-agenda.ts';
import { composePaper } from '../src/app/compose-paper.ts';
import { importRegister } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import { composeMeetingAgenda, type AgendaInput } from '../src/domain/papers/compose-agenda.ts';
import type { Block, PaperModel } from '../src/domain/papers/paper.models.ts';
import { renderDocx } from '../src/render/docx.ts';
import { renderPackDocx } from '../src/render/pack-docx.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { paperLines, renderText } from '../src/render/text.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';
import { samplePaper } from './support/sample-paper.ts';
import { unzip } from './support/documents.ts';

/** Added to meeting 26: an Amber Draft Proposal in development, an Amber paper, and an update paper. */
const AMBER = `
format: modgov/v1
code: { id: SEC, name: Smart Energy Code, administrator: secas, changeTeamEmail: sec.change@gemserv.com }
organisations:
  - { id: acme-energy, name: Acme Energy, category: small_supplier }
people:
  - { id: pat-jones, name: Pat Jones, organisation: acme-energy }
proposals:
  - id: DP095
    title: Zircon vault keys
    proposer: pat-jones
    raised: 2019-10-25
    stage: development
    classification: amber
    summary: Quartzite handling of the HSM escrow.
papers:
  - reference: OPSG_26_0511_09
    type: other
    meeting: { committee: OPSG, number: 26 }
    item: 9
    title: Obsidian incident review
    action: for_information
    classification: amber
    date: 2019-10-29
  - reference: OPSG_26_0511_03
    type: update
    meeting: { committee: OPSG, number: 26 }
    item: 3
    title: DCC operational update
    action: for_information
    classification: white
    date: 2019-10-29
`;
const AMBER_WORDS = ['Zircon', 'Quartzite', 'Obsidian', 'DP095', 'OPSG_26_0511_09'];

let database: Database;
const deps = () => ({ db: database.db, rules: sec });
const work = mkdtempSync(join(tmpdir(), 'modgov-pack-'));

before(async () => {
  database = await createTestDatabase();
  const result = await importRegister(deps(), { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] });
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
});
after(async () => {
  await database?.close();
  rmSync(work, { recursive: true, force: true });
});

const textOf = (runs: readonly { text: string }[]) => runs.map((r) => r.text).join('');
const listItems = (blocks: readonly Block[]) =>
  blocks.flatMap((b) => (b.type === 'list' ? b.items.map(textOf) : []));

describe('the agenda of a meeting', () => {
  test('OPSG meeting 26 lists OPSG_26_0511_16 as item 16, and DP088 to DP093 as awaiting the Operations Group', async () => {
    const { paper, notices } = await composeAgenda(deps(), { committee: 'OPSG', meeting: 26 });
    assert.deepEqual(notices, []);
    assert.equal(paper.reference, 'OPSG_26_0511_Agenda');
    assert.equal(paper.title, 'Agenda: Operations Group meeting 26, 5 November 2019');
    assert.equal(paper.classification.label, 'White');
    assert.deepEqual(
      paper.signOff,
      { author: 'SECAS', team: null, date: '29 October 2019' },
      'signed by the secretariat, dated the day papers are issued',
    );
    assert.deepEqual(
      paper.sections.map((s) => [s.number, s.title]),
      [
        [1, 'Minutes and actions outstanding'],
        [16, 'New Draft Proposals and Modification Proposals'],
        [17, 'Proposals awaiting the Operations Group'],
        [18, 'Any Other Business'],
      ],
    );
    const item16 = paper.sections.find((s) => s.number === 16);
    assert.deepEqual(
      item16?.blocks.map((b) => (b.type === 'paragraph' ? textOf(b.runs) : b.type)),
      ['OPSG_26_0511_16: For Discussion (White)'],
    );
    const awaiting = paper.sections.find((s) => s.number === 17)?.blocks ?? [];
    assert.deepEqual(
      awaiting.flatMap((b) => (b.type === 'heading' ? [textOf(b.runs)] : [])),
      ['Development (Draft Proposal)'],
      'grouped by stage: development lists the Operations Group',
    );
    assert.deepEqual(
      listItems(awaiting).map((t) => t.slice(0, 5)),
      ['DP088', 'DP089', 'DP090', 'DP091', 'DP092', 'DP093'],
    );
    assert.match(renderText(paper), /^16\. New Draft Proposals and Modification Proposals$/m);
  });

  test('the Panel, which no Draft Proposal awaits, is told no proposal awaits it; an unknown meeting is not found', async () => {
    const composed = composeMeetingAgenda(sec, sec.agenda, {
      ...bareInput,
      committee: { ref: 'PANEL', name: 'SEC Panel' },
      proposals: [
        { reference: 'DP088', number: 88, title: 'x', stage: 'development', classification: 'white' },
      ],
    });
    const awaiting = composed.paper.sections.find((s) => s.title === 'Proposals awaiting the SEC Panel');
    assert.deepEqual(
      awaiting?.blocks.map((b) => (b.type === 'paragraph' ? textOf(b.runs) : b.type)),
      ['No proposals are at a stage at which the SEC Panel considers them.'],
    );
    const board = composeMeetingAgenda(sec, sec.agenda, {
      ...bareInput,
      committee: { ref: 'OTHER', name: 'Other Group' },
    });
    assert.ok(
      !board.paper.sections.some((s) => s.title.startsWith('Proposals awaiting')),
      'no item for a committee that no stage lists',
    );
    await assert.rejects(composeAgenda(deps(), { committee: 'OPSG', meeting: 99 }), MeetingNotFoundError);
  });

  test('papers sharing an item share it, a paper under a standing item takes its title, a paper with no item comes after', () => {
    const paper = (reference: string, item: number | null, title: string) => ({
      reference,
      type: 'other',
      item,
      title,
      action: 'for_information',
      classification: 'white',
    });
    const { paper: agenda } = composeMeetingAgenda(sec, sec.agenda, {
      ...bareInput,
      papers: [
        paper('X_5b', 5, 'Second at five'),
        paper('X_none', null, 'No item'),
        paper('X_1', 1, 'Draft minutes of meeting 25'),
        paper('X_5a', 5, 'First at five'),
      ],
    });
    assert.deepEqual(
      agenda.sections.map((s) => [s.number, s.title, s.blocks.length]),
      [
        [1, 'Minutes and actions outstanding', 1],
        [5, 'First at five; Second at five', 2],
        [6, 'No item', 1],
        [7, 'Proposals awaiting the Operations Group', 1],
        [8, 'Any Other Business', 0],
      ],
    );
  });
});

const bareInput: AgendaInput = {
  agenda: { reference: null, classification: 'white', date: '2019-10-29' },
  committee: { ref: 'OPSG', name: 'Operations Group' },
  meeting: { number: 26, date: '2019-11-05' },
  author: { name: 'SECAS', team: null },
  papers: [],
  proposals: [],
};

// ---------------------------------------------------------------------------------------------------------
// The files people open.

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const POPPLER = 'pdftotext/pdfinfo (poppler-utils) are missing: run `bash scripts/ensure-system.sh poppler`';
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}
/** The text of one page in a region (A4, in points): the header band, or the body below it. */
function pdfText(file: string, page: number, region: { y: number; h: number }): string {
  const crop = ['-x', '0', '-y', String(region.y), '-W', '596', '-H', String(region.h)];
  const pages = ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...pages, ...crop, file, '-'], { encoding: 'utf8' });
}
const HEADER = { y: 0, h: 60 };
const BODY = { y: 60, h: 730 };

function writeFile(name: string, body: Buffer): string {
  const file = join(work, name);
  writeFileSync(file, body);
  return file;
}

const decodeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each `w:p` of the body: its text (a tab as a space), and whether it ends a section. */
function wordParagraphs(xml: string): { text: string; endsSection: boolean; xml: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: collapse(
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
        .map((m) => (m[1] === undefined ? ' ' : decodeXml(m[1])))
        .join(''),
    ),
    endsSection: p.includes('<w:sectPr>'),
  }));
}

/** The text rendering's lines as Word holds them: whitespace collapsed, list markers (Word's own) dropped. */
const wordLines = (paper: PaperModel): string[] =>
  paperLines(paper, false).map((l) =>
    collapse(l.kind === 'list_item' ? l.text.replace(/^(?:- |\d+\. )/, '') : l.text),
  );

describe('the meeting pack', () => {
  let agenda: PaperModel;
  let paper: PaperModel;
  before(async () => {
    agenda = (await composeAgenda(deps(), { committee: 'OPSG', meeting: 26 })).paper;
    paper = (await composePaper(deps(), { reference: 'OPSG_26_0511_16' })).paper;
  });

  test('the PDF: the agenda, then the paper on a new page, each page headed with its own paper’s reference', async () => {
    assert.ok(hasPoppler, POPPLER);
    const pack = await buildMeetingPack(deps(), { committee: 'OPSG', meeting: 26, format: 'pdf' });
    assert.equal(pack.filename, 'OPSG_26_0511_Pack.pdf');
    assert.equal(pack.contentType, 'application/pdf');
    assert.deepEqual(pack.contents, ['OPSG_26_0511_Agenda', 'OPSG_26_0511_16']);
    const file = writeFile(pack.filename, pack.body);
    const agendaPages = pdfPages(writeFile('agenda.pdf', await renderPdf(agenda)));
    const paperPages = pdfPages(writeFile('paper.pdf', await renderPdf(paper)));
    assert.equal(agendaPages, 1, 'the agenda fits on one page');
    assert.equal(pdfPages(file), agendaPages + paperPages, 'each paper starts on a page of its own');

    const page1 = collapse(pdfText(file, 1, BODY));
    assert.ok(page1.startsWith('This document is classified as White'), page1);
    assert.ok(page1.includes(agenda.title), page1);
    assert.ok(!page1.includes('Appendix A'), 'nothing of the paper on the agenda’s page');
    const page2 = collapse(pdfText(file, 2, BODY));
    assert.ok(
      page2.startsWith(`${collapse(textOf(paper.classification.banner))} Paper Reference: OPSG_26_0511_16`),
      page2,
    );
    assert.match(collapse(pdfText(file, 1, HEADER)), /^OPSG_26_0511_Agenda Classification: White$/);
    for (let page = 2; page <= pdfPages(file); page++)
      assert.match(collapse(pdfText(file, page, HEADER)), /^OPSG_26_0511_16 Classification: White$/);
    const footer = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    assert.match(
      footer,
      new RegExp(`Page 2 of ${agendaPages + paperPages}`),
      'pages numbered through the pack',
    );
  });

  test('the DOCX: both papers, in order, with a section break to a new page between them and a header each', async () => {
    const pack = await buildMeetingPack(deps(), { committee: 'OPSG', meeting: 26, format: 'docx' });
    assert.equal(pack.filename, 'OPSG_26_0511_Pack.docx');
    const parts = unzip(pack.body);
    const document = parts.get('word/document.xml') ?? '';
    const paragraphs = wordParagraphs(document).filter((p) => p.text !== '' || p.endsSection);
    const texts = paragraphs.filter((p) => p.text !== '').map((p) => p.text);
    assert.deepEqual(texts, [...wordLines(agenda), ...wordLines(paper)], 'every line of both, in order');

    const breakAt = paragraphs.findIndex((p) => p.endsSection);
    assert.equal(
      paragraphs[breakAt]?.text,
      agenda.signOff.date,
      'the agenda’s section ends after its last line',
    );
    assert.ok(
      paragraphs[breakAt + 1]?.text.startsWith('This document is classified as White'),
      'the paper’s section starts with its banner',
    );
    const sections = [...document.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map(([s]) => s);
    assert.equal(sections.length, 2);
    assert.match(sections[1] ?? '', /<w:type w:val="nextPage"\/>/, 'the paper starts on a new page');

    const headerOf = (section: string) => {
      const id = /<w:headerReference w:type="default" r:id="(rId\d+)"/.exec(section)?.[1] ?? '';
      const target = new RegExp(`Id="${id}" [^>]*Target="([^"]+)"|Target="([^"]+)" [^>]*Id="${id}"`).exec(
        parts.get('word/_rels/document.xml.rels') ?? '',
      );
      const xml = parts.get(`word/${target?.[1] ?? target?.[2] ?? ''}`) ?? '';
      return collapse(
        wordParagraphs(xml)
          .map((p) => p.text)
          .join(' '),
      );
    };
    assert.equal(headerOf(sections[0] ?? ''), 'OPSG_26_0511_Agenda Classification: White');
    assert.equal(headerOf(sections[1] ?? ''), 'OPSG_26_0511_16 Classification: White');
  });

  test('two papers in one Word pack keep their own links, bookmarks and list numbering', async () => {
    const parts = unzip(await renderPackDocx([samplePaper, samplePaper]));
    const document = parts.get('word/document.xml') ?? '';
    for (const p of ['p1', 'p2']) {
      assert.match(document, new RegExp(`<w:hyperlink [^>]*w:anchor="${p}_appendix_a"`));
      assert.match(document, new RegExp(`<w:bookmarkStart w:name="${p}_appendix_a" `));
    }
    const alone = unzip(await renderDocx(samplePaper)).get('word/document.xml') ?? '';
    const numIds = (xml: string) => new Set([...xml.matchAll(/<w:numId w:val="(\d+)"/g)].map((m) => m[1]));
    assert.ok(
      numIds(document).size > numIds(alone).size,
      'the second paper’s numbered lists are lists of their own, starting at 1',
    );
  });
});

describe('classification', () => {
  before(async () => {
    const result = await importRegister(deps(), { files: [{ name: 'amber.yaml', text: AMBER }] });
    assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
  });

  test('an Amber proposal awaiting the committee, and an Amber paper, are left out of a White agenda with a notice', async () => {
    const { paper, notices } = await composeAgenda(deps(), { committee: 'OPSG', meeting: 26 });
    assert.deepEqual(
      notices.map((n) => [n.code, n.subject]),
      [
        ['paper.classified_item_omitted', 'OPSG_26_0511_09'],
        ['paper.classified_item_omitted', 'DP095'],
      ],
    );
    assert.match(notices[1]?.message ?? '', /DP095 is classified Amber, above this White agenda: left out\./);
    const text = renderText(paper);
    for (const word of AMBER_WORDS) assert.ok(!text.includes(word), `"${word}" in the agenda`);
    assert.match(text, /^3\. DCC operational update$/m, 'a White paper of another type is listed');
    const awaiting = paper.sections.find((s) => s.title === 'Proposals awaiting the Operations Group');
    assert.equal(listItems(awaiting?.blocks ?? []).length, 6);
  });

  test('an Amber agenda lists them; a pack leaves out what its agenda leaves out, and says what it cannot compose', async () => {
    const amber = await composeAgenda(deps(), { committee: 'OPSG', meeting: 26, classification: 'amber' });
    assert.deepEqual(amber.notices, []);
    const text = renderText(amber.paper);
    assert.match(text, /^9\. Obsidian incident review$/m);
    assert.match(text, /^- DP095 'Zircon vault keys'$/m);

    const pack = await buildMeetingPack(deps(), { committee: 'OPSG', meeting: 26, format: 'docx' });
    assert.deepEqual(pack.contents, ['OPSG_26_0511_Agenda', 'OPSG_26_0511_16']);
    assert.deepEqual(
      pack.notices.map((n) => [n.code, n.subject]),
      [
        ['paper.classified_item_omitted', 'OPSG_26_0511_09'],
        ['paper.classified_item_omitted', 'DP095'],
        ['pack.paper_not_composable', 'OPSG_26_0511_03'],
        ['paper.classified_item_omitted', 'DP095'], // raised in the period of OPSG_26_0511_16: left out of it too
      ],
    );
    const xml = [...unzip(pack.body).values()].join('\n');
    for (const word of AMBER_WORDS) assert.ok(!xml.includes(word), `"${word}" in the pack`);
  });
});

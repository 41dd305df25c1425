// The agenda and the meeting pack on the meeting page, for the public: composed at White, so the Amber paper of
// the same meeting and the hidden proposals awaiting the committee are in neither (read back with pdftotext).
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { hasPoppler, pdfText, POPPLER, unzip } from './support/documents.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

const AMBER_PAPER = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
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
const HIDDEN = [
  'OPSG_26_0511_17',
  'Restricted proposals',
  'DP094',
  'DP095',
  'A Green proposal',
  'An Amber proposal',
];

let database: Database;
let app: FastifyInstance;
const dir = mkdtempSync(join(tmpdir(), 'modgov-pack-'));

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'amber-paper.yaml', text: AMBER_PAPER }]);
  app = buildServer({ database, rules: sec, today: () => '2019-10-30' });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the meeting page links the agenda and the meeting pack', async () => {
  const page = await app.inject({ url: '/committees/OPSG/meetings/26' });
  assert.equal(page.statusCode, 200);
  for (const file of ['agenda.pdf', 'agenda.docx', 'agenda.html', 'agenda.txt', 'pack.pdf', 'pack.docx'])
    assert.ok(page.body.includes(`href="/committees/OPSG/meetings/26/${file}"`), file);
});

test('the agenda lists the White paper and the proposals awaiting the Operations Group, and nothing hidden', async () => {
  const agenda = await app.inject({ url: '/committees/OPSG/meetings/26/agenda.txt' });
  assert.equal(agenda.statusCode, 200);
  assert.match(agenda.headers['content-disposition'] ?? '', /filename="OPSG_26_0511_Agenda.txt"/);
  assert.match(agenda.body, /OPSG_26_0511_16/);
  assert.match(agenda.body, /DP090 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC'/);
  for (const hidden of HIDDEN) assert.ok(!agenda.body.includes(hidden), hidden);
});

test('the pack is the agenda and the White paper, in PDF and in Word, with nothing hidden', async () => {
  assert.ok(hasPoppler, POPPLER);
  const pdf = await app.inject({ url: '/committees/OPSG/meetings/26/pack.pdf' });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const file = join(dir, 'pack.pdf');
  writeFileSync(file, pdf.rawPayload);
  const text = pdfText(file, { y: 0, h: 842 });
  assert.match(text, /Agenda: Operations Group meeting 26/);
  assert.match(text, /New Draft Proposals and Modification Proposals/);
  for (const hidden of HIDDEN) assert.ok(!text.includes(hidden), hidden);

  const docx = await app.inject({ url: '/committees/OPSG/meetings/26/pack.docx' });
  assert.equal(docx.statusCode, 200);
  const xml = unzip(docx.rawPayload).get('word/document.xml') ?? '';
  assert.match(xml, /Agenda: Operations Group meeting 26/);
  assert.match(xml, /DP093/);
  for (const hidden of HIDDEN) assert.ok(!xml.includes(hidden), hidden);
});

test('an unknown meeting or file is not found', async () => {
  for (const url of [
    '/committees/OPSG/meetings/99/agenda.pdf',
    '/committees/OPSG/meetings/26/pack.txt',
    '/committees/OPSG/meetings/26/minutes.pdf',
  ])
    assert.equal((await app.inject({ url })).statusCode, 404, url);
});

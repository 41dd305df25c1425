// The golden test: OPSG_26_0511_16, the Operations Group's paper of October 2019, composed from its facts
// (examples/sec-opsg-2019-10.yaml) and rendered as text, is the administrator's own paper, word for word once
// whitespace is normalised, except for the few lines below where the original is inconsistent with itself.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { composePaper } from '../src/app/compose-paper.ts';
import { importRegister } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import type { ComposedPaper } from '../src/domain/papers/paper.models.ts';
import { renderDocx } from '../src/render/docx.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { renderText } from '../src/render/text.ts';
import {
  BODY,
  collapse,
  expectedLines,
  hasPoppler,
  pdfText,
  POPPLER,
  unzip,
  wordParagraphs,
} from './support/documents.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';

/** The reference paper: the shared copy where this checkout sits beside it, else the copy kept in test/golden. */
const SHARED = fileURLToPath(new URL('../../shared/reference/OPSG_26_0511_16.txt', import.meta.url));
const KEPT = fileURLToPath(new URL('./golden/OPSG_26_0511_16.txt', import.meta.url));
const reference = readFileSync(existsSync(SHARED) ? SHARED : KEPT, 'utf8');

/**
 * Where the original is inconsistent with itself, and what we print instead: the original line, the line we
 * print, and why. At most three.
 */
const EXCEPTIONS: readonly { original: string; printed: string; reason: string }[] = [
  {
    original: "[DP088 'Power to raise modifications'](#)",
    printed: "DP088 'Power to raise modifications'",
    reason:
      'Only the first entry heading is a Markdown link, and to nowhere; every heading links to its appendix in the model, and text prints the link text.',
  },
  {
    original:
      'DP088 has been raised by Simon Trivella of British Gas. The Lead Analyst from SECAS is Jordan Crase.',
    printed:
      'DP088 was raised by Simon Trivella of British Gas. The Lead Analyst from SECAS is Jordan Crase.',
    reason: 'The other five entries say "was raised by"; one sentence template serves them all.',
  },
  {
    original: 'DP092 was raised by Chris Thompson of the DCC. The Lead Analyst is Adam Lattimore.',
    printed: 'DP092 was raised by Chris Thompson of the DCC. The Lead Analyst from SECAS is Adam Lattimore.',
    reason:
      'Adam Lattimore is of SECAS, and the same paper says "The Lead Analyst from SECAS is Adam Lattimore." for DP091 and DP093.',
  },
];

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The first place two texts differ, with some context either side, for a failure message. */
function firstDifference(expected: string, actual: string): string | null {
  if (expected === actual) return null;
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 120), at + 120));
  return [
    `The texts differ at character ${at} (expected ${expected.length} characters, got ${actual.length}).`,
    `expected: ...${around(expected)}...`,
    `actual:   ...${around(actual)}...`,
  ].join('\n');
}

let database: Database;
let composed: ComposedPaper;

before(async () => {
  database = await createTestDatabase();
  const deps = { db: database.db, rules: sec };
  const imported = await importRegister(deps, { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] });
  assert.ok(imported.ok, imported.ok ? '' : imported.errors.map(formatIssue).join('\n'));
  composed = await composePaper(deps, { reference: 'OPSG_26_0511_16' });
});
after(async () => {
  await database.close();
});

describe('the golden paper OPSG_26_0511_16', () => {
  test('the copy kept in test/golden is the shared reference paper, byte for byte', () => {
    if (!existsSync(SHARED)) return;
    assert.equal(readFileSync(KEPT, 'utf8'), readFileSync(SHARED, 'utf8'));
  });

  test('there are at most three exceptions, each a whole line of the original found exactly once', () => {
    assert.ok(EXCEPTIONS.length <= 3, `${EXCEPTIONS.length} exceptions: at most three are allowed`);
    const lines = reference.split('\n').map((l) => l.trim());
    for (const e of EXCEPTIONS) {
      assert.equal(
        lines.filter((l) => l === e.original).length,
        1,
        `"${e.original}" is one line of the original`,
      );
      assert.ok(e.reason.length > 0);
    }
  });

  test('rendered as text, it is the reference paper after whitespace normalisation, but for the listed lines', () => {
    const expected = EXCEPTIONS.reduce(
      (text, e) => text.replace(e.original, e.printed),
      normalise(reference),
    );
    const actual = normalise(renderText(composed.paper));
    const difference = firstDifference(expected, actual);
    assert.equal(difference, null, difference ?? '');
  });

  test('composing it tells the author nothing: every proposal in the period is White', () => {
    assert.deepEqual(composed.notices, []);
  });

  test('each entry heading links to its appendix, and the appendices are listed but not printed (no problem statements held)', () => {
    const headings = composed.paper.sections
      .flatMap((s) => s.blocks)
      .filter((b) => b.type === 'heading' && b.level === 3);
    assert.deepEqual(
      headings.map((h) => (h.type === 'heading' ? h.runs.map((r) => r.link) : [])),
      ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => [`#appendix-${l}`]),
    );
    assert.deepEqual(
      composed.paper.appendices.map((a) => [a.letter, a.title, a.anchor, a.blocks]),
      ['DP088', 'DP089', 'DP090', 'DP091', 'DP092', 'DP093'].map((ref, i) => {
        const letter = 'ABCDEF'[i] ?? '';
        return [letter, `${ref} draft problem statement`, `appendix-${letter.toLowerCase()}`, null];
      }),
    );
  });
});

describe('OPSG_26_0511_16 in Word and PDF', () => {
  test('the paragraphs of word/document.xml are the text rendering, in order', async () => {
    const parts = unzip(await renderDocx(composed.paper));
    const body = wordParagraphs(parts.get('word/document.xml') ?? '').filter((p) => p.text !== '');
    assert.deepEqual(
      body.map((p) => p.text),
      expectedLines(composed.paper),
    );
  });

  test('the text pdftotext extracts is the text rendering: same paragraphs, same order', async () => {
    assert.ok(hasPoppler, POPPLER);
    const dir = mkdtempSync(join(tmpdir(), 'modgov-golden-'));
    try {
      const file = join(dir, 'OPSG_26_0511_16.pdf');
      writeFileSync(file, await renderPdf(composed.paper));
      const text = collapse(pdfText(file, BODY));
      assert.equal(text, expectedLines(composed.paper, true).join(' '));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

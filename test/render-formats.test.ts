// The Word, PDF and HTML renderings carry the same paragraphs, in the same order, as the text rendering
// (`paperLines`), and each has the layout of a committee paper. The DOCX is unzipped here (node:zlib, no library);
// the PDF is read back with poppler's pdftotext/pdfinfo/pdffonts, which this test requires rather than skips.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Block, PaperModel } from '../src/domain/papers/paper.models.ts';
import { renderDocx } from '../src/render/docx.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { NON_LATIN, nonLatinPaper, samplePaper } from './support/sample-paper.ts';
import {
  BODY,
  collapse,
  decodeXml,
  expectedLines,
  FOOTER,
  hasPoppler,
  HEADER,
  pdfText,
  POPPLER,
  unzip,
  wordParagraphs,
} from './support/documents.ts';

function headingsOf(blocks: readonly Block[]): { level: 3 | 4; text: string }[] {
  return blocks.flatMap((b) =>
    b.type === 'heading' ? [{ level: b.level, text: collapse(b.runs.map((r) => r.text).join('')) }] : [],
  );
}

const work = mkdtempSync(join(tmpdir(), 'modgov-render-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('DOCX', () => {
  test('the paragraphs of word/document.xml are the text rendering, in order, with Word numbering the lists', async () => {
    for (const paper of [samplePaper, nonLatinPaper]) {
      const parts = unzip(await renderDocx(paper));
      const body = wordParagraphs(parts.get('word/document.xml') ?? '').filter((p) => p.text !== '');
      assert.deepEqual(
        body.map((p) => p.text),
        expectedLines(paper),
      );
    }
  });

  test('a Word file with heading styles, real lists, bold runs and links to appendix bookmarks', async () => {
    const parts = unzip(await renderDocx(samplePaper));
    const document = parts.get('word/document.xml') ?? '';
    const paragraphs = wordParagraphs(document);
    const styleOf = (text: string): string | null => paragraphs.find((p) => p.text === text)?.style ?? null;
    assert.equal(styleOf(samplePaper.title), 'Heading1');
    for (const s of samplePaper.sections) assert.equal(styleOf(`${s.number}. ${s.title}`), 'Heading2');
    const inner = [...samplePaper.sections, ...samplePaper.appendices].flatMap((s) =>
      headingsOf(s.blocks ?? []),
    );
    assert.ok(inner.some((h) => h.level === 3) && inner.some((h) => h.level === 4));
    for (const h of inner) assert.equal(styleOf(h.text), `Heading${h.level}`, h.text);

    const items = paragraphs.filter((p) => p.xml.includes('<w:numPr>'));
    assert.equal(
      items.length,
      4 + 2 + 2 + 2,
      'every list item, attachments included, is a numbered paragraph',
    );
    const numbering = parts.get('word/numbering.xml') ?? '';
    assert.match(numbering, /<w:numFmt w:val="bullet"\/>/);
    assert.match(numbering, /<w:numFmt w:val="decimal"\/><w:lvlText w:val="%1."\/>/);
    const first = (text: string) =>
      /<w:numId w:val="(\d+)"/.exec(items.find((p) => p.text === text)?.xml ?? '')?.[1];
    assert.notEqual(
      first('First consideration'),
      first('"Deferred" to "Rejected"'),
      'each numbered list restarts',
    );

    assert.match(document, /<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">DISCUSS<\/w:t>/);
    assert.match(document, /<w:hyperlink [^>]*w:anchor="appendix_a"/);
    assert.match(document, /<w:bookmarkStart w:name="appendix_a" /);
    assert.doesNotMatch(document, /w:anchor="appendix_b"/, 'no link to an appendix that is not printed');
    assert.match(document, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');
    assert.match(parts.get('word/styles.xml') ?? '', /w:ascii="Arial"/);
  });

  test('the reference and classification in the header, Page X of Y in the footer, appendices on new pages', async () => {
    const parts = unzip(await renderDocx(samplePaper));
    const document = parts.get('word/document.xml') ?? '';
    assert.match(document, /<w:headerReference w:type="default"/);
    assert.match(document, /<w:footerReference w:type="default"/);
    const headers = [...parts].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, xml]) => xml);
    const header = headers.map((xml) => wordParagraphs(xml).map((p) => p.text)).flat();
    assert.ok(
      header.some((t) => t.includes('OPSG_26_0511_16') && t.includes('Classification: White')),
      header.join(' | '),
    );
    const footer = [...parts].find(([name]) => /^word\/footer\d+\.xml$/.test(name))?.[1] ?? '';
    assert.match(footer, /Page <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]* of <\/w:t>/);
    assert.match(footer, /<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);

    const breaks = wordParagraphs(document).filter((p) => p.xml.includes('<w:pageBreakBefore/>'));
    assert.deepEqual(
      breaks.map((p) => [p.text, p.style]),
      [['Appendix A: DP088 draft problem statement', 'Heading1']],
      'a page break before each printed appendix, and nowhere else',
    );
  });
});

async function writePdf(paper: PaperModel, name: string): Promise<string> {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, await renderPdf(paper));
  return file;
}

describe('PDF', () => {
  test('the text pdftotext extracts is the text rendering: same paragraphs, same order', async () => {
    assert.ok(hasPoppler, POPPLER);
    for (const [name, paper] of [
      ['sample', samplePaper],
      ['non-latin', nonLatinPaper],
    ] as const) {
      const text = collapse(pdfText(await writePdf(paper, name), BODY));
      const lines = expectedLines(paper, true);
      let from = 0;
      for (const line of lines) {
        const at = text.indexOf(line, from);
        assert.ok(at >= 0, `${name}: "${line}" not found after position ${from} of: ${text}`);
        from = at + line.length;
      }
      assert.equal(text, lines.join(' '));
    }
  });

  test('A4 pages with Roboto embedded, the header and "Page X of Y" on every page, appendices on new pages', async () => {
    assert.ok(hasPoppler, POPPLER);
    const file = await writePdf(samplePaper, 'layout');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    assert.ok(pages >= 2, info);

    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.ok(
      fonts.length > 0 && fonts.every((f) => /Roboto/.test(f) && /\byes\s+yes\s+yes\b/.test(f)),
      fonts.join('\n'),
    );

    const bodies: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const header = collapse(pdfText(file, HEADER, page));
      assert.equal(header, 'OPSG_26_0511_16 Classification: White', `header of page ${page}`);
      assert.equal(collapse(pdfText(file, FOOTER, page)), `Page ${page} of ${pages}`);
      bodies.push(collapse(pdfText(file, BODY, page)));
    }
    // The heading "Appendix A: ..." is also an attachment line, so look for the page it opens.
    const opening = bodies.flatMap((body, i) =>
      body.startsWith('Appendix A: DP088 draft problem statement What is') ? [i] : [],
    );
    assert.deepEqual(opening, [pages - 1], 'the printed appendix opens the last page');
    assert.ok(
      bodies[pages - 2]?.endsWith('Appendix B: DP089 draft problem statement'),
      'after the attachments',
    );
  });
});

describe('HTML', () => {
  /** The text of each paragraph, heading and list item, tags stripped, in document order. */
  const htmlLines = (html: string): string[] =>
    [...html.matchAll(/<(p|h[1-4]|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
      collapse(decodeXml((m[2] ?? '').replace(/<[^>]+>/g, ''))),
    );

  test('the paragraphs, headings and list items are the text rendering, in order', () => {
    for (const paper of [samplePaper, nonLatinPaper]) {
      assert.deepEqual(htmlLines(renderHtml(paper)), expectedLines(paper));
      assert.deepEqual(htmlLines(renderHtml(paper, { standalone: true })), expectedLines(paper));
    }
  });

  test('all text is escaped, and only safe links are links', () => {
    const hostile: PaperModel = {
      ...nonLatinPaper,
      reference: 'X_"</style><script>',
      sections: [
        ...nonLatinPaper.sections,
        {
          number: 2,
          title: '<img src=x onerror=alert(1)>',
          blocks: [{ type: 'paragraph', runs: [{ text: 'click', link: 'javascript:alert(1)' }] }],
        },
      ],
    };
    const html = renderHtml(hostile, { standalone: true });
    assert.doesNotMatch(html, /<script|<img|<b>|javascript:/i);
    assert.match(
      html,
      /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;b&gt;not bold&lt;\/b&gt;/,
    );
    assert.equal(html.match(/<\/style>/g)?.length, 1, 'the reference cannot close the stylesheet');
    assert.ok(html.includes(NON_LATIN), 'non-Latin text is kept as UTF-8');
  });

  test('a fragment for the website, or a whole document that prints like the paper', () => {
    const fragment = renderHtml(samplePaper);
    assert.match(fragment, /^<article class="modgov-paper" lang="en-GB">/);
    assert.doesNotMatch(fragment, /<html|<style|<body/);
    assert.match(
      fragment,
      /class="govuk-inset-text modgov-paper__banner[^"]*">This document is classified as <strong>White<\/strong>/,
    );
    assert.match(
      fragment,
      /<strong class="modgov-paper__label">Paper Reference:<\/strong>\s*<span[^>]*>OPSG_26_0511_16<\/span>/,
    );
    for (const s of samplePaper.sections)
      assert.ok(fragment.includes(`<section class="modgov-paper__section" id="section-${s.number}">`));
    assert.match(fragment, /<section class="modgov-paper__appendix" id="appendix-a">/);
    assert.doesNotMatch(fragment, /id="appendix-b"|href="#appendix-b"/, 'appendix B is listed, not printed');
    assert.match(fragment, /<a class="govuk-link" href="#appendix-a">Appendix A<\/a>/);

    const page = renderHtml(samplePaper, { standalone: true });
    assert.match(page, /^<!doctype html>\n<html lang="en-GB">/);
    assert.match(page, /<meta charset="utf-8">/);
    assert.match(page, /<title>OPSG_26_0511_16: New Draft Proposals and Modification Proposals<\/title>/);
    assert.match(page, /@media print \{[\s\S]*\.modgov-paper__appendix \{ break-before: page;/);
    assert.match(page, /@top-left \{ content: "OPSG_26_0511_16";/);
    assert.match(page, /@bottom-center \{ content: "Page " counter\(page\) " of " counter\(pages\);/);
    assert.ok(page.includes(fragment.trim()), 'the document wraps the same article');
  });
});

describe('non-Latin text', () => {
  test('survives Word, PDF and HTML', async () => {
    const docx = unzip(await renderDocx(nonLatinPaper)).get('word/document.xml') ?? '';
    assert.ok(wordParagraphs(docx).some((p) => p.text.includes(NON_LATIN)));
    assert.ok(renderHtml(nonLatinPaper).includes(NON_LATIN));
    assert.ok(hasPoppler, POPPLER);
    const pdf = collapse(pdfText(await writePdf(nonLatinPaper, 'unicode'), BODY));
    for (const text of [
      NON_LATIN,
      nonLatinPaper.title,
      'Zażółć gęślą jaźń',
      'Œuvre, naïve, façade – ß, ø, å.',
    ])
      assert.ok(pdf.includes(text), `${text} in ${pdf}`);
  });
});

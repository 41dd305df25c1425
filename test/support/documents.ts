// Reading rendered papers back: a DOCX's paragraphs (unzipped with node:zlib, no library), a PDF's text (poppler's
// pdftotext, which the tests require rather than skip), and the text rendering's lines normalised for each format.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
import type { PaperModel } from '../../src/domain/papers/paper.models.ts';
import { paperLines } from '../../src/render/text.ts';

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The text rendering's lines, normalised for a format: whitespace (the tab after "Paper Reference:") collapsed;
 * bullets ("- ") always stripped, as Word and pdfmake draw them; numbers ("1. ") stripped too where the format
 * numbers the list itself (Word, HTML), kept where they are printed as text (PDF).
 */
export function expectedLines(paper: PaperModel, keepNumbers = false): string[] {
  return paperLines(paper, false).map((line) => {
    if (line.kind !== 'list_item') return collapse(line.text);
    return collapse(line.text.replace(keepNumbers ? /^- / : /^(?:- |\d+\. )/, ''));
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const decodeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );

/** The parts of a zip, as text: the central directory, then each entry's stored or deflated data. */
export function unzip(zip: Buffer): Map<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end-of-central-directory record: not a zip');
  const parts = new Map<string, string>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    assert.ok(method === 0 || method === 8, `${name}: compression method ${method}`);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

export interface WordParagraph {
  xml: string;
  text: string;
  style: string | null;
}

/** Each `w:p` of a part: its `w:t` texts joined (a run's `w:tab` as a space), and its paragraph style. */
export function wordParagraphs(xml: string): WordParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: collapse(
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
        .map((m) => (m[1] === undefined ? ' ' : decodeXml(m[1])))
        .join(''),
    ),
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
  }));
}

export const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
export const POPPLER =
  'pdftotext/pdfinfo/pdffonts (poppler-utils) are missing: run `bash scripts/ensure-system.sh poppler`';

/** The text of a region of the PDF's pages (A4, in points): the body between the header and the footer. */
export function pdfText(file: string, region: { y: number; h: number }, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const crop = ['-x', '0', '-y', String(region.y), '-W', '596', '-H', String(region.h)];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...pages, ...crop, file, '-'], { encoding: 'utf8' });
}
export const BODY = { y: 60, h: 730 };
export const HEADER = { y: 0, h: 60 };
export const FOOTER = { y: 790, h: 52 };

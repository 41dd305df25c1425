// PDF: the paper model laid out by pdfmake (pure JS, no browser), with the Roboto fonts that ship inside pdfmake
// embedded as subsets so every character of the model (Ł, €, ≤, curly quotes) survives. Same layout as the Word
// file: the reference and classification in the header of every page, "Page X of Y" in the footer, the banner at
// the top, real lists, bold runs, internal links to appendices, each printed appendix on a new page. A4.
// pdfmake may touch nothing but its four font files: no URL, no other local file (access policies below).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, ContentText, Node, NodeQueries, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, Inline, PaperModel } from '../domain/papers/paper.models.ts';
import { anchorsOf } from './anchors.ts';

const INK = '#1F3864';
const LINK = '#1D70B8';
/** Left, top, right, bottom, in points: 22 mm at the sides. */
const MARGINS: [number, number, number, number] = [62, 72, 62, 60];

type InlineContent = Exclude<ContentText['text'], string | number>;

/** pdfmake's own Roboto, found where npm put pdfmake, not copied into this repository. */
function robotoFonts(): { Roboto: Record<'normal' | 'bold' | 'italics' | 'bolditalics', string> } {
  const dir = join(
    dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
    'fonts',
    'Roboto',
  );
  return {
    Roboto: {
      normal: join(dir, 'Roboto-Regular.ttf'),
      bold: join(dir, 'Roboto-Medium.ttf'),
      italics: join(dir, 'Roboto-Italic.ttf'),
      bolditalics: join(dir, 'Roboto-MediumItalic.ttf'),
    },
  };
}

let fonts: ReturnType<typeof robotoFonts> | null = null;

/** pdfmake is one shared instance: set its fonts and policies on every call, in case other code changed them. */
export function configurePdfmake(): void {
  fonts ??= robotoFonts();
  const allowed = new Set(Object.values(fonts.Roboto));
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
}

function inlines(runs: readonly Inline[], anchors: ReadonlySet<string>): InlineContent {
  return runs.map((r): ContentText => {
    const run: ContentText = { text: r.text };
    if (r.bold) run.bold = true;
    if (r.italic) run.italics = true;
    const link = r.link ?? '';
    if (link.startsWith('#') && anchors.has(link.slice(1))) run.linkToDestination = link.slice(1);
    else if (/^(https?:|mailto:)/i.test(link)) run.link = link;
    if (run.link || run.linkToDestination) Object.assign(run, { color: LINK, decoration: 'underline' });
    return run;
  });
}

function blocks(list: readonly Block[], anchors: ReadonlySet<string>): Content[] {
  return list.map((block): Content => {
    switch (block.type) {
      case 'paragraph':
        return { text: inlines(block.runs, anchors), style: 'body' };
      case 'heading':
        return {
          text: inlines(block.runs, anchors),
          style: block.level === 3 ? 'h3' : 'h4',
          headlineLevel: block.level,
          ...(block.anchor ? { id: block.anchor } : {}),
        };
      case 'list': {
        const items = block.items.map((item): ContentText => ({
          text: inlines(item, anchors),
          margin: [0, 0, 0, 3],
        }));
        return block.ordered
          ? { ol: items, style: 'list', markerColor: '#000000' }
          : { ul: items, style: 'list', markerColor: '#000000' };
      }
    }
  });
}

export function documentDefinition(paper: PaperModel): TDocumentDefinitions {
  const anchors = anchorsOf(paper);
  const content: Content[] = [
    {
      table: {
        widths: ['*'],
        body: [[{ text: inlines(paper.classification.banner, anchors), margin: [6, 5, 6, 5] }]],
      },
      layout: {
        fillColor: () => '#F2F2F2',
        hLineColor: () => '#808080',
        vLineColor: () => '#808080',
        hLineWidth: () => 0.6,
        vLineWidth: () => 0.6,
      },
      margin: [0, 0, 0, 18],
    },
    {
      table: {
        widths: [110, '*'],
        body: [
          [{ text: 'Paper Reference:', bold: true }, paper.reference],
          [{ text: 'Action:', bold: true }, paper.action.label],
        ],
      },
      layout: 'noBorders',
      margin: [-4, 0, 0, 6],
    },
    { text: paper.title, style: 'h1', headlineLevel: 1 },
  ];
  for (const section of paper.sections) {
    content.push({ text: `${section.number}. ${section.title}`, style: 'h2', headlineLevel: 2 });
    content.push(...blocks(section.blocks, anchors));
  }
  const { author, team, date } = paper.signOff;
  content.push({ stack: [author, ...(team ? [team] : []), date], margin: [0, 20, 0, 18], lineHeight: 1.3 });
  if (paper.appendices.length) {
    content.push({ text: 'Attachments:', bold: true, margin: [0, 0, 0, 6] });
    content.push({
      ul: paper.appendices.map((a): ContentText => ({
        text: inlines(
          [
            { text: `Appendix ${a.letter}:`, bold: true, ...(a.blocks ? { link: `#${a.anchor}` } : {}) },
            { text: ` ${a.title}` },
          ],
          anchors,
        ),
        margin: [0, 0, 0, 3],
      })),
      style: 'list',
    });
  }
  for (const a of paper.appendices) {
    if (!a.blocks) continue;
    content.push({
      text: `Appendix ${a.letter}: ${a.title}`,
      style: 'h1',
      id: a.anchor,
      pageBreak: 'before',
      headlineLevel: 1,
    });
    content.push(...blocks(a.blocks, anchors));
  }

  return {
    content,
    pageSize: 'A4',
    pageMargins: MARGINS,
    info: {
      title: `${paper.reference} ${paper.title}`,
      author: paper.signOff.author,
      subject: `Classification: ${paper.classification.label}`,
      creator: 'modgov',
    },
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: {
      body: { margin: [0, 0, 0, 8] },
      list: { margin: [4, 0, 0, 8] },
      h1: { fontSize: 16, bold: true, color: INK, margin: [0, 10, 0, 8] },
      h2: { fontSize: 13, bold: true, color: INK, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11.5, bold: true, color: INK, margin: [0, 10, 0, 5] },
      h4: { fontSize: 10.5, bold: true, italics: true, color: INK, margin: [0, 8, 0, 4] },
    },
    header: () => ({
      margin: [MARGINS[0], 30, MARGINS[2], 0],
      fontSize: 8.5,
      stack: [
        {
          columns: [
            { text: paper.reference, bold: true },
            {
              text: ['Classification: ', { text: paper.classification.label, bold: true }],
              alignment: 'right',
            },
          ],
        },
        {
          canvas: [
            { type: 'line', x1: 0, y1: 3, x2: 595.28 - MARGINS[0] - MARGINS[2], y2: 3, lineWidth: 0.5 },
          ],
        },
      ],
    }),
    footer: (currentPage, pageCount) => ({
      text: `Page ${currentPage} of ${pageCount}`,
      alignment: 'center',
      fontSize: 8.5,
      margin: [0, 24, 0, 0],
    }),
    // Keep a heading with what follows it: a heading left alone at the foot of a page moves to the next.
    pageBreakBefore: (node: Node, queries: NodeQueries) =>
      node.headlineLevel !== undefined && queries.getFollowingNodesOnPage().length === 0,
  };
}

export async function renderPdf(paper: PaperModel): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(documentDefinition(paper)).getBuffer();
}

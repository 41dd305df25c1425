// Word: the paper model as a .docx people edit and forward. Real Word headings (Heading1 for the title and each
// printed appendix, Heading2 for numbered sections, Heading3/4 within), real Word lists (numbering definitions,
// not typed dashes), the reference and classification in the header of every page, "Page X of Y" in the
// footer, internal links to appendix bookmarks, and each printed appendix on a new page. A4, Arial.
// The paragraphs carry the same text, in the same order, as `paperLines` (text.ts); Word supplies list markers.
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  TextRun,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline, PaperModel } from '../domain/papers/paper.models.ts';
import { anchorsOf } from './anchors.ts';

const FONT = 'Arial';
const INK = '1F3864';
/** A4 in twentieths of a point, with 22 mm side margins. */
const PAGE = { width: 11906, height: 16838, side: 1247, top: 1418, bottom: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.side;
const BULLETS = 'paper-bullets';
const NUMBERS = 'paper-numbers';

type Target = { internal: string } | { external: string } | null;

/** Word bookmark names allow letters, digits and underscores, starting with a letter, at most 40 characters. */
function bookmarkName(anchor: string): string {
  const name = anchor.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 38);
  return /^[A-Za-z]/.test(name) ? name : `a_${name}`;
}

function linkTarget(link: string | undefined, anchors: ReadonlySet<string>): Target {
  if (!link) return null;
  if (link.startsWith('#'))
    return anchors.has(link.slice(1)) ? { internal: bookmarkName(link.slice(1)) } : null;
  return /^(https?:|mailto:)/i.test(link) ? { external: link } : null;
}

export class DocxWriter {
  private readonly anchors: Set<string>;
  /** Ordered lists so far: each is its own numbering instance. A pack carries it from paper to paper. */
  orderedLists = 0;
  readonly body: Paragraph[] = [];

  constructor(private readonly paper: PaperModel) {
    this.anchors = anchorsOf(paper);
  }

  runs(inlines: readonly Inline[]): ParagraphChild[] {
    return inlines.map((r): ParagraphChild => {
      const target = linkTarget(r.link, this.anchors);
      const run = new TextRun({
        text: r.text,
        ...(r.bold ? { bold: true } : {}),
        ...(r.italic ? { italics: true } : {}),
        ...(target ? { style: 'Hyperlink' } : {}),
      });
      if (!target) return run;
      return 'internal' in target
        ? new InternalHyperlink({ anchor: target.internal, children: [run] })
        : new ExternalHyperlink({ link: target.external, children: [run] });
    });
  }

  /** A heading's text, bookmarked when the model gives it an anchor. */
  headingChildren(inlines: readonly Inline[], anchor: string | undefined): ParagraphChild[] {
    const children = this.runs(inlines);
    return anchor ? [new Bookmark({ id: bookmarkName(anchor), children })] : children;
  }

  blocks(blocks: readonly Block[]): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
          this.body.push(new Paragraph({ children: this.runs(block.runs) }));
          break;
        case 'heading':
          this.body.push(
            new Paragraph({
              heading: block.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4,
              children: this.headingChildren(block.runs, block.anchor),
            }),
          );
          break;
        case 'list':
          this.list(block.ordered, block.items);
          break;
      }
    }
  }

  list(ordered: boolean, items: readonly (readonly Inline[])[]): void {
    const instance = ordered ? ++this.orderedLists : 0;
    for (const item of items) {
      this.body.push(
        new Paragraph({
          numbering: { reference: ordered ? NUMBERS : BULLETS, level: 0, instance },
          children: this.runs(item),
        }),
      );
    }
  }

  write(): void {
    const { paper } = this;
    this.body.push(
      new Paragraph({
        children: this.runs(paper.classification.banner),
        border: Object.fromEntries(
          ['top', 'bottom', 'left', 'right'].map((side) => [
            side,
            { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 6 },
          ]),
        ),
        shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
        spacing: { after: 360 },
      }),
    );
    for (const [label, value] of [
      ['Paper Reference:', paper.reference],
      ['Action:', paper.action.label],
    ] as const) {
      this.body.push(
        new Paragraph({
          tabStops: [{ type: TabStopType.LEFT, position: 2268 }],
          spacing: { after: 60 },
          children: [new TextRun({ text: label, bold: true }), new TextRun({ children: [new Tab(), value] })],
        }),
      );
    }
    this.body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: paper.title }));
    for (const section of paper.sections) {
      this.body.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, text: `${section.number}. ${section.title}` }),
      );
      this.blocks(section.blocks);
    }
    const { author, team, date } = paper.signOff;
    this.body.push(new Paragraph({ text: author, spacing: { before: 480, after: 0 } }));
    if (team) this.body.push(new Paragraph({ text: team, spacing: { after: 0 } }));
    this.body.push(new Paragraph({ text: date, spacing: { after: 360 } }));
    if (paper.appendices.length) {
      this.body.push(new Paragraph({ children: [new TextRun({ text: 'Attachments:', bold: true })] }));
      this.list(
        false,
        paper.appendices.map((a) => [
          { text: `Appendix ${a.letter}:`, bold: true, ...(a.blocks ? { link: `#${a.anchor}` } : {}) },
          { text: ` ${a.title}` },
        ]),
      );
    }
    for (const a of paper.appendices) {
      if (!a.blocks) continue;
      this.body.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          pageBreakBefore: true,
          children: this.headingChildren([{ text: `Appendix ${a.letter}: ${a.title}` }], a.anchor),
        }),
      );
      this.blocks(a.blocks);
    }
  }
}

function header(paper: PaperModel): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 4 } },
        children: [
          new TextRun({ text: paper.reference, bold: true, size: 18 }),
          new TextRun({ children: [new Tab(), 'Classification: '], size: 18 }),
          new TextRun({ text: paper.classification.label, bold: true, size: 18 }),
        ],
      }),
    ],
  });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ size: 18, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

/** A heading style; the outline level puts it in Word's navigation pane and table of contents. */
const heading = (outlineLevel: number, size: number, before: number, italics = false) => ({
  run: { font: FONT, size, bold: true, italics, color: INK },
  paragraph: { spacing: { before, after: 120 }, keepNext: true, outlineLevel },
});

const listLevel = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
  level: 0,
  format,
  text,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: 720, hanging: 360 } } },
});

/** One paper's Word section: A4, its own header (reference, classification) and the page-number footer. */
export function paperSection(paper: PaperModel, children: Paragraph[]): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: {
          top: PAGE.top,
          bottom: PAGE.bottom,
          left: PAGE.side,
          right: PAGE.side,
          header: 567,
          footer: 567,
        },
      },
    },
    headers: { default: header(paper) },
    footers: { default: footer() },
    children,
  };
}

/** A Word document of paper sections, with the papers' styles and list numbering. */
export function paperDocument(
  info: { creator: string; title: string; description: string },
  sections: ISectionOptions[],
): Document {
  return new Document({
    ...info,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 160, line: 276 } } },
        heading1: heading(0, 32, 240),
        heading2: heading(1, 26, 360),
        heading3: heading(2, 23, 240),
        heading4: heading(3, 22, 200, true),
        listParagraph: { paragraph: { spacing: { after: 80 } } },
      },
      characterStyles: [
        {
          id: 'Hyperlink',
          name: 'Hyperlink',
          basedOn: 'DefaultParagraphFont',
          run: { color: '1D70B8', underline: {} },
        },
      ],
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: [listLevel(LevelFormat.BULLET, '\u2022')] },
        { reference: NUMBERS, levels: [listLevel(LevelFormat.DECIMAL, '%1.')] },
      ],
    },
    sections,
  });
}

export async function renderDocx(paper: PaperModel): Promise<Buffer> {
  const writer = new DocxWriter(paper);
  writer.write();
  const doc = paperDocument(
    {
      creator: paper.signOff.author,
      title: `${paper.reference} ${paper.title}`,
      description: `Classification: ${paper.classification.label}`,
    },
    [paperSection(paper, writer.body)],
  );
  return Packer.toBuffer(doc);
}

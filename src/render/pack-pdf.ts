// PDF of several papers as one document: a meeting pack (the agenda, then each paper). Each paper is laid out
// exactly as renderPdf lays it out alone, in a pdfmake section of its own: it starts on a new page and every
// page of it carries its own reference and classification in the header. Pages are numbered through the
// pack ("Page 7 of 30"), the number people quote in a meeting. Links inside a paper stay inside that paper.
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, Inline, PaperModel } from '../domain/papers/paper.models.ts';
import { configurePdfmake, documentDefinition } from './pdf.ts';

/**
 * The paper with every anchor, and every link to one, prefixed: two papers of a pack both have an
 * "appendix-a", and each paper's links must reach its own. Pure; the model is not changed.
 */
export function prefixAnchors(paper: PaperModel, prefix: string): PaperModel {
  const runs = (list: readonly Inline[]): Inline[] =>
    list.map((r) => (r.link?.startsWith('#') ? { ...r, link: `#${prefix}${r.link.slice(1)}` } : r));
  const blocks = (list: readonly Block[]): Block[] =>
    list.map((b): Block => {
      switch (b.type) {
        case 'paragraph':
          return { ...b, runs: runs(b.runs) };
        case 'heading':
          return { ...b, runs: runs(b.runs), ...(b.anchor ? { anchor: `${prefix}${b.anchor}` } : {}) };
        case 'list':
          return { ...b, items: b.items.map(runs) };
      }
    });
  return {
    ...paper,
    classification: { ...paper.classification, banner: runs(paper.classification.banner) },
    sections: paper.sections.map((s) => ({ ...s, blocks: blocks(s.blocks) })),
    appendices: paper.appendices.map((a) => ({
      ...a,
      anchor: `${prefix}${a.anchor}`,
      blocks: a.blocks ? blocks(a.blocks) : null,
    })),
  };
}

/** The papers of a pack, each with anchors of its own: `p1-appendix-a`, `p2-appendix-a`, ... */
export function packPapers(papers: readonly PaperModel[]): PaperModel[] {
  if (papers.length === 0) throw new Error('internal: a pack needs at least one paper');
  return papers.map((p, i) => prefixAnchors(p, `p${i + 1}-`));
}

/** "Classification: White", or "Classifications: White, Amber" when the papers differ. */
export function packClassifications(papers: readonly PaperModel[]): string {
  const labels = [...new Set(papers.map((p) => p.classification.label))];
  return `${labels.length > 1 ? 'Classifications' : 'Classification'}: ${labels.join(', ')}`;
}

export interface PackInfo {
  /** The pack's title in the file's properties; the first paper's reference and title unless given. */
  title?: string | undefined;
}

function packDefinition(papers: readonly PaperModel[], info: PackInfo): TDocumentDefinitions {
  const definitions = packPapers(papers).map(documentDefinition);
  const [first] = definitions;
  const [lead] = papers;
  if (!first || !lead) throw new Error('internal: a pack needs at least one paper');
  const content: Content[] = definitions.map((d): Content => ({
    section: d.content,
    header: d.header ?? null,
  }));
  // each section has its own header; the footer, styles and page settings are the same for every paper
  const { header: _header, ...shared } = first;
  return {
    ...shared,
    content,
    info: {
      title: info.title ?? `${lead.reference} ${lead.title}`,
      author: lead.signOff.author,
      subject: packClassifications(papers),
      creator: 'modgov',
    },
  };
}

export async function renderPackPdf(papers: readonly PaperModel[], info: PackInfo = {}): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(packDefinition(papers, info)).getBuffer();
}

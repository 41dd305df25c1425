import type { Block, Inline, PaperModel } from '../domain/papers/paper.models.ts';

/** Every `#anchor` that has a place in this paper: printed appendices and anchored headings. */
export function anchorsOf(paper: PaperModel): Set<string> {
  const anchors = new Set<string>();
  const visit = (blocks: readonly Block[]): void => {
    for (const b of blocks) if (b.type === 'heading' && b.anchor) anchors.add(b.anchor);
  };
  for (const s of paper.sections) visit(s.blocks);
  for (const a of paper.appendices) {
    if (!a.blocks) continue;
    anchors.add(a.anchor);
    visit(a.blocks);
  }
  return anchors;
}

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

import type { Block, PaperModel } from '../domain/papers/paper.models.ts';

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

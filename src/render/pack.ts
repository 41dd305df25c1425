// What a meeting pack's renderers share: the papers with anchors of their own, and the pack's labels.
import type { PaperModel } from '../domain/papers/paper.models.ts';
import { prefixAnchors } from './anchors.ts';

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

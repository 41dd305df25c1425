// Plain text: the paper as people paste it into an e-mail, and the reference the other formats are checked
// against (the PDF's and the DOCX's text carry the same paragraphs in the same order). Bold is marked **so**,
// as in the administrator's own text exports; links are dropped to their text.
import type { Block, Inline, PaperModel } from '../domain/papers/paper.models.ts';

export function inlineText(runs: readonly Inline[], marks = true): string {
  return runs.map((r) => (marks && r.bold ? `**${r.text}**` : r.text)).join('');
}

/** One line of the paper in reading order: a heading, a paragraph, or an item of a list. */
export interface TextLine {
  kind: 'heading' | 'paragraph' | 'list_item';
  text: string;
}

function blockLines(block: Block, marks: boolean): TextLine[] {
  switch (block.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', text: inlineText(block.runs, marks) }];
    case 'heading':
      return [{ kind: 'heading', text: inlineText(block.runs, marks) }];
    case 'list':
      return block.items.map((item, i) => ({
        kind: 'list_item' as const,
        text: `${block.ordered ? `${i + 1}.` : '-'} ${inlineText(item, marks)}`,
      }));
  }
}

/** The paper as lines in reading order. With `marks`, bold runs are wrapped in ** as the text format shows them. */
export function paperLines(paper: PaperModel, marks = true): TextLine[] {
  const para = (text: string): TextLine => ({ kind: 'paragraph', text });
  const heading = (text: string): TextLine => ({ kind: 'heading', text });
  const out: TextLine[] = [
    para(inlineText(paper.classification.banner, marks)),
    para(`Paper Reference:\t${paper.reference}`),
    para(`Action:\t${paper.action.label}`),
    heading(paper.title),
  ];
  for (const section of paper.sections) {
    out.push(heading(`${section.number}. ${section.title}`));
    for (const block of section.blocks) out.push(...blockLines(block, marks));
  }
  out.push(para(paper.signOff.author));
  if (paper.signOff.team) out.push(para(paper.signOff.team));
  out.push(para(paper.signOff.date));
  if (paper.appendices.length) {
    out.push(para('Attachments:'));
    for (const a of paper.appendices)
      out.push({
        kind: 'list_item',
        text: `- ${marks ? `**Appendix ${a.letter}:**` : `Appendix ${a.letter}:`} ${a.title}`,
      });
  }
  for (const a of paper.appendices) {
    if (!a.blocks) continue;
    out.push(heading(`Appendix ${a.letter}: ${a.title}`));
    for (const block of a.blocks) out.push(...blockLines(block, marks));
  }
  return out;
}

export function renderText(paper: PaperModel): string {
  const lines = paperLines(paper);
  let text = '';
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous) text += line.kind === 'list_item' && previous.kind === 'list_item' ? '\n' : '\n\n';
    text += line.text;
  });
  return `${text}\n`;
}

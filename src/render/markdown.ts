// Markdown: the paper for a wiki, an e-mail client or a pull request. The same paragraphs as the text
// rendering, in the same order (a test checks it); headings # for the title, ## for sections and appendices,
// ### and #### for entries and their impact headings; bold, italic and links as Markdown. Pure.
//
// Anchors are HTML (`<a id="appendix-a"></a>`), as CommonMark has no heading ids: an appendix that is printed
// carries its anchor on its heading and the attachment links to it; one that is only listed carries the
// anchor on its attachment, so an entry's link to it always lands. Text is escaped so that nothing in a
// proposal's title or summary becomes markup.
import type { Block, Inline, PaperModel } from '../domain/papers/paper.models.ts';

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Text as Markdown that prints as the text: markup characters escaped, whitespace made single spaces. */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i] ?? '';
    if ('\\`*[]<>~'.includes(c)) out += `\\${c}`;
    // an underscore inside a word (OPSG_26_0511_16) is never emphasis
    else if (c === '_' && !(isWordChar(flat[i - 1]) && isWordChar(flat[i + 1]))) out += '\\_';
    else if (c === '&' && /^&#?\w+;/.test(flat.slice(i))) out += '\\&';
    else out += c;
  }
  // what would start a heading, a list, a quote or a thematic break at the start of a line
  return out.replace(/^(#|[-+=]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

const anchorTag = (id: string) => `<a id="${id.replace(/[^A-Za-z0-9_-]/g, '')}"></a>`;

function linkTarget(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

/** One run: escaped text with its marks, spaces kept outside the markers so they still apply. */
function inlineMarkdown(run: Inline): string {
  const [, before = '', core = '', after = ''] = /^(\s*)(.*?)(\s*)$/s.exec(run.text) ?? [];
  if (!core) return run.text ? ' ' : '';
  let md = escapeMarkdown(core);
  if (run.italic) md = `*${md}*`;
  if (run.bold) md = `**${md}**`;
  // only web, mail and in-paper links, as the other renderers
  if (run.link && /^(https?:|mailto:|#)/i.test(run.link)) md = `[${md}](${linkTarget(run.link)})`;
  return `${before ? ' ' : ''}${md}${after ? ' ' : ''}`;
}

export function inlinesMarkdown(runs: readonly Inline[]): string {
  return runs.map(inlineMarkdown).join('').trim();
}

function blockMarkdown(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlinesMarkdown(block.runs);
    case 'heading':
      return `${'#'.repeat(block.level)} ${block.anchor ? anchorTag(block.anchor) : ''}${inlinesMarkdown(block.runs)}`;
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inlinesMarkdown(item)}`)
        .join('\n');
  }
}

/** Blocks separated by blank lines; two lists in a row are kept apart by an empty comment. */
function blocksMarkdown(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    if (block.type === 'list' && previous?.type === 'list') out.push('<!-- -->');
    out.push(blockMarkdown(block));
  });
  return out;
}

export function renderMarkdown(paper: PaperModel): string {
  const out: string[] = [
    inlinesMarkdown(paper.classification.banner),
    `**Paper Reference:** ${escapeMarkdown(paper.reference)}`,
    `**Action:** ${escapeMarkdown(paper.action.label)}`,
    `# ${escapeMarkdown(paper.title)}`,
  ];
  for (const section of paper.sections) {
    out.push(`## ${section.number}. ${escapeMarkdown(section.title)}`);
    out.push(...blocksMarkdown(section.blocks));
  }
  out.push(escapeMarkdown(paper.signOff.author));
  if (paper.signOff.team) out.push(escapeMarkdown(paper.signOff.team));
  out.push(escapeMarkdown(paper.signOff.date));
  if (paper.appendices.length > 0) {
    out.push('Attachments:');
    out.push(
      paper.appendices
        .map((a) => {
          const label = `**Appendix ${escapeMarkdown(a.letter)}:** ${escapeMarkdown(a.title)}`;
          return a.blocks ? `- [${label}](#${a.anchor})` : `- ${anchorTag(a.anchor)}${label}`;
        })
        .join('\n'),
    );
  }
  for (const a of paper.appendices) {
    if (!a.blocks) continue;
    out.push(`## ${anchorTag(a.anchor)}Appendix ${escapeMarkdown(a.letter)}: ${escapeMarkdown(a.title)}`);
    out.push(...blocksMarkdown(a.blocks));
  }
  return `${out.join('\n\n')}\n`;
}

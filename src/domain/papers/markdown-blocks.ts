// The register's long texts (a summary, an impact, a problem statement) are Markdown; a paper holds Blocks.
// This reads the Markdown with markdown-it, raw HTML off, and keeps what a committee paper prints:
// paragraphs, bullet and numbered lists, and bold, italic and links as inline runs. Pure.
//
// What the paper model has no place for is kept as text, never dropped:
// - a Markdown heading becomes a paragraph in bold (a paper's headings are its own: sections and entries);
// - a list inside a list is flattened into the outer list, each item after its parent;
// - a list item of several paragraphs is one item, the paragraphs joined by a space;
// - a line break inside a paragraph is a space; code is plain text; an image is its alt text;
// - block quotes keep their paragraphs; tables (switched off) and raw HTML (off) stay as the text typed.
import MarkdownIt from 'markdown-it';
import type { Block, Inline } from './paper.models.ts';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable(['table']);

interface Marks {
  bold: number;
  italic: number;
  links: string[];
}

function run(text: string, marks: Marks): Inline {
  const r: Inline = { text };
  if (marks.bold > 0) r.bold = true;
  if (marks.italic > 0) r.italic = true;
  const link = marks.links[marks.links.length - 1];
  if (link) r.link = link;
  return r;
}

const sameMarks = (a: Inline, b: Inline) => a.bold === b.bold && a.italic === b.italic && a.link === b.link;

/** Adjacent runs with the same marks become one; leading and trailing spaces of the whole are trimmed. */
export function mergeRuns(runs: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const last = out[out.length - 1];
    if (last && sameMarks(last, r)) out[out.length - 1] = { ...last, text: last.text + r.text };
    else out.push({ ...r });
  }
  const first = out[0];
  if (first) out[0] = { ...first, text: first.text.replace(/^\s+/, '') };
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  if (last) out[lastIndex] = { ...last, text: last.text.replace(/\s+$/, '') };
  return out.filter((r) => r.text !== '');
}

function inlineRuns(token: Token, bold = false): Inline[] {
  const marks: Marks = { bold: bold ? 1 : 0, italic: 0, links: [] };
  const runs: Inline[] = [];
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        runs.push(run(child.content, marks));
        break;
      case 'image':
        runs.push(run(child.content, marks));
        break;
      case 'softbreak':
      case 'hardbreak':
        runs.push(run(' ', marks));
        break;
      case 'strong_open':
        marks.bold++;
        break;
      case 'strong_close':
        marks.bold--;
        break;
      case 'em_open':
        marks.italic++;
        break;
      case 'em_close':
        marks.italic--;
        break;
      case 'link_open':
        marks.links.push(String(child.attrGet('href') ?? ''));
        break;
      case 'link_close':
        marks.links.pop();
        break;
      default:
        // html_inline cannot occur with html off; strikethrough and the like keep their text only
        if (child.content) runs.push(run(child.content, marks));
    }
  }
  return mergeRuns(runs);
}

/** Markdown as paper blocks; no blocks for no text. */
export function markdownBlocks(text: string | null | undefined): Block[] {
  if (!text?.trim()) return [];
  const tokens = markdown.parse(text, {});
  const blocks: Block[] = [];
  /** The outermost open list, which nested lists are flattened into. */
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  let listDepth = 0;
  /** The open list items, innermost last. */
  const items: Inline[][] = [];
  let headingOpen = false;

  const addRuns = (runs: Inline[]) => {
    if (runs.length === 0) return;
    const item = items[items.length - 1];
    if (item) {
      if (item.length > 0) item.push({ text: ' ' });
      item.push(...runs);
    } else blocks.push({ type: 'paragraph', runs });
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (listDepth === 0) list = { ordered: token.type === 'ordered_list_open', items: [] };
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        if (listDepth === 0 && list) {
          const done = list.items.map(mergeRuns).filter((item) => item.length > 0);
          if (done.length > 0) blocks.push({ type: 'list', ordered: list.ordered, items: done });
          list = null;
        }
        break;
      case 'list_item_open': {
        const item: Inline[] = [];
        list?.items.push(item);
        items.push(item);
        break;
      }
      case 'list_item_close':
        items.pop();
        break;
      case 'heading_open':
        headingOpen = true;
        break;
      case 'heading_close':
        headingOpen = false;
        break;
      case 'inline':
        addRuns(inlineRuns(token, headingOpen));
        break;
      case 'code_block':
      case 'fence':
        addRuns(mergeRuns([{ text: token.content.replace(/\s+/g, ' ') }]));
        break;
      default:
        // paragraph_open/close, blockquote_open/close, hr: nothing to keep of their own
        break;
    }
  }
  return blocks;
}

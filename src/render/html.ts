// HTML: the paper model as markup, either a fragment for the website's GOV.UK-styled page (govuk-* classes, no
// CSS of its own) or, `standalone`, a complete document with a small stylesheet for screen and print (A4, the
// reference and classification in the page margins where the browser supports CSS margin boxes, each printed
// appendix on a new page). Every piece of text from the model is escaped; links go only to http(s), mailto or
// an anchor that exists in the paper.
import type { Block, Inline, PaperModel } from '../domain/papers/paper.models.ts';
import { anchorsOf } from './anchors.ts';

export interface RenderHtmlOptions {
  /** A whole document with its own stylesheet; otherwise an `<article>` to embed in a page. */
  standalone?: boolean;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A CSS string literal that cannot end the string or the `<style>` element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

function inlineHtml(runs: readonly Inline[], anchors: ReadonlySet<string>): string {
  return runs
    .map((r) => {
      let html = escapeHtml(r.text);
      if (r.italic) html = `<em>${html}</em>`;
      if (r.bold) html = `<strong>${html}</strong>`;
      const link = r.link ?? '';
      const href = link.startsWith('#')
        ? anchors.has(link.slice(1))
          ? link
          : null
        : /^(https?:|mailto:)/i.test(link)
          ? link
          : null;
      return href ? `<a class="govuk-link" href="${escapeHtml(href)}">${html}</a>` : html;
    })
    .join('');
}

function blocksHtml(blocks: readonly Block[], anchors: ReadonlySet<string>): string[] {
  return blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return `<p class="govuk-body">${inlineHtml(block.runs, anchors)}</p>`;
      case 'heading': {
        const id = block.anchor ? ` id="${escapeHtml(block.anchor)}"` : '';
        const cls = block.level === 3 ? 'govuk-heading-s' : 'govuk-heading-s modgov-paper__subheading';
        return `<h${block.level} class="${cls}"${id}>${inlineHtml(block.runs, anchors)}</h${block.level}>`;
      }
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        const items = block.items.map((item) => `  <li>${inlineHtml(item, anchors)}</li>`);
        return [
          `<${tag} class="govuk-list govuk-list--${block.ordered ? 'number' : 'bullet'}">`,
          ...items,
          `</${tag}>`,
        ].join('\n');
      }
    }
  });
}

function articleHtml(paper: PaperModel): string {
  const anchors = anchorsOf(paper);
  const out: string[] = [
    `<article class="modgov-paper" lang="en-GB">`,
    `<p class="govuk-inset-text modgov-paper__banner modgov-paper__banner--${escapeHtml(paper.classification.slug)}">${inlineHtml(paper.classification.banner, anchors)}</p>`,
    `<p class="govuk-body modgov-paper__meta"><strong class="modgov-paper__label">Paper Reference:</strong>\t<span class="modgov-paper__reference">${escapeHtml(paper.reference)}</span></p>`,
    `<p class="govuk-body modgov-paper__meta"><strong class="modgov-paper__label">Action:</strong>\t<span>${escapeHtml(paper.action.label)}</span></p>`,
    `<h1 class="govuk-heading-l">${escapeHtml(paper.title)}</h1>`,
  ];
  for (const section of paper.sections) {
    out.push(
      `<section class="modgov-paper__section" id="section-${section.number}">`,
      `<h2 class="govuk-heading-m">${escapeHtml(`${section.number}. ${section.title}`)}</h2>`,
      ...blocksHtml(section.blocks, anchors),
      `</section>`,
    );
  }
  const { author, team, date } = paper.signOff;
  out.push(
    `<div class="modgov-paper__signoff">`,
    ...[author, ...(team ? [team] : []), date].map((line) => `<p class="govuk-body">${escapeHtml(line)}</p>`),
    `</div>`,
  );
  if (paper.appendices.length) {
    out.push(
      `<div class="modgov-paper__attachments">`,
      `<p class="govuk-body"><strong>Attachments:</strong></p>`,
      `<ul class="govuk-list govuk-list--bullet">`,
      ...paper.appendices.map((a) => {
        const label = `<strong>Appendix ${escapeHtml(a.letter)}:</strong>`;
        const linked = a.blocks
          ? `<a class="govuk-link" href="#${escapeHtml(a.anchor)}">${label}</a>`
          : label;
        return `  <li>${linked} ${escapeHtml(a.title)}</li>`;
      }),
      `</ul>`,
      `</div>`,
    );
  }
  for (const a of paper.appendices) {
    if (!a.blocks) continue;
    out.push(
      `<section class="modgov-paper__appendix" id="${escapeHtml(a.anchor)}">`,
      `<h2 class="govuk-heading-l">${escapeHtml(`Appendix ${a.letter}: ${a.title}`)}</h2>`,
      ...blocksHtml(a.blocks, anchors),
      `</section>`,
    );
  }
  out.push(`</article>`);
  return out.join('\n');
}

function stylesheet(paper: PaperModel): string {
  const reference = cssString(paper.reference);
  const classification = cssString(`Classification: ${paper.classification.label}`);
  return `
:root { color: #0b0c0c; background: #fff; }
body { margin: 0; font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; font-size: 1rem; line-height: 1.45; }
.modgov-paper { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
.modgov-paper h1, .modgov-paper h2, .modgov-paper h3, .modgov-paper h4 { color: #1f3864; line-height: 1.25; }
.modgov-paper h1 { font-size: 1.75rem; margin: 1.5rem 0 1rem; }
.modgov-paper h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; }
.modgov-paper h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.modgov-paper h4 { font-size: 1rem; font-style: italic; margin: 1.25rem 0 .5rem; }
.modgov-paper p { margin: 0 0 .75rem; }
.modgov-paper ul, .modgov-paper ol { margin: 0 0 .75rem; padding-left: 1.75rem; }
.modgov-paper li { margin-bottom: .25rem; }
.modgov-paper a { color: #1d70b8; }
.modgov-paper__banner { border: 1px solid #808080; background: #f2f2f2; padding: .6rem .8rem; margin-bottom: 1.5rem !important; }
.modgov-paper__meta { margin-bottom: .25rem !important; }
.modgov-paper__label { display: inline-block; min-width: 9rem; }
.modgov-paper__signoff { margin: 2rem 0 1.5rem; }
.modgov-paper__signoff p { margin: 0; }
.modgov-paper__appendix { border-top: 2px solid #1f3864; margin-top: 3rem; }
@page {
  size: A4;
  margin: 22mm 20mm 20mm;
  @top-left { content: ${reference}; font: bold 8.5pt Arial, sans-serif; }
  @top-right { content: ${classification}; font: 8.5pt Arial, sans-serif; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8.5pt Arial, sans-serif; }
}
@media print {
  body { font-size: 10.5pt; }
  .modgov-paper { max-width: none; padding: 0; }
  .modgov-paper a { color: inherit; text-decoration: none; }
  .modgov-paper__banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .modgov-paper__appendix { break-before: page; page-break-before: always; border-top: 0; margin-top: 0; }
  .modgov-paper h1, .modgov-paper h2, .modgov-paper h3, .modgov-paper h4 { break-after: avoid; page-break-after: avoid; }
  .modgov-paper p, .modgov-paper li { orphans: 3; widows: 3; }
}`;
}

export function renderHtml(paper: PaperModel, options: RenderHtmlOptions = {}): string {
  const article = articleHtml(paper);
  if (!options.standalone) return `${article}\n`;
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${paper.reference}: ${paper.title}`)}</title>`,
    `<meta name="classification" content="${escapeHtml(paper.classification.label)}">`,
    `<style>${stylesheet(paper)}\n</style>`,
    '</head>',
    '<body>',
    article,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// Renders the register's long texts (Markdown is allowed in every one) to HTML that is safe to embed:
// markdown-it with raw HTML off escapes at parse time, and sanitize-html is the defence in depth.
// Output carries GOV.UK Frontend classes; headings are demoted below the page's own.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const withClass = (tagName: string, className: string) =>
  sanitizeHtml.simpleTransform(tagName, { class: className });

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'ul',
    'ol',
    'li',
    'a',
    'em',
    'strong',
    'code',
    'pre',
    'blockquote',
    'br',
    'hr',
    'h3',
    'h4',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'class'], ol: ['start'], '*': ['class'] },
  allowedClasses: {
    p: ['govuk-body'],
    ul: ['govuk-list', 'govuk-list--bullet'],
    ol: ['govuk-list', 'govuk-list--number'],
    a: ['govuk-link'],
    h3: ['govuk-heading-s'],
    h4: ['govuk-heading-s'],
    table: ['govuk-table'],
    thead: ['govuk-table__head'],
    tbody: ['govuk-table__body'],
    tr: ['govuk-table__row'],
    th: ['govuk-table__header'],
    td: ['govuk-table__cell'],
    blockquote: ['govuk-inset-text'],
    hr: ['govuk-section-break', 'govuk-section-break--m', 'govuk-section-break--visible'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    p: withClass('p', 'govuk-body'),
    ul: withClass('ul', 'govuk-list govuk-list--bullet'),
    ol: withClass('ol', 'govuk-list govuk-list--number'),
    a: withClass('a', 'govuk-link'),
    h1: withClass('h3', 'govuk-heading-s'),
    h2: withClass('h3', 'govuk-heading-s'),
    h3: withClass('h3', 'govuk-heading-s'),
    h4: withClass('h4', 'govuk-heading-s'),
    h5: withClass('h4', 'govuk-heading-s'),
    h6: withClass('h4', 'govuk-heading-s'),
    table: withClass('table', 'govuk-table'),
    thead: withClass('thead', 'govuk-table__head'),
    tbody: withClass('tbody', 'govuk-table__body'),
    tr: withClass('tr', 'govuk-table__row'),
    th: withClass('th', 'govuk-table__header'),
    td: withClass('td', 'govuk-table__cell'),
    blockquote: withClass('blockquote', 'govuk-inset-text'),
    hr: withClass('hr', 'govuk-section-break govuk-section-break--m govuk-section-break--visible'),
  },
};

/** Markdown to sanitised HTML with GOV.UK classes; an empty string for no text. */
export function renderMarkdown(text: string | null | undefined): string {
  if (!text) return '';
  return sanitizeHtml(markdown.render(text), sanitizeOptions);
}

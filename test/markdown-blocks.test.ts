// The register's Markdown as paper blocks: what a committee paper prints is kept, the rest stays as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markdownBlocks } from '../src/domain/papers/markdown-blocks.ts';
import { escapeMarkdown } from '../src/render/markdown.ts';

describe('Markdown as paper blocks', () => {
  test('no text is no blocks', () => {
    assert.deepEqual(markdownBlocks(null), []);
    assert.deepEqual(markdownBlocks(undefined), []);
    assert.deepEqual(markdownBlocks(' \n\n '), []);
  });

  test('paragraphs are blocks of their own; a line break within one is a space', () => {
    assert.deepEqual(markdownBlocks('First line\nsame paragraph.\n\nSecond paragraph.'), [
      { type: 'paragraph', runs: [{ text: 'First line same paragraph.' }] },
      { type: 'paragraph', runs: [{ text: 'Second paragraph.' }] },
    ]);
  });

  test('bullet and numbered lists are kept, each item its runs', () => {
    assert.deepEqual(markdownBlocks('Raised by:\n\n- Parties;\n- **the Panel**\n\n1. one\n2. two'), [
      { type: 'paragraph', runs: [{ text: 'Raised by:' }] },
      { type: 'list', ordered: false, items: [[{ text: 'Parties;' }], [{ text: 'the Panel', bold: true }]] },
      { type: 'list', ordered: true, items: [[{ text: 'one' }], [{ text: 'two' }]] },
    ]);
  });

  test('bold, italic and links are inline runs; adjacent runs with the same marks are one', () => {
    assert.deepEqual(
      markdownBlocks(
        'A **bold** and _italic_ [link **here**](https://smartenergycodecompany.co.uk/) `code`.',
      ),
      [
        {
          type: 'paragraph',
          runs: [
            { text: 'A ' },
            { text: 'bold', bold: true },
            { text: ' and ' },
            { text: 'italic', italic: true },
            { text: ' ' },
            { text: 'link ', link: 'https://smartenergycodecompany.co.uk/' },
            { text: 'here', bold: true, link: 'https://smartenergycodecompany.co.uk/' },
            { text: ' code.' },
          ],
        },
      ],
    );
  });

  test('raw HTML is text, never markup, and a javascript: link is not a link', () => {
    assert.deepEqual(markdownBlocks('<script>alert(1)</script>\n\n[x](javascript:alert(1))'), [
      { type: 'paragraph', runs: [{ text: '<script>alert(1)</script>' }] },
      { type: 'paragraph', runs: [{ text: '[x](javascript:alert(1))' }] },
    ]);
  });

  test('a nested list is flattened into its parent, in reading order; an item of two paragraphs is one item', () => {
    assert.deepEqual(markdownBlocks('- a\n  - a1\n  - a2\n- b\n\n  more of b'), [
      {
        type: 'list',
        ordered: false,
        items: [[{ text: 'a' }], [{ text: 'a1' }], [{ text: 'a2' }], [{ text: 'b more of b' }]],
      },
    ]);
  });

  test('a heading is a bold paragraph; quotes and code keep their text', () => {
    assert.deepEqual(markdownBlocks('## Background\n\n> quoted\n\n```\nline one\nline two\n```'), [
      { type: 'paragraph', runs: [{ text: 'Background', bold: true }] },
      { type: 'paragraph', runs: [{ text: 'quoted' }] },
      { type: 'paragraph', runs: [{ text: 'line one line two' }] },
    ]);
  });

  test('the DP088 summary: a paragraph, a list of five, two paragraphs', () => {
    const blocks = markdownBlocks(
      'SEC Section D1.3 allows:\n\n- Parties;\n- Citizens Advice;\n- Anyone designated;\n- The Authority; and\n- The Panel\n\nCurrently none.\n\nThe constraints.',
    );
    assert.deepEqual(
      blocks.map((b) => (b.type === 'list' ? `list of ${b.items.length}` : b.type)),
      ['paragraph', 'list of 5', 'paragraph', 'paragraph'],
    );
  });
});

describe('escaping text for Markdown', () => {
  test('markup characters are escaped; an underscore inside a word is left alone', () => {
    assert.equal(escapeMarkdown('OPSG_26_0511_16'), 'OPSG_26_0511_16');
    assert.equal(
      escapeMarkdown('*not bold* _nor this_ [nor](a link) <b>'),
      '\\*not bold\\* \\_nor this\\_ \\[nor\\](a link) \\<b\\>',
    );
    assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
    assert.equal(escapeMarkdown('- not a list'), '\\- not a list');
    assert.equal(escapeMarkdown('1. not a list'), '1\\. not a list');
  });
});

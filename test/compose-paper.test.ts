// The monthly paper for another committee and another month: the Security Sub-Committee in December 2019,
// a month after the golden paper, with a conversion (DP090 became MP090), a proposal raised by a team and
// analysed by a team, one with no impacts recorded for the committee, and an Amber proposal that a White
// paper must never show. Then an empty period, the reference rules, and the Markdown rendering.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { after, before, describe, test } from 'node:test';
import { composePaper, PaperNotFoundError } from '../src/app/compose-paper.ts';
import { createPaper, DuplicatePaperError, PaperInputError } from '../src/app/create-paper.ts';
import { importRegister } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import { paperReference } from '../src/domain/papers/paper-reference.ts';
import type { Block, ComposedPaper, PaperModel } from '../src/domain/papers/paper.models.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { paperLines, renderText } from '../src/render/text.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocx } from '../src/render/docx.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { hasPoppler, pdfText, POPPLER, unzip } from './support/documents.ts';

/** December 2019, on top of the October register. Dates and people are illustrative. */
const DECEMBER = `
format: modgov/v1
code: { id: SEC, name: Smart Energy Code, administrator: secas, changeTeamEmail: sec.change@gemserv.com }
organisations:
  - { id: acme-energy, name: Acme Energy, category: small_supplier }
people:
  - { id: ssc-members, name: SSC Members, organisation: ssc, kind: team }
  - { id: sec-change, name: SEC Change, organisation: secas, kind: team }
  - { id: pat-jones, name: Pat Jones, organisation: acme-energy }
meetings:
  - { committee: SSC, number: 85, date: 2019-12-11 }
  - { committee: CSC, number: 40, date: 2019-12-18 }
proposals:
  - id: MP090
    title: Incorporation of Non GBCS Non-Mandated Alerts into the SEC
    proposer: emslie-law
    leadAnalyst: alison-beard
    raised: 2019-10-16
    classification: white
    impacts:
      SSC: No security impacts are expected; the *Alerts* are already sent.
    problemStatement: |
      NGNM Alerts reach DCC Users with no context. The problem statement asks for:

      - each Alert to be defined in the SEC; and
      - a means to disable those a User does not need.
    history:
      - { on: 2019-10-16, event: raised }
      - { on: 2019-12-04, event: converted, by: CSC }
  - id: DP094
    title: Security Sub-Committee membership
    proposer: ssc-members
    leadAnalyst: sec-change
    raised: 2019-11-20
    stage: development
    classification: white
    summary: The SSC proposes **two** new seats for smaller suppliers.
    impacts:
      SSC: The SSC would have two more members.
    problemStatement: Membership is fixed by Section G7.
  - id: DP095
    title: Zircon vault keys
    proposer: pat-jones
    raised: 2019-11-25
    stage: development
    classification: amber
    summary: Quartzite handling of the HSM escrow.
    impacts:
      SSC: Obsidian procedures change.
    problemStatement: Basalt secrets are involved.
  - id: DP096
    title: Faster Change Board votes
    proposer: pat-jones
    raised: 2019-11-28
    stage: development
    classification: white
    summary: Votes by e-mail between meetings.
    impacts:
      OPSG: Only the Operations Group is affected.
`;

const AMBER_WORDS = ['Zircon', 'Quartzite', 'Obsidian', 'Basalt', 'DP095'];

let database: Database;
const deps = () => ({ db: database.db, rules: sec });
let december: ComposedPaper;
let reference: string;

const blocksOf = (paper: PaperModel): Block[] => [
  ...paper.sections.flatMap((s) => s.blocks),
  ...paper.appendices.flatMap((a) => a.blocks ?? []),
];
const textOf = (runs: readonly { text: string }[]) => runs.map((r) => r.text).join('');
const headings = (paper: PaperModel, level: 3 | 4) =>
  blocksOf(paper).flatMap((b) => (b.type === 'heading' && b.level === level ? [textOf(b.runs)] : []));
const paragraphs = (paper: PaperModel) =>
  blocksOf(paper).flatMap((b) => (b.type === 'paragraph' ? [textOf(b.runs)] : []));

before(async () => {
  database = await createTestDatabase();
  for (const files of [[fixtureFile('opsg')], [{ name: 'december.yaml', text: DECEMBER }]]) {
    const result = await importRegister(deps(), { files });
    assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
  }
  const created = await createPaper(deps(), {
    type: 'new_proposals_summary',
    committee: 'SSC',
    meeting: 85,
    item: 7,
    date: '2019-12-06',
    period: { from: '2019-11-01', to: '2019-12-06' },
    action: 'for_information',
    author: 'bradley-baker',
    actor: 'analyst',
  });
  reference = created.reference;
  december = await composePaper(deps(), { reference });
});
after(async () => {
  await database.close();
});

describe('the Security Sub-Committee paper for December 2019', () => {
  test('its reference is computed from the meeting: SSC, meeting 85, 11 December, item 7', () => {
    assert.equal(reference, 'SSC_85_1112_7');
    assert.equal(december.paper.reference, 'SSC_85_1112_7');
  });

  test('sections are numbered 1 to 4, the conversions section after the new Draft Proposals', () => {
    assert.deepEqual(
      december.paper.sections.map((s) => `${s.number}. ${s.title}`),
      [
        '1. Purpose',
        '2. New Draft Proposals',
        '3. Draft Proposals converted to Modification Proposals',
        '4. Recommendations',
      ],
    );
  });

  test('new Draft Proposals in number order, then conversions, each with its appendix in that order', () => {
    assert.deepEqual(headings(december.paper, 3), [
      "DP094 'Security Sub-Committee membership'",
      "DP096 'Faster Change Board votes'",
      "MP090 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC'",
    ]);
    assert.deepEqual(
      december.paper.appendices.map((a) => `${a.letter}: ${a.title}`),
      [
        'A: DP094 draft problem statement',
        'B: DP096 draft problem statement',
        'C: MP090 agreed problem statement',
      ],
    );
    assert.equal(
      december.paper.appendices[1]?.blocks,
      null,
      'DP096 has no problem statement in the register',
    );
  });

  test('the entry sentences name proposer, organisation as referred to, and Lead Analyst, a team as a team', () => {
    const text = paragraphs(december.paper);
    for (const sentence of [
      'DP094 was raised by the Security Sub-Committee (SSC). The Lead Analyst is SEC Change (SECAS).',
      'DP096 was raised by Pat Jones of Acme Energy. A Lead Analyst has not yet been assigned.',
      'DP090 was converted to MP090 by the Change Sub-Committee on 4 December 2019. It was raised by Emslie Law of SSE. The Lead Analyst from SECAS is Alison Beard.',
    ])
      assert.ok(text.includes(sentence), sentence);
  });

  test('impacts are those on this committee, under its own heading, and a missing one is said to be missing', () => {
    assert.deepEqual(headings(december.paper, 4), Array(3).fill('Anticipated Security Impacts'));
    const text = paragraphs(december.paper);
    assert.ok(text.includes('The SSC would have two more members.'));
    assert.ok(
      text.includes(
        'No anticipated impacts on the Security Sub-Committee have been recorded for this proposal.',
      ),
    );
    assert.ok(!text.some((p) => p.includes('Only the Operations Group is affected')));
  });

  test('the appendix pointers, the recommendation for information and the sign-off', () => {
    const text = renderText(december.paper);
    assert.ok(
      text.includes(
        'The draft problem statement containing the information provided by the Proposer can be found in Appendix A.',
      ),
    );
    assert.ok(text.includes('The agreed problem statement can be found in Appendix C.'));
    assert.ok(
      text.includes(
        'The Security Sub-Committee is requested to **NOTE** the proposals in this paper. Any views or comments may be sent to the Change Team email address sec.change@gemserv.com.',
      ),
    );
    assert.deepEqual(december.paper.signOff, {
      author: 'Bradley Baker',
      team: 'SECAS Team',
      date: '6 December 2019',
    });
    assert.equal(december.paper.action.label, 'For Information');
  });

  test('a problem statement keeps its list in the appendix', () => {
    const c = december.paper.appendices[2];
    assert.deepEqual(c?.blocks?.[1], {
      type: 'list',
      ordered: false,
      items: [
        [{ text: 'each Alert to be defined in the SEC; and' }],
        [{ text: 'a means to disable those a User does not need.' }],
      ],
    });
  });
});

describe('classification is never leaked', () => {
  test('an Amber proposal is left out of a White paper, and the author is told', () => {
    assert.deepEqual(december.notices, [
      {
        code: 'paper.classified_item_omitted',
        message: 'DP095 is classified Amber, above this White paper: left out.',
        subject: 'DP095',
      },
    ]);
  });

  test('nothing of it appears in any format: text, Markdown, HTML, Word, PDF, nor the model', async () => {
    assert.ok(hasPoppler, POPPLER);
    const dir = mkdtempSync(join(tmpdir(), 'modgov-amber-'));
    try {
      const pdf = join(dir, 'paper.pdf');
      writeFileSync(pdf, await renderPdf(december.paper));
      const word = unzip(await renderDocx(december.paper));
      for (const [format, output] of [
        ['text', renderText(december.paper)],
        ['markdown', renderMarkdown(december.paper)],
        ['html', renderHtml(december.paper, { standalone: true })],
        ['docx', [...word.values()].join('\n')],
        ['pdf', pdfText(pdf, { y: 0, h: 842 })],
        ['model', JSON.stringify(december.paper)],
      ] as const)
        for (const w of AMBER_WORDS) assert.ok(!output.includes(w), `${w} is in the ${format}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an Amber paper for the same meeting shows it', async () => {
    const created = await createPaper(deps(), {
      type: 'new_proposals_summary',
      committee: 'SSC',
      meeting: 85,
      item: 8,
      date: '2019-12-06',
      period: { from: '2019-11-01', to: '2019-12-06' },
      classification: 'amber',
      actor: 'analyst',
    });
    assert.deepEqual(created.notices, []);
    const amber = await composePaper(deps(), { reference: created.reference });
    assert.ok(headings(amber.paper, 3).includes("DP095 'Zircon vault keys'"));
    assert.ok(renderText(amber.paper).startsWith('This document is classified as **Amber**'));
    assert.equal(amber.paper.signOff.author, 'SECAS', 'no author: the administrator signs');
  });
});

describe('creating papers', () => {
  test('a period with nothing in it gives a paper that says so, and a notice', async () => {
    const created = await createPaper(deps(), {
      type: 'new_proposals_summary',
      committee: 'CSC',
      meeting: 40,
      item: 3,
      date: '2019-07-01',
      period: { from: '2019-06-01', to: '2019-06-30' },
      actor: 'analyst',
    });
    assert.equal(created.reference, 'CSC_40_1812_3');
    assert.deepEqual(
      created.notices.map((n) => n.code),
      ['paper.no_items'],
    );
    const empty = await composePaper(deps(), { reference: created.reference });
    assert.deepEqual(
      empty.paper.sections.map((s) => [s.title, s.blocks.length]),
      [
        ['Purpose', 2],
        ['New Draft Proposals', 1],
        ['Recommendations', 1],
      ],
    );
    assert.deepEqual(paragraphs(empty.paper).slice(2), [
      'No new Draft Proposals were raised between 1 June 2019 and 30 June 2019.',
      'The Change Sub-Committee is requested to NOTE that no Draft Proposals were raised or converted to Modification Proposals between 1 June 2019 and 30 June 2019.',
    ]);
    assert.deepEqual(empty.paper.appendices, []);
  });

  test('a reference given is kept; a reference already used is refused', async () => {
    const input = {
      type: 'new_proposals_summary',
      committee: 'SSC',
      meeting: 85,
      item: 9,
      date: '2019-12-06',
      period: { from: '2019-11-01', to: '2019-12-06' },
      reference: 'SSC_85_1112_9A',
      actor: 'analyst' as const,
    };
    assert.equal((await createPaper(deps(), input)).reference, 'SSC_85_1112_9A');
    await assert.rejects(createPaper(deps(), input), DuplicatePaperError);
    await assert.rejects(createPaper(deps(), { ...input, reference: undefined, item: 7 }), {
      code: 'paper.duplicate_reference',
      message: 'There is already a paper SSC_85_1112_7 in the register.',
    });
  });

  test('an unknown meeting, an upside-down period or an unknown action is refused, naming the field', async () => {
    const input = {
      type: 'new_proposals_summary',
      committee: 'OPSG',
      meeting: 27,
      item: 9,
      date: '2019-11-26',
      period: { from: '2019-10-30', to: '2019-11-26' },
      actor: 'analyst' as const,
    };
    await assert.rejects(
      createPaper(deps(), input),
      (e: unknown) => e instanceof PaperInputError && e.field === 'meeting',
    );
    await assert.rejects(
      createPaper(deps(), { ...input, meeting: 26, period: { from: '2019-11-26', to: '2019-10-30' } }),
      (e: unknown) => e instanceof PaperInputError && e.field === 'to',
    );
    await assert.rejects(
      createPaper(deps(), { ...input, meeting: 26, action: 'for_lunch' }),
      (e: unknown) => e instanceof PaperInputError && e.field === 'action',
    );
    await assert.rejects(composePaper(deps(), { reference: 'NOPE_1_0101_1' }), PaperNotFoundError);
  });

  test('the reference is COMMITTEE_meeting_DDMM_item', () => {
    assert.equal(
      paperReference({ committee: 'OPSG', meeting: 26, meetingDate: '2019-11-05', item: 16 }),
      'OPSG_26_0511_16',
    );
    assert.throws(() =>
      paperReference({ committee: 'OPSG', meeting: 0, meetingDate: '2019-11-05', item: 16 }),
    );
    assert.throws(() =>
      paperReference({ committee: 'OPSG', meeting: 26, meetingDate: '5/11/2019', item: 16 }),
    );
  });

  test('every paper action of the SEC has a recommendation in its wording', () => {
    for (const action of sec.register.paperActions)
      assert.ok(sec.papers.newProposalsSummary.recommendations.byAction[action.slug], action.slug);
  });
});

/** The paragraphs, headings and list items of Markdown, as plain text in reading order. */
function markdownLines(md: string): string[] {
  const tokens = new MarkdownIt({ html: true }).parse(md, {});
  return tokens
    .filter((t) => t.type === 'inline')
    .map((t) =>
      (t.children ?? [])
        .map((c) =>
          c.type === 'text' || c.type === 'code_inline' ? c.content : c.type.endsWith('break') ? ' ' : '',
        )
        .join(''),
    )
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
}

const textLines = (paper: PaperModel) =>
  paperLines(paper, false).map((l) =>
    (l.kind === 'list_item' ? l.text.replace(/^(-|\d+\.) /, '') : l.text).replace(/\s+/g, ' ').trim(),
  );

describe('the Markdown rendering', () => {
  test('has the same paragraphs as the text rendering, in the same order, for both papers', async () => {
    const october = await composePaper(deps(), { reference: 'OPSG_26_0511_16' });
    for (const paper of [october.paper, december.paper])
      assert.deepEqual(markdownLines(renderMarkdown(paper)), textLines(paper));
  });

  test('headings, bold, lists and links to the appendix anchors', async () => {
    const md = renderMarkdown((await composePaper(deps(), { reference: 'OPSG_26_0511_16' })).paper);
    for (const line of [
      'This document is classified as **White** in accordance with the Panel Information Policy.',
      '**Paper Reference:** OPSG_26_0511_16',
      '# New Draft Proposals and Modification Proposals',
      '## 2. New Draft Proposals',
      `### <a id="dp088"></a>[DP088 'Power to raise modifications'](#appendix-a)`,
      '#### Anticipated Operational Impacts',
      '- Parties (including the Data Communications Company (DCC));',
      'The Operations Group is requested to **DISCUSS** the proposals',
      '- <a id="appendix-a"></a>**Appendix A:** DP088 draft problem statement',
    ])
      assert.ok(md.includes(line), line);
    const dec = renderMarkdown(december.paper);
    assert.ok(dec.includes('- [**Appendix C:** MP090 agreed problem statement](#appendix-c)'));
    assert.ok(dec.includes('## <a id="appendix-c"></a>Appendix C: MP090 agreed problem statement'));
    assert.ok(dec.includes('The SSC proposes **two** new seats'));
    assert.ok(dec.includes('are expected; the *Alerts* are already sent.'));
  });
});

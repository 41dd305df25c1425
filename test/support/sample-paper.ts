// Hand-built paper models for the renderer tests: one shaped like OPSG_26_0511_16 (banner with a bold label,
// reference, action, title, three numbered sections with entry headings, paragraphs, lists, bold runs, a link to an
// appendix, sign-off, two attachments: one printed, one not), and one carrying non-Latin text.
import type { Block, Inline, PaperModel } from '../../src/domain/papers/paper.models.ts';

const p = (...runs: Inline[]): Block => ({ type: 'paragraph', runs });
const t = (text: string): Inline => ({ text });
const b = (text: string): Inline => ({ text, bold: true });

const banner: readonly Inline[] = [
  t('This document is classified as '),
  b('White'),
  t(
    ' in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.',
  ),
];

export const samplePaper: PaperModel = {
  classification: { slug: 'white', label: 'White', banner },
  reference: 'OPSG_26_0511_16',
  action: { slug: 'for_discussion', label: 'For Discussion' },
  title: 'New Draft Proposals and Modification Proposals',
  sections: [
    {
      number: 1,
      title: 'Purpose',
      blocks: [
        p(
          t(
            'This paper provides a summary of the new Draft Proposals raised and the Draft Proposals that have converted to Modification Proposals in the last month.',
          ),
        ),
        p(
          t(
            'We seek any initial comments the Operations Group may have on these proposals at these stages in the framework.',
          ),
        ),
      ],
    },
    {
      number: 2,
      title: 'New Draft Proposals',
      blocks: [
        p(t('This section lists the new Draft Proposals submitted in the last month.')),
        {
          type: 'heading',
          level: 3,
          anchor: 'dp088',
          runs: [{ text: "DP088 'Power to raise modifications'", link: '#appendix-a' }],
        },
        p(
          t(
            'DP088 has been raised by Simon Trivella of British Gas. The Lead Analyst from SECAS is Jordan Crase.',
          ),
        ),
        p(t('SEC Section D1.3 allows the following to raise Draft Proposals:')),
        {
          type: 'list',
          ordered: false,
          items: [
            [t('Parties (including the Data Communications Company (DCC));')],
            [t('Citizens Advice and Citizens Advice Scotland;')],
            [t('The Authority, but only '), { text: 'in specific circumstances', italic: true }, t('; and')],
            [t('The Panel in specific circumstances')],
          ],
        },
        { type: 'heading', level: 4, runs: [t('Anticipated Operational Impacts')] },
        p(t('We do not anticipate any operational impacts from this modification.')),
        p(
          t(
            'The draft problem statement containing the information provided by the Proposer can be found in ',
          ),
          { text: 'Appendix A', link: '#appendix-a' },
          t('.'),
        ),
        {
          type: 'heading',
          level: 3,
          runs: [t("DP089 'Changes to Appendix R 'Common Testing Scenarios Document''")],
        },
        p(t('DP089 was raised by Mari Toda of the DCC. The Lead Analyst from SECAS is Jordan Crase.')),
        {
          type: 'list',
          ordered: true,
          items: [[t('"Provisionally Approved" to "Deferred"; and')], [t('"Deferred" to "Rejected"')]],
        },
        p(
          t('See the '),
          { text: 'SEC website', link: 'https://smartenergycodecompany.co.uk/' },
          t(' for more.'),
        ),
      ],
    },
    {
      number: 3,
      title: 'Recommendations',
      blocks: [
        p(
          t('The Operations Group is requested to '),
          b('DISCUSS'),
          t(
            ' the proposals in this paper and provide any views or comments offline to the Change Team email address sec.change@gemserv.com.',
          ),
        ),
      ],
    },
  ],
  signOff: { author: 'Bradley Baker', team: 'SECAS Team', date: '29 October 2019' },
  appendices: [
    {
      letter: 'A',
      title: 'DP088 draft problem statement',
      anchor: 'appendix-a',
      blocks: [
        { type: 'heading', level: 3, runs: [t('What is the issue?')] },
        p(t('Currently there are no provisions for SECAS to raise a Draft Proposal.')),
        {
          type: 'list',
          ordered: true,
          items: [[t('First consideration')], [b('Second'), t(' consideration')]],
        },
        { type: 'heading', level: 4, runs: [t('Impacts')] },
        p(t('The constraints act as a blocker to the efficient progression of changes.')),
      ],
    },
    { letter: 'B', title: 'DP089 draft problem statement', anchor: 'appendix-b', blocks: null },
  ],
};

/** Text that only survives a renderer that handles Unicode end to end (and markup that must be escaped). */
export const NON_LATIN = 'Łódź – “quotes” ≤ € Ελληνικά';

export const nonLatinPaper: PaperModel = {
  ...samplePaper,
  reference: 'CSC_26_1211_03',
  title: `Zmiany w Łódź – “quotes” ≤ €`,
  sections: [
    {
      number: 1,
      title: 'Zażółć gęślą jaźń',
      blocks: [
        p(t(`${NON_LATIN}: the `), b('€ sign'), t(' and the ≤ sign.')),
        { type: 'list', ordered: false, items: [[t('Kraków – “first”')], [t('Gdańsk … ≥ second')]] },
        p(t('A run with markup: <script>alert("x")</script> & <b>not bold</b>')),
      ],
    },
  ],
  appendices: [
    {
      letter: 'A',
      title: 'Łódź problem statement',
      anchor: 'appendix-a',
      blocks: [p(t('Œuvre, naïve, façade – ß, ø, å.'))],
    },
  ],
};

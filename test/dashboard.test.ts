// The dashboard: its figures for each viewer (over the real seeded register, through the server), the time spent
// in each stage worked out from handmade histories, and charts that keep to the CSP and can be read without
// seeing them. The web seed: 9 White proposals (DP088-DP093 and DP096 in development, raised October 2019;
// MP112 and MP127 implemented, raised January and May 2020, with their whole histories), DP094 Green in
// development (raised October 2019) and MP095 Amber, entered at modification_proposal (October 2019).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { monthsEnding } from '../src/app/get-dashboard.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import type { LifecycleEvent } from '../src/domain/lifecycle/lifecycle.models.ts';
import { listStageStays, median, summariseTimeInStage } from '../src/domain/lifecycle/time-in-stage.ts';
import { makeChartSvgSafe } from '../src/render/charts.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';
import { createWebApp } from './support/web.ts';

const TODAY = '2021-03-15';
const CSP =
  "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

const step = (
  on: string,
  event: string,
  facts: Record<string, string> = {},
  by?: string,
): LifecycleEvent => ({
  on,
  event,
  facts,
  ...(by ? { by } : {}),
});

/** Self-Governance, all the way: 10 days in development, 10 as an MP, 40 in refinement (2020 is a leap year),
 * 15 in the Report Phase, 30 at the Change Board (a deferred vote does not end the stay), 61 approved. */
const selfGoverned: LifecycleEvent[] = [
  step('2020-01-01', 'raised'),
  step('2020-01-11', 'converted', {}, 'CSC'),
  step('2020-01-21', 'refinement_started', {}, 'PANEL'),
  step('2020-03-01', 'modification_report_approved', {}, 'PANEL'),
  step('2020-03-02', 'consultation_opened', { consultation: 'modification_report' }),
  step('2020-03-16', 'consultation_closed', { consultation: 'modification_report' }),
  step('2020-04-01', 'change_board_vote', { outcome: 'deferred' }, 'CB'),
  step('2020-04-15', 'change_board_vote', { outcome: 'approve' }, 'CB'),
  step('2020-06-15', 'implemented', { release: '2020-11' }),
];

/** Authority-led, sent back by the Authority: 0 days in development, 10 as an MP, 10 in the Report Phase, 10 at
 * the Change Board, 10 with the Authority, then back in the Report Phase since 12 March 2020. */
const sentBack: LifecycleEvent[] = [
  step('2020-02-01', 'raised'),
  step('2020-02-01', 'converted'),
  step('2020-02-11', 'modification_report_approved'),
  step('2020-02-12', 'consultation_opened', { consultation: 'modification_report' }),
  step('2020-02-21', 'consultation_closed', { consultation: 'modification_report' }),
  step('2020-03-02', 'change_board_vote', { outcome: 'approve' }),
  step('2020-03-12', 'authority_decision', { outcome: 'send_back' }),
];

/** Entered in the register at refinement, without its history: when it got there is not known. */
const declared: LifecycleEvent[] = [
  step('2020-01-05', 'raised'),
  step('2020-01-05', 'stage_declared', { stage: 'refinement' }),
];

describe('time spent in each stage (pure)', () => {
  it('a history is cut into stays by the events that change the stage, and only by those', () => {
    const stays = listStageStays(
      sec.lifecycle,
      { path: 'self_governance', alternative: false },
      selfGoverned,
    );
    assert.deepEqual(stays, [
      { stage: 'development', from: '2020-01-01', to: '2020-01-11' },
      { stage: 'modification_proposal', from: '2020-01-11', to: '2020-01-21' },
      { stage: 'refinement', from: '2020-01-21', to: '2020-03-01' },
      { stage: 'report_phase', from: '2020-03-01', to: '2020-03-16' },
      { stage: 'change_board', from: '2020-03-16', to: '2020-04-15' },
      { stage: 'approved', from: '2020-04-15', to: '2020-06-15' },
      { stage: 'implemented', from: '2020-06-15', to: null },
    ]);
  });

  it('a declared stage has no known start, and neither has the stay it ends', () => {
    assert.deepEqual(listStageStays(sec.lifecycle, { path: null, alternative: false }, declared), [
      { stage: 'development', from: null, to: '2020-01-05' },
      { stage: 'refinement', from: null, to: null },
    ]);
  });

  it('a history the rules refuse stops there, and the stay it was in has no known length', () => {
    const refused = [
      step('2020-01-01', 'raised'),
      step('2020-02-01', 'change_board_vote', { outcome: 'approve' }),
    ];
    assert.deepEqual(
      listStageStays(sec.lifecycle, { path: 'self_governance', alternative: false }, refused),
      [{ stage: 'development', from: null, to: '2020-02-01' }],
    );
  });

  it('the median and longest over proposals that left a stage; those still in it counted apart', () => {
    const summary = summariseTimeInStage(
      sec.lifecycle,
      [
        { proposal: { path: 'self_governance', alternative: false }, history: selfGoverned },
        { proposal: { path: 'authority_led', alternative: false }, history: sentBack },
        { proposal: { path: null, alternative: false }, history: declared },
      ],
      '2020-07-01',
    );
    const row = (stage: string) => {
      const s = summary.find((x) => x.stage === stage);
      return s && [s.left, s.medianDays, s.longestDays, s.stillIn, s.longestSoFarDays];
    };
    assert.deepEqual(
      summary.map((s) => s.stage),
      [
        'development',
        'modification_proposal',
        'refinement',
        'report_phase',
        'change_board',
        'with_authority',
        'approved',
      ],
      'the stages that are not final, in lifecycle order',
    );
    assert.deepEqual(row('development'), [2, 5, 10, 0, null]);
    assert.deepEqual(row('modification_proposal'), [2, 10, 10, 0, null]);
    assert.deepEqual(row('refinement'), [1, 40, 40, 0, null], 'the declared stay is not counted');
    // back in the Report Phase: its 10 days before and 111 since 12 March add up, and it has not left
    assert.deepEqual(row('report_phase'), [1, 15, 15, 1, 121]);
    assert.deepEqual(row('change_board'), [2, 20, 30, 0, null]);
    assert.deepEqual(row('with_authority'), [1, 10, 10, 0, null]);
    assert.deepEqual(row('approved'), [1, 61, 61, 0, null]);
  });

  it('the median of an even count is the mean of the middle two', () => {
    assert.equal(median([]), null);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('the months of the figure end with the current month, across a year end', () => {
    assert.deepEqual(monthsEnding('2019-02-28', 4), ['2018-11', '2018-12', '2019-01', '2019-02']);
    assert.equal(monthsEnding(TODAY, 24).length, 24);
    assert.equal(monthsEnding(TODAY, 24)[0], '2019-04');
  });
});

describe('making a chart safe for the CSP', () => {
  it('turns style attributes into presentation attributes and drops scripts and style elements', () => {
    const svg = makeChartSvgSafe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><style>rect{fill:red}</style>' +
        '<script>alert(1)</script><rect style="fill: #1d70b8; cursor: pointer; stroke: url(#x)" onclick="alert(1)"/>' +
        '<text fill="#000" style="fill: red; font-size: 12px">a &lt; b</text></svg>',
      { id: 'c', title: 'A <chart>', description: 'What it shows' },
    );
    assert.doesNotMatch(svg, /style|script|onclick|cursor|url\(/i);
    assert.match(svg, /<rect fill="#1d70b8"\/>/);
    assert.match(
      svg,
      /<text fill="#000" font-size="12px">a &lt; b<\/text>/,
      'an attribute already there wins',
    );
    assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="c-title c-desc"/);
    assert.match(svg, /<title id="c-title">A &lt;chart&gt;<\/title><desc id="c-desc">What it shows<\/desc>/);
  });
});

let database: Database;
const web = createWebApp({ today: TODAY, users: { analyst: [{ role: 'analyst' }] } });
const { get } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await web.start(database);
});

after(() => web.close());

/** The rows of the table inside the <details> with this id, as [row header, cells...]. */
function tableRows(html: string, id: string): string[][] {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `no table ${id}`);
  const section = html.slice(start, html.indexOf('</details>', start));
  const body = section.slice(section.indexOf('<tbody'));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => (cell[1] ?? '').trim()),
  );
}

/** Table rows by their first cell: the other cells. */
const keyed = (rows: string[][]): Record<string, string[]> =>
  Object.fromEntries(rows.map((row): [string, string[]] => [row[0] ?? '', row.slice(1)]));

const svgsOf = (html: string) => [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]);

describe('the dashboard page', () => {
  it('is public, and answers with three inline SVG charts under the unchanged CSP', async () => {
    const res = await get('anonymous', '/dashboard');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['content-security-policy'], CSP);
    const svgs = svgsOf(res.body);
    assert.equal(svgs.length, 3);
    for (const [i, id] of ['chart-by-stage', 'chart-time-in-stage', 'chart-raised-by-month'].entries()) {
      const svg = svgs[i] ?? '';
      assert.match(svg, new RegExp(`^<svg [^>]*role="img" aria-labelledby="${id}-title ${id}-desc"`));
      assert.match(
        svg,
        new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`),
      );
      assert.match(svg, /<rect|<path/, 'it draws something');
    }
    // nothing inline that the CSP would block, anywhere in the page
    assert.doesNotMatch(res.body, /\sstyle\s*=|<style|<script|\son[a-z]+\s*=/i);
    assert.match(res.body, /href="\/dashboard"/, 'the navigation links to it');
  });

  it('anonymous: counts by stage are the White proposals of the register', async () => {
    const res = await get('anonymous', '/dashboard');
    const rows = tableRows(res.body, 'by-stage-table');
    assert.deepEqual(
      rows.map(([, count]) => count),
      ['7', '0', '0', '0', '0', '0', '0', '0', '0', '2'],
    );
    assert.deepEqual(
      rows.map(([label]) => label),
      sec.lifecycle.stages.map((s) => s.label),
      'every stage, in lifecycle order',
    );
    const register = await get('anonymous', '/');
    const total = /<strong>(\d+)<\/strong> proposals?/.exec(register.body)?.[1];
    assert.equal(total, '9');
    assert.match(res.body, /cover the <strong>9<\/strong>\s+proposals\s+open to the public/);
    assert.match(svgsOf(res.body)[0] ?? '', /Development \(Draft Proposal\), 7;/, "the chart's description");
  });

  it('an analyst: counts include the Green and Amber proposals', async () => {
    const res = await get('analyst', '/dashboard');
    const counts = keyed(tableRows(res.body, 'by-stage-table'));
    assert.deepEqual(counts['Development (Draft Proposal)'], ['8'], 'DP094 (Green) too');
    assert.deepEqual(counts['Modification Proposal'], ['1'], 'MP095 (Amber)');
    assert.deepEqual(counts.Implemented, ['2']);
    const register = await get('analyst', '/');
    assert.equal(/<strong>(\d+)<\/strong> proposals?/.exec(register.body)?.[1], '11');
    assert.match(res.body, /cover the <strong>11<\/strong>\s+proposals\s+you may see/);
  });

  it('proposals raised per month: 24 months to today, the empty ones as zero', async () => {
    const anonymous = tableRows((await get('anonymous', '/dashboard')).body, 'raised-table');
    assert.equal(anonymous.length, 24);
    assert.deepEqual(anonymous[0], ['April 2019', '0']);
    assert.deepEqual(anonymous[23], ['March 2021', '0']);
    const raised = keyed(anonymous);
    assert.deepEqual(raised['October 2019'], ['7']);
    assert.deepEqual(raised['November 2019'], ['0']);
    assert.deepEqual(raised['January 2020'], ['1']);
    assert.deepEqual(raised['May 2020'], ['1']);
    assert.equal(anonymous.filter(([, n]) => n !== '0').length, 3);
    const analyst = tableRows((await get('analyst', '/dashboard')).body, 'raised-table');
    assert.deepEqual(
      analyst.find(([month]) => month === 'October 2019'),
      ['October 2019', '9'],
      'DP094 and MP095 were raised in October 2019',
    );
  });

  it('time in each stage, from MP112 and MP127; the proposals still in development counted apart', async () => {
    const anonymous = keyed(tableRows((await get('anonymous', '/dashboard')).body, 'time-in-stage-table'));
    // MP112: 45 days in development, 0 as an MP, 25 in the Report Phase, 15 at the Change Board, 221 approved;
    // MP127: 39, 0, 21, 47 (a deferred vote between), 95
    assert.deepEqual(anonymous['Development (Draft Proposal)'], ['2', '42', '45', '7', '529']);
    assert.deepEqual(anonymous['Modification Proposal'], ['2', '0', '0', '0', '–']);
    assert.deepEqual(anonymous['Refinement Process'], ['0', '–', '–', '0', '–']);
    assert.deepEqual(anonymous['Report Phase'], ['2', '23', '25', '0', '–']);
    assert.deepEqual(anonymous['Change Board'], ['2', '31', '47', '0', '–']);
    assert.deepEqual(anonymous.Approved, ['2', '158', '221', '0', '–']);
    assert.equal(anonymous.Implemented, undefined, 'a final stage has no time spent in it');
    const analyst = keyed(tableRows((await get('analyst', '/dashboard')).body, 'time-in-stage-table'));
    assert.deepEqual(analyst['Development (Draft Proposal)'], ['2', '42', '45', '8', '529'], 'DP094 too');
    assert.deepEqual(analyst['Modification Proposal'], ['2', '0', '0', '0', '–'], 'MP095 was declared there');
  });
});

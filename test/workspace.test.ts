// The analysts' workspace (/workspace), through inject with real sessions, on a register of its own with the
// server's today fixed at Wednesday 10 March 2021 (so "this week" runs to 17 March):
//   DP201 White, development, led by Wren: only Change Sub-Committee dates in April ahead
//   MP202 White, refinement, led by Wren: its Refinement Consultation closes 12 March, the Panel's papers were due
//         9 March (none issued), the Panel meets 16 March
//   MP203 Green, at the Change Board, led by Otto: the Board's papers are due 17 March (it meets on the 24th)
//   MP204 Amber, refinement, led by Otto: a DCC Preliminary Assessment asked for on 1 February was due 1 March,
//         and the Panel's dates as MP202
//   MP205 Red, refinement, led by Wren: a consultation that closed unanswered on 1 March. No analyst may see it.
//   MP206 White, withdrawn, led by Wren: closed, so in no list
// Staff see their queue; anyone else is refused (403) and the anonymous public is sent to sign in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow } from './support/seed.ts';
import { createWebApp } from './support/web.ts';

const REGISTER = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
organisations:
  - { id: secas, name: Smart Energy Code Administrator and Secretariat, shortName: SECAS, category: code_administrator }
  - { id: acme, name: Acme Energy Ltd, category: other_sec_party }
people:
  - { id: wren-analyst, name: Wren Analyst, organisation: secas }
  - { id: otto-analyst, name: Otto Analyst, organisation: secas }
  - { id: pat-proposer, name: Pat Proposer, organisation: acme }
committees:
  - { id: PANEL, name: SEC Panel }
  - { id: CSC, name: Change Sub-Committee, parent: PANEL }
  - { id: CB, name: Change Board, parent: PANEL }
meetings:
  - { committee: PANEL, number: 50, date: 2021-03-16 }
  - { committee: CB, number: 40, date: 2021-03-24 }
  - { committee: CSC, number: 30, date: 2021-04-20 }
proposals:
  - id: DP201
    title: Wren's draft
    proposer: pat-proposer
    leadAnalyst: wren-analyst
    raised: 2021-02-01
    stage: development
    classification: white
  - id: MP202
    title: Wren's modification in refinement
    proposer: pat-proposer
    leadAnalyst: wren-analyst
    raised: 2021-01-04
    classification: white
    history:
      - { on: 2021-01-04, event: raised }
      - { on: 2021-01-20, event: converted, by: PANEL }
      - { on: 2021-01-25, event: refinement_started, by: PANEL }
      - { on: 2021-02-26, event: consultation_opened, consultation: refinement, closes: 2021-03-12 }
  - id: MP203
    title: Otto's modification at the Change Board
    proposer: pat-proposer
    leadAnalyst: otto-analyst
    raised: 2021-01-05
    path: self_governance
    classification: green
    history:
      - { on: 2021-01-05, event: raised }
      - { on: 2021-01-21, event: converted, by: PANEL }
      - { on: 2021-02-01, event: modification_report_approved, by: PANEL }
      - { on: 2021-02-02, event: consultation_opened, consultation: modification_report, closes: 2021-02-20 }
      - { on: 2021-02-22, event: consultation_closed, consultation: modification_report }
  - id: MP204
    title: Otto's modification awaiting the DCC
    proposer: pat-proposer
    leadAnalyst: otto-analyst
    raised: 2021-01-06
    classification: amber
    history:
      - { on: 2021-01-06, event: raised }
      - { on: 2021-01-22, event: converted, by: PANEL }
      - { on: 2021-01-25, event: refinement_started, by: PANEL }
      - { on: 2021-02-01, event: preliminary_assessment_requested }
  - id: MP205
    title: A Red modification no analyst may see
    proposer: pat-proposer
    leadAnalyst: wren-analyst
    raised: 2021-01-07
    classification: red
    history:
      - { on: 2021-01-07, event: raised }
      - { on: 2021-01-23, event: converted, by: PANEL }
      - { on: 2021-01-26, event: refinement_started, by: PANEL }
      - { on: 2021-02-10, event: consultation_opened, consultation: refinement, closes: 2021-03-01 }
  - id: MP206
    title: Wren's withdrawn modification
    proposer: pat-proposer
    leadAnalyst: wren-analyst
    raised: 2021-01-08
    stage: withdrawn
    classification: white
`;

const USERS: Record<string, { person?: string; roles: RoleGrant[] }> = {
  wren: { person: 'wren-analyst', roles: [{ role: 'analyst' }] },
  otto: { person: 'otto-analyst', roles: [{ role: 'analyst' }] },
  admin: { roles: [{ role: 'administrator' }] },
  partyUser: { person: 'pat-proposer', roles: [{ role: 'party_user' }] },
  panelMember: { roles: [{ role: 'committee_member', committee: 'PANEL' }] },
};

let database: Database;
const web = createWebApp({ today: '2021-03-10', users: USERS });

before(async () => {
  database = await createTestDatabase();
  await importOrThrow(database.db, [{ name: 'workspace.yaml', text: REGISTER }]);
  await web.start(database);
});

after(() => web.close());

const get = (viewer: string, url = '/workspace') => web.get(viewer, url);

const text = (html: string) =>
  html
    .replace(/<span[^>]*app-secondary-text[^>]*>[\s\S]*?<\/span>/g, '') // a title or a basis under the cell's text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** A section of the page: its heading, and each table row as "REF | stage | milestone | due". */
function section(html: string, id: string): { heading: string; rows: string[] } {
  const body = new RegExp(`<section[^>]*id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0];
  assert.ok(body, `the page has a section #${id}`);
  const heading = text(/<h2[\s\S]*?<\/h2>/.exec(body)?.[0] ?? '');
  const tbody = /<tbody[\s\S]*?<\/tbody>/.exec(body)?.[0] ?? '';
  const rows = [...tbody.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => {
    const cells = [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1] ?? '');
    const due = /datetime="([^"]+)"/.exec(cells[3] ?? '')?.[1] ?? text(cells[3] ?? '');
    return [text(cells[0] ?? ''), text(cells[1] ?? ''), text(cells[2] ?? ''), due].join(' | ');
  });
  return { heading, rows };
}

describe('the workspace', () => {
  it('shows an analyst the open proposals they lead, what is due this week and what is overdue', async () => {
    const res = await get('wren');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(section(res.body, 'mine'), {
      heading: 'My proposals (2)',
      rows: [
        'MP202 | Refinement Process | Papers issued for the SEC Panel (meeting 50) | 2021-03-09',
        'DP201 | Development (Draft Proposal) | Papers issued for the Change Sub-Committee (meeting 30) | 2021-04-13',
      ],
    });
    const mine = /<section[^>]*id="mine"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
    const overdueTags = [...mine.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => row[0].includes('Overdue'));
    assert.deepEqual(overdueTags, [false, true, false], 'the header row, then MP202 (overdue) and DP201');
    assert.deepEqual(section(res.body, 'due'), {
      heading: 'Due this week (4)',
      rows: [
        'MP202 | Refinement Process | Refinement Consultation closes | 2021-03-12',
        'MP202 | Refinement Process | SEC Panel meeting 50 | 2021-03-16',
        'MP204 | Refinement Process | SEC Panel meeting 50 | 2021-03-16',
        'MP203 | Change Board | Papers issued for the Change Board (meeting 40) | 2021-03-17',
      ],
    });
    assert.deepEqual(section(res.body, 'overdue'), {
      heading: 'Overdue (3)',
      rows: [
        'MP204 | Refinement Process | DCC Preliminary Assessment due | 2021-03-01',
        'MP202 | Refinement Process | Papers issued for the SEC Panel (meeting 50) | 2021-03-09',
        'MP204 | Refinement Process | Papers issued for the SEC Panel (meeting 50) | 2021-03-09',
      ],
    });
  });

  it('never shows a proposal the analyst may not see, even one they lead, nor a closed one', async () => {
    const res = await get('wren');
    for (const hidden of ['MP205', 'A Red modification', 'MP206', 'withdrawn modification'])
      assert.ok(!res.body.includes(hidden), hidden);
    assert.match(res.body, /across the\s+4 open proposals\s+you may see/);
  });

  it("each analyst's own proposals are theirs; the queue of what is due is the same for all staff", async () => {
    const otto = await get('otto');
    assert.deepEqual(
      section(otto.body, 'mine').rows.map((row) => row.split(' | ')[0]),
      ['MP203', 'MP204'],
    );
    const wren = await get('wren');
    const admin = await get('admin');
    assert.equal(admin.statusCode, 200);
    for (const id of ['due', 'overdue'])
      assert.deepEqual(section(admin.body, id), section(wren.body, id), id);
    assert.equal(section(admin.body, 'mine').heading, 'My proposals (0)');
    assert.match(admin.body, /Your account is not linked to a person in the register/);
  });

  it('refuses anyone but staff, and sends the anonymous public to sign in', async () => {
    const anonymous = await get('anonymous');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fworkspace');
    for (const viewer of ['partyUser', 'panelMember']) {
      const res = await get(viewer);
      assert.equal(res.statusCode, 403, viewer);
      assert.match(res.body, /administrators and analysts/, viewer);
      for (const ref of ['DP201', 'MP202', 'MP204']) assert.ok(!res.body.includes(ref), `${viewer}: ${ref}`);
    }
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import {
  AS_OF,
  generateRegister,
  type GeneratedRegister,
  type RegisterEvent,
  type RegisterProposal,
} from '../src/app/generate-register.ts';
import { importRegister } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { createTestDatabase } from './support/db.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function isDate(s: string | undefined): boolean {
  if (s === undefined || !DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const small = generateRegister({ proposals: 500, seed: 42 });
const large = generateRegister({ proposals: 10_000, seed: 7 });

/** Where each event belongs in the SEC process; events of one phase may come in any order. */
const PHASE: Readonly<Record<string, number>> = {
  raised: 0,
  converted: 1,
  refinement_started: 2,
  preliminary_assessment_requested: 3,
  preliminary_assessment_returned: 3,
  impact_assessment_requested: 3,
  impact_assessment_returned: 3,
  working_group_meeting: 3,
  modification_report_approved: 4,
  change_board_vote: 6,
  authority_decision: 7,
  implemented: 8,
};
function phase(e: RegisterEvent): number {
  if (e.event === 'consultation_opened' || e.event === 'consultation_closed') {
    return e.consultation === 'modification_report' ? 5 : 3;
  }
  const p = PHASE[e.event];
  assert.ok(p !== undefined, `unexpected event ${e.event}`);
  return p;
}

/** Checks one history against the SEC process; returns a description of the first problem, or null. */
function processProblem(p: RegisterProposal): string | null {
  const history = p.history ?? [];
  const first = history[0];
  if (!first || first.event !== 'raised' || first.on !== p.raised)
    return 'does not start with raised on its date';
  let last = 0;
  let voted: string | null = null;
  let decided: string | null = null;
  let inRefinement = false;
  for (const [i, e] of history.entries()) {
    if (e.event === 'withdrawn') {
      if (i !== history.length - 1) return 'withdrawn is not the last event';
      if (voted) return 'withdrawn after a Change Board vote';
      continue;
    }
    const ph = phase(e);
    if (ph < last) return `${e.event} comes after a later step`;
    if (
      ph >= 1 &&
      i > 0 &&
      !history.slice(0, i).some((x) => x.event === 'converted') &&
      e.event !== 'converted'
    ) {
      return `${e.event} before conversion`;
    }
    if (ph === 3 && !inRefinement) return `${e.event} outside the Refinement Process`;
    if (e.event === 'refinement_started') inRefinement = true;
    if (e.event === 'change_board_vote') {
      if (voted !== null && voted !== 'deferred') return 'a second vote after a decided one';
      if (
        !history
          .slice(0, i)
          .some((x) => x.event === 'consultation_closed' && x.consultation === 'modification_report')
      ) {
        return 'a vote before the Modification Report Consultation closed';
      }
      voted = e.outcome ?? 'missing';
    } else if (ph > 6 && voted === 'deferred') {
      return `${e.event} after a deferred vote`;
    }
    if (e.event === 'authority_decision') {
      if (p.path === 'self_governance') return 'an Authority decision on a Self-Governance proposal';
      if (!voted) return 'an Authority decision without a vote';
      decided = e.outcome ?? 'missing';
    }
    if (e.event === 'implemented') {
      const approved = p.path === 'self_governance' ? voted === 'approve' : decided === 'approve';
      if (!approved) return 'implemented without approval';
      if (!e.release) return 'implemented without a release';
    }
    last = ph;
  }
  return null;
}

void describe('generateRegister', () => {
  void test('the same seed gives the same register; another seed another one', () => {
    const again = generateRegister({ proposals: 500, seed: 42 });
    assert.deepEqual(again, small);
    assert.equal(stringify(again, { lineWidth: 0 }), stringify(small, { lineWidth: 0 }));
    const other = generateRegister({ proposals: 500, seed: 43 });
    assert.notDeepEqual(other.proposals, small.proposals);
  });

  void test('has the modgov/v1 shape and a realistic cast', () => {
    assert.deepEqual(Object.keys(small), [
      'format',
      'code',
      'organisations',
      'people',
      'committees',
      'releases',
      'meetings',
      'proposals',
      'papers',
    ]);
    assert.equal(small.format, 'modgov/v1');
    assert.equal(small.proposals.length, 500);
    assert.ok(small.organisations.length >= 35 && small.organisations.length <= 45);
    assert.ok(small.people.length >= 130 && small.people.length <= 170);
    const categories = new Set(small.organisations.map((o) => o.category));
    for (const c of [
      'large_supplier',
      'small_supplier',
      'electricity_network',
      'gas_network',
      'other_sec_party',
    ]) {
      assert.ok(categories.has(c), c);
    }
    for (const c of ['dcc', 'consumer_body', 'sub_committee', 'code_administrator'])
      assert.ok(categories.has(c), c);
    assert.deepEqual(
      small.people.find((p) => p.id === 'sec-change'),
      { id: 'sec-change', name: 'SEC Change', organisation: 'secas', kind: 'team' },
    );
    assert.deepEqual(
      small.committees.map((c) => c.id),
      ['PANEL', 'CSC', 'CB', 'OPSG', 'SSC', 'TABASC'],
    );
    const heading = (id: string) => small.committees.find((c) => c.id === id)?.impactHeading;
    assert.equal(heading('OPSG'), 'Anticipated Operational Impacts');
    assert.equal(heading('SSC'), 'Anticipated Security Impacts');
    assert.equal(heading('TABASC'), 'Anticipated Technical Impacts');
    // Releases: late February and early November, 2015 to 2030.
    assert.equal(small.releases.length, 32);
    for (const r of small.releases) {
      assert.match(r.id, /^(20(1[5-9]|2\d|30))-(02|11)$/);
      assert.ok(r.date.startsWith(r.id), `${r.id} on ${r.date}`);
      const d = Number(r.date.slice(8));
      assert.ok(r.id.endsWith('-02') ? d >= 20 : d <= 10, `${r.id} on ${r.date}`);
    }
    // Monthly Operations Group meetings.
    const opsg = small.meetings.filter((m) => m.committee === 'OPSG');
    assert.ok(opsg.length >= 12 * 11);
    assert.equal(new Set(opsg.map((m) => m.date.slice(0, 7))).size, opsg.length);
  });

  void test('proposal ids are unique, numbered in order, with 3 digits up to 999 proposals and 4 beyond', () => {
    for (const [register, width] of [
      [small, 3],
      [large, 4],
    ] as const) {
      const ids = register.proposals.map((p) => p.id);
      assert.equal(new Set(ids).size, ids.length);
      const numbers = ids.map((id) => {
        const m = new RegExp(`^(DP|MP)(\\d{${width}})$`).exec(id);
        assert.ok(m?.[2], `${id} is not (DP|MP) with ${width} digits`);
        return Number(m[2]);
      });
      assert.equal(new Set(numbers).size, numbers.length);
      assert.ok(Math.max(...numbers) <= 9999);
      // Numbered in the order raised.
      const raised = register.proposals.map((p) => p.raised);
      assert.deepEqual(raised, [...raised].sort());
    }
    assert.ok(large.proposals.every((p) => sec.register.proposalReference.test(p.id)));
    assert.equal(generateRegister({ proposals: 9999, seed: 1 }).proposals.at(-1)?.id.slice(2), '9999');
  });

  void test('refuses a count it cannot number', () => {
    assert.throws(() => generateRegister({ proposals: 0, seed: 1 }), RangeError);
    assert.throws(() => generateRegister({ proposals: 10_001, seed: 1 }), RangeError);
    assert.throws(() => generateRegister({ proposals: 1.5, seed: 1 }), RangeError);
  });

  void test('every referenced person, organisation, committee, meeting and release exists', () => {
    for (const register of [small, large] as GeneratedRegister[]) {
      const orgs = new Set(register.organisations.map((o) => o.id));
      const people = new Set(register.people.map((p) => p.id));
      const committees = new Set(register.committees.map((c) => c.id));
      const releases = new Set(register.releases.map((r) => r.id));
      const meetings = new Set(register.meetings.map((m) => `${m.committee}#${m.number}`));
      assert.equal(orgs.size, register.organisations.length, 'organisation ids unique');
      assert.equal(people.size, register.people.length, 'person ids unique');
      assert.ok(orgs.has(register.code.administrator));
      for (const p of register.people) assert.ok(orgs.has(p.organisation), `${p.id}: ${p.organisation}`);
      for (const c of register.committees) if (c.parent) assert.ok(committees.has(c.parent), c.id);
      for (const m of register.meetings) assert.ok(committees.has(m.committee), m.committee);
      assert.equal(meetings.size, register.meetings.length, 'meeting numbers unique per committee');
      const secas = new Set(register.people.filter((p) => p.organisation === 'secas').map((p) => p.id));
      const orgOf = new Map(register.people.map((p) => [p.id, p.organisation]));
      for (const p of register.proposals) {
        assert.ok(people.has(p.proposer), `${p.id} proposer ${p.proposer}`);
        assert.ok(secas.has(p.leadAnalyst), `${p.id} lead analyst ${p.leadAnalyst} is from SECAS`);
        assert.notEqual(orgOf.get(p.proposer), 'secas', `${p.id}: the code administrator may not raise`);
        for (const c of Object.keys(p.impacts)) assert.ok(committees.has(c), `${p.id} impacts ${c}`);
        for (const e of p.history ?? []) {
          if (e.by !== undefined) assert.ok(committees.has(e.by), `${p.id} ${e.event} by ${e.by}`);
          if (e.release !== undefined) assert.ok(releases.has(e.release), `${p.id} release ${e.release}`);
        }
      }
      for (const paper of register.papers) {
        assert.ok(meetings.has(`${paper.meeting.committee}#${paper.meeting.number}`), paper.reference);
        assert.ok(people.has(paper.author), paper.reference);
      }
    }
  });

  void test('dates are valid, histories are in date order and nothing happens after AS_OF', () => {
    for (const register of [small, large]) {
      for (const r of register.releases) assert.ok(isDate(r.date), r.date);
      for (const m of register.meetings) assert.ok(isDate(m.date), m.date);
      for (const paper of register.papers) {
        assert.ok(
          isDate(paper.date) && isDate(paper.covers.from) && isDate(paper.covers.to),
          paper.reference,
        );
        assert.ok(paper.covers.from <= paper.covers.to && paper.date <= AS_OF, paper.reference);
      }
      for (const p of register.proposals) {
        assert.ok(isDate(p.raised), `${p.id} raised ${p.raised}`);
        assert.ok(p.raised >= '2015-01-01' && p.raised <= AS_OF, `${p.id} raised ${p.raised}`);
        let previous = p.raised;
        for (const e of p.history ?? []) {
          assert.ok(isDate(e.on), `${p.id} ${e.event} on ${e.on}`);
          assert.ok(e.on >= previous, `${p.id}: ${e.event} on ${e.on} is before ${previous}`);
          assert.ok(e.on <= AS_OF, `${p.id}: ${e.event} on ${e.on} is after ${AS_OF}`);
          if (e.closes !== undefined)
            assert.ok(isDate(e.closes) && e.closes >= e.on, `${p.id} closes ${e.closes}`);
          if (e.event === 'implemented') {
            const release = register.releases.find((r) => r.id === e.release);
            assert.equal(e.on, release?.date, `${p.id} implemented on its release date`);
          }
          previous = e.on;
        }
      }
    }
    const years = new Set(large.proposals.map((p) => p.raised.slice(0, 4)));
    for (let y = 2015; y <= 2026; y++) assert.ok(years.has(String(y)), `proposals raised in ${y}`);
  });

  void test('histories follow the SEC process; only converted proposals are MPs', () => {
    for (const register of [small, large]) {
      for (const p of register.proposals) {
        const converted = (p.history ?? []).some((e) => e.event === 'converted');
        assert.equal(p.id.startsWith('MP'), converted, `${p.id}: MP if and only if converted`);
        if (p.history === undefined) {
          assert.equal(p.stage, 'development', p.id);
          continue;
        }
        assert.equal(p.stage, undefined, `${p.id} has a stage and a history`);
        assert.equal(processProblem(p), null, `${p.id}: ${processProblem(p)}`);
        if (converted) assert.ok(p.path, `${p.id} has a path once converted`);
      }
    }
  });

  void test('has a realistic mix of stages, outcomes, classifications and text', () => {
    const ps = large.proposals;
    const share = (f: (p: RegisterProposal) => boolean) => ps.filter(f).length / ps.length;
    const has = (p: RegisterProposal, event: string, outcome?: string) =>
      (p.history ?? []).some((e) => e.event === event && (outcome === undefined || e.outcome === outcome));
    const stageOnly = share((p) => p.stage === 'development');
    assert.ok(stageOnly > 0.15 && stageOnly < 0.25, `stage only: ${stageOnly}`);
    for (const [event, outcome] of [
      ['withdrawn'],
      ['implemented'],
      ['refinement_started'],
      ['working_group_meeting'],
      ['preliminary_assessment_returned'],
      ['change_board_vote', 'deferred'],
      ['change_board_vote', 'reject'],
      ['authority_decision', 'approve'],
      ['authority_decision', 'reject'],
    ] as const) {
      assert.ok(share((p) => has(p, event, outcome)) > 0.005, `${event} ${outcome ?? ''}`);
    }
    // Converted without refinement: straight to the Report Phase.
    assert.ok(share((p) => has(p, 'modification_report_approved') && !has(p, 'refinement_started')) > 0.05);
    // In flight: converted, not decided, not withdrawn.
    const inFlight = share(
      (p) =>
        has(p, 'converted') && !has(p, 'withdrawn') && !has(p, 'implemented') && !has(p, 'change_board_vote'),
    );
    assert.ok(inFlight > 0.01, `in flight: ${inFlight}`);
    const white = share((p) => p.classification === 'white');
    assert.ok(white > 0.75 && white < 0.95, `white: ${white}`);
    assert.ok(share((p) => p.classification === 'green') > 0.03);
    assert.ok(share((p) => p.classification === 'amber') > 0.01);
    assert.ok(share((p) => p.impacts.OPSG !== undefined) > 0.8);
    assert.ok(share((p) => p.impacts.SSC !== undefined) > 0.5);
    assert.ok(share((p) => /\n- /.test(p.summary)) > 0.1, 'some summaries have Markdown lists');
    for (const p of ps) {
      // Paragraphs of running text; a list belongs to the paragraph that introduces it.
      const paragraphs = p.summary
        .trim()
        .split(/\n\n/)
        .filter((block) => !block.startsWith('- ')).length;
      assert.ok(paragraphs >= 1 && paragraphs <= 4, `${p.id}: ${paragraphs} paragraphs`);
      assert.ok(p.title.length > 5 && p.affectedDocuments.length > 0, p.id);
    }
  });

  void test('generates 10,000 proposals in a few seconds', () => {
    const started = performance.now();
    generateRegister({ proposals: 10_000, seed: 99 });
    const ms = performance.now() - started;
    assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
  });
});

void describe('a generated register imports cleanly', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  void test('300 proposals, seed 1, as YAML', async () => {
    const register = generateRegister({ proposals: 300, seed: 1 });
    const text = stringify(register, { lineWidth: 0 });
    const result = await importRegister(
      { db: database.db, rules: sec },
      { files: [{ name: 'generated.yaml', text }] },
    );
    assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.errors.slice(0, 5), null, 2));
    assert.equal(result.counts.proposals, 300);
    assert.equal(result.counts.people, register.people.length);
    assert.equal(result.counts.organisations, register.organisations.length);
    assert.equal(
      result.counts.events,
      // A proposal given only its stage is recorded with one stage_declared event.
      register.proposals.reduce((n, p) => n + (p.history?.length ?? 1), 0),
    );
  });
});

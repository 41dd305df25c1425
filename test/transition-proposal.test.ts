import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exportRegister } from '../src/app/export-register.ts';
import { importRegister } from '../src/app/import-register.ts';
import { TransitionRefusedError, transitionProposal } from '../src/app/transition-proposal.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';
import { queryRows } from './support/sql.ts';

let database: Database;
const deps = () => ({ db: database.db, rules: sec });

before(async () => {
  database = await createTestDatabase();
  const result = await importRegister(deps(), { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] });
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
});
after(async () => {
  await database.close();
});

const audit = (reference: string) =>
  queryRows<{ actor: string; action: string; before: unknown; after: unknown }>(
    database.db,
    `select a.actor, a.action, a.before, a.after from audit_events a join proposals p on a.subject_id = p.id::text
     where a.subject_type = 'proposal' and p.reference = '${reference}' order by a.id`,
  );

describe('recording a lifecycle event', () => {
  test('the import wrote one audit record per proposal, and a second import of the same files writes none', async () => {
    assert.deepEqual(
      (await audit('MP112')).map((a) => [a.actor, a.action, a.after]),
      [['import', 'proposal.imported', { reference: 'MP112', stage: 'implemented' }]],
    );
    const again = await importRegister(deps(), { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] });
    assert.ok(again.ok);
    assert.equal((await audit('MP112')).length, 1);
  });

  test('a Change Board vote on a Draft Proposal is refused with the stage and the events allowed now, and nothing changes', async () => {
    const before = await exportRegister(deps(), { format: 'yaml' });
    await assert.rejects(
      transitionProposal(deps(), {
        reference: 'DP090',
        event: 'change_board_vote',
        on: '2019-12-01',
        by: 'CB',
        facts: { outcome: 'approve' },
        actor: 'analyst',
      }),
      (e: unknown) =>
        e instanceof TransitionRefusedError &&
        e.code === 'proposal.invalid_transition' &&
        e.status === 409 &&
        e.stage === 'development' &&
        e.allowed.join() === 'converted,withdrawn' &&
        e.message ===
          'DP090: "change_board_vote" cannot happen in the stage "Development (Draft Proposal)"; allowed now: converted, withdrawn',
    );
    assert.equal(await exportRegister(deps(), { format: 'yaml' }), before);
  });

  test('converting DP090 makes it MP090, moves its stage, appends its event and an audit record, in one go', async () => {
    const result = await transitionProposal(deps(), {
      reference: 'DP090',
      event: 'converted',
      on: '2019-12-04',
      by: 'CSC',
      actor: 'analyst',
      actorName: 'alison-beard',
    });
    assert.deepEqual(result, {
      reference: 'MP090',
      previousReference: 'DP090',
      stage: 'modification_proposal',
      previousStage: 'development',
    });
    const history = await queryRows<{ event: string; on: string; by: string | null }>(
      database.db,
      `select e.event, e.on::text as on, c.ref as by from proposal_events e join proposals p on p.id = e.proposal_id
       left join committees c on c.id = e.by_committee_id where p.reference = 'MP090' order by e.seq`,
    );
    assert.deepEqual(history, [
      { event: 'raised', on: '2019-10-16', by: null },
      { event: 'converted', on: '2019-12-04', by: 'CSC' },
    ]);
    const trail = await audit('MP090');
    assert.deepEqual(trail.at(-1), {
      actor: 'analyst:alison-beard',
      action: 'proposal.transitioned',
      before: { reference: 'DP090', stage: 'development' },
      after: {
        reference: 'MP090',
        stage: 'modification_proposal',
        event: 'converted',
        on: '2019-12-04',
        by: 'CSC',
      },
    });
  });

  test('either reference finds it, and the exported history re-imports through the engine', async () => {
    await transitionProposal(deps(), {
      reference: 'DP090',
      event: 'refinement_started',
      on: '2019-12-10',
      by: 'PANEL',
      actor: 'panel',
    });
    const exported = await exportRegister(deps(), { format: 'yaml' });
    const fresh = await createTestDatabase();
    try {
      const result = await importRegister(
        { db: fresh.db, rules: sec },
        { files: [{ name: 'export.yaml', text: exported }] },
      );
      assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
      assert.equal(await exportRegister({ db: fresh.db, rules: sec }, { format: 'yaml' }), exported);
    } finally {
      await fresh.close();
    }
  });

  test('a proposer may withdraw; a proposer may not convert', async () => {
    await assert.rejects(
      transitionProposal(deps(), {
        reference: 'DP092',
        event: 'converted',
        on: '2019-12-04',
        actor: 'proposer',
      }),
      (e: unknown) =>
        e instanceof TransitionRefusedError &&
        /recorded by import or analyst, not by proposer/.test(e.message),
    );
    const result = await transitionProposal(deps(), {
      reference: 'DP092',
      event: 'withdrawn',
      on: '2019-12-04',
      actor: 'proposer',
    });
    assert.equal(result.stage, 'withdrawn');
  });

  test('an unknown release is refused, naming it, and nothing is recorded', async () => {
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      'select count(*)::int as n from proposal_events',
    );
    await assert.rejects(
      transitionProposal(deps(), {
        reference: 'MP090',
        event: 'withdrawn',
        on: '2019-12-20',
        actor: 'analyst',
        facts: { release: '2099-01' },
      }),
      /"release" is not a fact of "withdrawn"/,
    );
    const [{ n: after } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      'select count(*)::int as n from proposal_events',
    );
    assert.equal(after, n);
  });
});

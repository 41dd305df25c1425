import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exportRegister } from '../src/app/export-register.ts';
import { importRegister } from '../src/app/import-register.ts';
import { NotEligibleError, raiseProposal } from '../src/app/raise-proposal.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';
import { queryRows } from './support/sql.ts';

let database: Database;
const deps = () => ({ db: database.db, rules: sec });

before(async () => {
  database = await createTestDatabase();
  const authority = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
organisations:
  - { id: ofgem, name: Ofgem, category: authority }
people:
  - { id: ofgem-analyst, name: An Ofgem Analyst, organisation: ofgem }
`;
  const result = await importRegister(deps(), {
    files: [fixtureFile('opsg'), fixtureFile('lifecycle'), { name: 'authority.yaml', text: authority }],
  });
  assert.ok(result.ok);
});
after(async () => {
  await database.close();
});

describe('raising a Draft Proposal', () => {
  test('a Party raises one: it takes the next number, starts in Development, and the audit log records the rule', async () => {
    const result = await raiseProposal(deps(), {
      proposer: 'simon-trivella',
      title: 'Clarify the Alert retention period',
      raised: '2020-06-01',
      actor: 'proposer',
    });
    assert.deepEqual(result, { reference: 'DP128', rule: 'D1.3(a)' });
    const [row] = await queryRows<{ stage: string; events: string }>(
      database.db,
      `select p.stage, string_agg(e.event, ',') as events from proposals p join proposal_events e on e.proposal_id = p.id
       where p.reference = 'DP128' group by p.stage`,
    );
    assert.deepEqual(row, { stage: 'development', events: 'raised' });
    const [audit] = await queryRows<{ action: string; after: { rule: string } }>(
      database.db,
      `select action, after from audit_events where action = 'proposal.raised'`,
    );
    assert.equal(audit?.after.rule, 'D1.3(a)');
  });

  test('the code administrator may not raise one, and the refusal names the rule; nothing is stored', async () => {
    const before = await exportRegister(deps(), { format: 'yaml' });
    await assert.rejects(
      raiseProposal(deps(), {
        proposer: 'jordan-crase',
        title: 'A change SECAS wants',
        raised: '2020-06-02',
        actor: 'analyst',
      }),
      (e: unknown) =>
        e instanceof NotEligibleError &&
        e.status === 403 &&
        /D1\.3/.test(e.message) &&
        /code administrator/i.test(e.message),
    );
    assert.equal(await exportRegister(deps(), { format: 'yaml' }), before);
  });

  test('only the Panel may raise a Fast-Track Modification', async () => {
    await assert.rejects(
      raiseProposal(deps(), {
        proposer: 'mari-toda',
        title: 'Fast',
        kind: 'fast_track',
        raised: '2020-06-03',
        actor: 'proposer',
      }),
      (e: unknown) => e instanceof NotEligibleError && /Fast-Track/.test(e.message),
    );
  });

  test('the Authority must give its reason, which the raised event records and the export keeps', async () => {
    await assert.rejects(
      raiseProposal(deps(), {
        proposer: 'ofgem-analyst',
        title: 'European compliance',
        raised: '2020-06-04',
        actor: 'proposer',
      }),
      (e: unknown) => e instanceof NotEligibleError && /European|Significant Code Review/.test(e.message),
    );
    const ok = await raiseProposal(deps(), {
      proposer: 'ofgem-analyst',
      title: 'European compliance',
      raised: '2020-06-04',
      reason: { code: 'european_compliance' },
      actor: 'proposer',
    });
    assert.equal(ok.rule, 'D1.3(d)');
    const exported = await exportRegister(deps(), { format: 'json' });
    const register = JSON.parse(exported) as {
      proposals: { id: string; history: { event: string; reason?: string }[] }[];
    };
    const raised = register.proposals.find((p) => p.id === ok.reference)?.history[0];
    assert.equal(raised?.event, 'raised');
    assert.match(raised?.reason ?? '', /European/i);
  });
  test('raises at the same instant take turns: each gets its own next number, none fails', async () => {
    const [before] = await queryRows<{ n: number }>(
      database.db,
      `select max(number)::int as n from proposals where code_id = 'SEC'`,
    );
    const first = (before?.n ?? 0) + 1;
    const raised = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        raiseProposal(deps(), {
          proposer: 'simon-trivella',
          title: `Raised at once ${i + 1}`,
          raised: '2020-06-05',
          actor: 'proposer',
        }),
      ),
    );
    const numbers = raised.map((r) => Number(r.reference.slice(2))).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 8 }, (_, i) => first + i),
    );
  });
});

// Office closures: added through the one use case, audited (before and after), refused with the field named.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addClosure, ClosureInputError } from '../src/app/add-closure.ts';
import { verifyAuditLog } from '../src/app/verify-audit-log.ts';
import type { Database } from '../src/db/connect.ts';
import { createTestDatabase } from './support/db.ts';
import { queryRows } from './support/sql.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

const auditRows = () =>
  queryRows<{ action: string; subject_id: string; before: unknown; after: unknown }>(
    database.db,
    "select action, subject_id, before, after from audit_events where subject_type = 'closure' order by id",
  );

describe('office closures', () => {
  it('adding, renaming and re-adding the same closure leave one audit record per change', async () => {
    const deps = { db: database.db };
    await addClosure(deps, { date: '2019-12-27', name: 'Office closed' });
    await addClosure(deps, { date: '2019-12-27', name: 'Office closed' });
    await addClosure(deps, { date: '2019-12-27', name: 'Christmas closure', actor: 'user:1' });
    assert.deepEqual(await auditRows(), [
      {
        action: 'closure.added',
        subject_id: '2019-12-27',
        before: null,
        after: { date: '2019-12-27', name: 'Office closed' },
      },
      {
        action: 'closure.renamed',
        subject_id: '2019-12-27',
        before: { date: '2019-12-27', name: 'Office closed' },
        after: { date: '2019-12-27', name: 'Christmas closure' },
      },
    ]);
    const verified = await verifyAuditLog({ db: database.db });
    assert.equal(verified.ok, true);
  });

  it('a date that does not exist, or no name, is refused naming the field, and nothing is stored', async () => {
    const deps = { db: database.db };
    await assert.rejects(addClosure(deps, { date: '2019-02-30', name: 'x' }), (e: unknown) => {
      assert.ok(e instanceof ClosureInputError);
      assert.match(e.message, /^date: /);
      return true;
    });
    await assert.rejects(addClosure(deps, { date: '2019-12-30', name: '  ' }), /^ClosureInputError: name: /);
    assert.equal((await auditRows()).length, 2);
    const stored = await queryRows<{ date: string }>(
      database.db,
      'select date::text as date from calendar_closures',
    );
    assert.deepEqual(stored, [{ date: '2019-12-27' }]);
  });
});

// `modgov outcome` and `modgov action add|done|list` (issue 7, decisions at meetings), run as the real command
// against a fresh data directory (or a new PostgreSQL database on the PostgreSQL pass) holding the October 2019
// Operations Group register: meeting 26 (5 November 2019) notes item 16, then agrees it, keeping its notes; it
// gives an action to a user (by e-mail) and one to someone without an account (by name); one is marked done. Each
// writes its audit record as the `analyst`, as the other meeting commands do. Every refusal exits 2, names the
// option to correct, and stores nothing. `action list` prints a table of the open actions (or all, with --all).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { runCli } from '../src/cli/program.ts';
import { runModgov, type CliRun } from './support/cli.ts';
import { createEmptyPostgresDatabase } from './support/db.ts';
import { FIXTURES } from './support/fixtures.ts';
import { queryRows } from './support/sql.ts';

const dir = mkdtempSync(join(tmpdir(), 'modgov-outcomes-cli-'));
const pgUrl = process.env.DATABASE_URL;
let storage: { args: string[]; env: NodeJS.ProcessEnv; url?: string; drop?: () => Promise<void> };
/** The real `modgov` command, in a child process: the first run of each command. */
const modgov = (args: string[]) => runModgov([...args, ...storage.args], storage.env);

/** The same command line run in this process (runCli, as src/main.ts runs it), for speed: the rest. */
async function cli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const url = process.env.DATABASE_URL;
  // the command writes text; the test runner reports through standard output too, in binary: let that through
  process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string')
      return (out as (c: Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    stdout += chunk;
    return true;
  };
  process.stderr.write = (chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  };
  if (storage.url) process.env.DATABASE_URL = storage.url;
  else delete process.env.DATABASE_URL;
  try {
    return { code: await runCli([...args, ...storage.args]), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    if (url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = url;
  }
}

/** Opens the pass's storage directly, as someone with database access would, while no command runs. */
async function withDirect<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = storage.url
    ? await openDatabase({ databaseUrl: storage.url })
    : await openDatabase({ dataDir: join(dir, 'data') });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

interface AuditRow {
  actor: string;
  subject_type: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
const auditOf = (action: string) =>
  withDirect((d) =>
    queryRows<AuditRow>(
      d.db,
      `select actor, subject_type, before, after from audit_events where action = '${action}' order by id`,
    ),
  );

/** Everything these commands may store: outcomes, actions and audit records. */
const stored = () =>
  withDirect(async (d) => ({
    outcomes: await queryRows(d.db, 'select * from agenda_item_outcomes order by meeting_id, item'),
    actions: await queryRows(d.db, 'select * from meeting_actions order by id'),
    audit: (await queryRows<{ n: number }>(d.db, 'select count(*)::int as n from audit_events'))[0]?.n,
  }));

/** Runs each refusal, expecting exit 2 and a message naming the option, then that nothing was stored. */
async function assertRefused(cases: readonly (readonly [string[], RegExp])[]): Promise<void> {
  const before = await stored();
  for (const [args, message] of cases) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, message, args.join(' '));
    assert.equal(run.stdout, '', args.join(' '));
  }
  assert.deepEqual(await stored(), before, 'nothing was stored');
}

const MEETING_26 = ['--committee', 'OPSG', '--meeting', '26'];
const OUTCOME_16 = ['outcome', ...MEETING_26, '--item', '16'];
const ADD = ['action', 'add', ...MEETING_26];
const TEXT = 'Circulate the revised alert list to members';
/** The ids of the actions added: the analyst's, Jo Bloggs', and one due far ahead. */
const ids = { analyst: 0, jo: 0, later: 0 };

before(async () => {
  if (pgUrl) {
    const empty = await createEmptyPostgresDatabase(pgUrl);
    storage = { args: [], env: { DATABASE_URL: empty.url }, url: empty.url, drop: empty.drop };
  } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
  const imported = await modgov(['import', FIXTURES.opsg]);
  assert.equal(imported.code, 0, imported.stderr);
  for (const [email, name] of [
    ['analyst@example.com', 'Ann Analyst'],
    ['other@example.com', 'Otto Other'],
  ] as const) {
    const user = await cli(['user', 'add', '--email', email, '--name', name, '--role', 'analyst']);
    assert.equal(user.code, 0, user.stderr);
  }
});
after(async () => {
  await storage.drop?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('modgov outcome', () => {
  it('records item 16 as noted, with notes and an audit record by the analyst', async () => {
    const run = await modgov([...OUTCOME_16, '--outcome', 'noted', '--notes', 'Members had no comments.']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      'OPSG meeting 26, item 16: noted (notes: Members had no comments.) (recorded).\n',
    );
    const audit = await auditOf('meeting.outcome_recorded');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, 'analyst');
    assert.equal(audit[0]?.subject_type, 'meeting');
    assert.equal(audit[0]?.before, null);
    assert.deepEqual(audit[0]?.after, {
      committee: 'OPSG',
      meeting: 26,
      item: 16,
      outcome: 'noted',
      notes: 'Members had no comments.',
    });
  });

  it('replaces it with agreed, keeping the notes when --notes is not given; the same again changes nothing', async () => {
    const run = await cli([...OUTCOME_16, '--outcome', 'agreed']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      'OPSG meeting 26, item 16: agreed (notes: Members had no comments.) (recorded; it was noted).\n',
    );
    const same = await cli([...OUTCOME_16, '--outcome', 'agreed']);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /\(already recorded; nothing changed\)\.\n$/);
    const audit = await auditOf('meeting.outcome_recorded');
    assert.equal(audit.length, 2);
    assert.equal(audit[1]?.before?.outcome, 'noted');
    assert.equal(audit[1]?.after?.outcome, 'agreed');
    assert.equal(audit[1]?.after?.notes, 'Members had no comments.');
    // --notes "" clears them
    const cleared = await cli([...OUTCOME_16, '--outcome', 'agreed', '--notes', '']);
    assert.equal(cleared.stdout, 'OPSG meeting 26, item 16: agreed (recorded; it was agreed).\n');
    assert.equal((await stored()).outcomes[0]?.notes, null);
  });

  it('refuses, naming the option, and stores nothing', async () => {
    // the real command too: its exit status and message
    const real = await modgov([...OUTCOME_16, '--outcome', 'noted', '--meeting', '99']);
    assert.equal(real.code, 2, real.stderr);
    assert.match(real.stderr, /^--meeting: There is no meeting 99 of the committee "OPSG"/);
    await assertRefused([
      [
        ['outcome', '--committee', 'XYZ', '--meeting', '26', '--item', '16', '--outcome', 'noted'],
        /^--committee: There is no committee "XYZ"/,
      ],
      [
        ['outcome', '--committee', 'OPSG', '--meeting', '99', '--item', '16', '--outcome', 'noted'],
        /^--meeting: There is no meeting 99 of the committee "OPSG"/,
      ],
      [
        [...OUTCOME_16, '--outcome', 'approved'],
        /option '--outcome <outcome>' argument 'approved' is invalid\. Allowed choices are noted, agreed, deferred/,
      ],
      [[...OUTCOME_16], /required option '--outcome <outcome>' not specified/],
      [
        ['outcome', ...MEETING_26, '--item', '1000', '--outcome', 'noted'],
        /^--item: An agenda item is a whole number from 1 to 999, not 1000\./,
      ],
      [
        ['outcome', ...MEETING_26, '--item', 'sixteen', '--outcome', 'noted'],
        /option '--item <number>' argument 'sixteen' is invalid/,
      ],
      [
        [...OUTCOME_16, '--outcome', 'deferred', '--notes', 'x'.repeat(2001)],
        /^--notes: The notes must be 2000 characters or fewer\./,
      ],
    ]);
  });
});

describe('modgov action add', () => {
  it('adds an action for a user, by e-mail, and prints its id; the audit record names the analyst', async () => {
    const run = await modgov([
      ...ADD,
      '--item',
      '16',
      '--text',
      TEXT,
      '--owner',
      'Analyst@Example.com',
      '--due',
      '2019-11-26',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const m = /^Added action (\d+) to OPSG meeting 26, item 16; owner Ann Analyst; due 2019-11-26\.\n$/.exec(
      run.stdout,
    );
    assert.ok(m, run.stdout);
    ids.analyst = Number(m[1]);
    const audit = await auditOf('meeting.action_added');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, 'analyst');
    assert.deepEqual(audit[0]?.after, {
      action: ids.analyst,
      committee: 'OPSG',
      meeting: 26,
      item: 16,
      text: TEXT,
      ownerUserId: Number((await stored()).actions[0]?.owner_user_id),
      ownerName: 'Ann Analyst',
      dueOn: '2019-11-26',
    });
    assert.ok(Number((await stored()).actions[0]?.owner_user_id) > 0, 'owned by the user');
  });

  it('adds one for someone without an account, by name, with no item or due date', async () => {
    const run = await cli([...ADD, '--text', 'Report back on the trial', '--owner-name', 'Jo Bloggs (DCC)']);
    assert.equal(run.code, 0, run.stderr);
    const m = /^Added action (\d+) to OPSG meeting 26; owner Jo Bloggs \(DCC\)\.\n$/.exec(run.stdout);
    assert.ok(m, run.stdout);
    ids.jo = Number(m[1]);
    const later = await cli([
      ...ADD,
      '--text',
      'Review the alerts\nin a year',
      '--owner-name',
      'Jo Bloggs (DCC)',
      '--due',
      '2099-01-05',
    ]);
    assert.equal(later.code, 0, later.stderr);
    ids.later = Number(/^Added action (\d+)/.exec(later.stdout)?.[1]);
    const actions = (await stored()).actions;
    assert.deepEqual(
      actions.map((a) => [Number(a.id), a.item, a.owner_user_id, a.owner_name, a.due_on]),
      [
        [ids.analyst, 16, actions[0]?.owner_user_id, null, '2019-11-26'],
        [ids.jo, null, null, 'Jo Bloggs (DCC)', null],
        [ids.later, null, null, 'Jo Bloggs (DCC)', '2099-01-05'],
      ],
    );
  });

  it('refuses, naming the option, and stores nothing', async () => {
    const owner = ['--owner', 'analyst@example.com'];
    await assertRefused([
      [
        ['action', 'add', '--committee', 'XYZ', '--meeting', '26', '--text', TEXT, ...owner],
        /^--committee: There is no committee "XYZ"/,
      ],
      [
        ['action', 'add', '--committee', 'OPSG', '--meeting', '99', '--text', TEXT, ...owner],
        /^--meeting: There is no meeting 99/,
      ],
      [
        [...ADD, '--text', TEXT, ...owner, '--due', '2019-02-30'],
        /option '--due <date>' argument '2019-02-30' is invalid\. a real date as YYYY-MM-DD/,
      ],
      [
        [...ADD, '--text', TEXT, ...owner, '--due', '2019-11-04'],
        /^--due: The due date must be on or after the day of the meeting, 2019-11-05\./,
      ],
      [
        [...ADD, '--text', TEXT, '--owner', 'nobody@example.com'],
        /^--owner: There is no active user with the e-mail address nobody@example\.com/,
      ],
      [
        [...ADD, '--text', TEXT, '--owner', 'Ann Analyst'],
        /^--owner: a user's e-mail address, not "Ann Analyst"; for someone without an account use --owner-name\./,
      ],
      [
        [...ADD, '--text', TEXT, '--owner-name', 'jo@example.com'],
        /^--owner-name: a name, not an e-mail address/,
      ],
      [
        [...ADD, '--text', TEXT, '--owner-name', 'x'.repeat(201)],
        /^--owner-name: The owner must be 200 characters or fewer\./,
      ],
      [
        [...ADD, '--text', TEXT, ...owner, '--owner-name', 'Jo'],
        /option '--owner <email>' cannot be used with option '--owner-name <name>'/,
      ],
      [[...ADD, '--text', TEXT], /^--owner or --owner-name: give the owner/],
      [[...ADD, '--text', '  ', ...owner], /^--text: Enter what the action is\./],
      [[...ADD, ...owner], /required option '--text <text>' not specified/],
      [
        [...ADD, '--item', '1000', '--text', TEXT, ...owner],
        /^--item: An agenda item is a whole number from 1 to 999/,
      ],
    ]);
  });
});

describe('modgov action list', () => {
  it('prints the open actions as a table, due soonest first, the overdue marked', async () => {
    const run = await modgov(['action', 'list']);
    assert.equal(run.code, 0, run.stderr);
    const id = (n: number) => String(n).padEnd(Math.max(2, String(ids.later).length));
    assert.equal(
      run.stdout,
      [
        `${'ID'.padEnd(id(0).length)}  Meeting  Item  Owner            Due         Status   Action`,
        `${id(ids.analyst)}  OPSG 26  16    Ann Analyst      2019-11-26  OVERDUE  ${TEXT}`,
        `${id(ids.later)}  OPSG 26  -     Jo Bloggs (DCC)  2099-01-05  open     Review the alerts in a year`,
        `${id(ids.jo)}  OPSG 26  -     Jo Bloggs (DCC)  -           open     Report back on the trial`,
        '',
      ].join('\n'),
    );
    const opsg = await cli(['action', 'list', '--committee', 'OPSG']);
    assert.equal(opsg.stdout, run.stdout);
  });

  it("lists one owner's, and says when there are none", async () => {
    const mine = await cli(['action', 'list', '--owner', 'ANALYST@example.com']);
    assert.equal(mine.code, 0, mine.stderr);
    assert.deepEqual(
      mine.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(/\s{2,}/)[0]),
      [String(ids.analyst)],
    );
    const none = await cli(['action', 'list', '--owner', 'other@example.com']);
    assert.equal(none.stdout, 'No open actions.\n');
    const csc = await cli(['action', 'list', '--committee', 'CSC']);
    assert.equal(csc.code, 0, csc.stderr);
    assert.equal(csc.stdout, 'No open actions.\n');
  });

  it('refuses an unknown committee or owner, naming the option', async () => {
    await assertRefused([
      [
        ['action', 'list', '--committee', 'XYZ'],
        /^--committee: There is no committee "XYZ" in the SEC register\./,
      ],
      [
        ['action', 'list', '--owner', 'nobody@example.com'],
        /^--owner: There is no user with the e-mail address nobody@example\.com\./,
      ],
      [['action', 'list', '--owner', 'Jo Bloggs'], /^--owner: "Jo Bloggs" is not an e-mail address\./],
    ]);
  });
});

describe('modgov action done', () => {
  it('marks an action done on the day given, with an audit record by the analyst', async () => {
    const run = await modgov(['action', 'done', String(ids.analyst), '--on', '2019-11-20']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `Action ${ids.analyst} (OPSG meeting 26) marked done on 2019-11-20.\n`);
    const audit = await auditOf('meeting.action_completed');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, 'analyst');
    assert.deepEqual(audit[0]?.before, { action: ids.analyst, doneOn: null });
    assert.deepEqual(audit[0]?.after, { action: ids.analyst, doneOn: '2019-11-20' });
  });

  it('leaves the open list; --all shows it done, after the open ones', async () => {
    const open = await cli(['action', 'list']);
    assert.ok(!open.stdout.includes(TEXT), open.stdout);
    const all = await cli(['action', 'list', '--all']);
    assert.equal(all.code, 0, all.stderr);
    const lines = all.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(
      lines[3] ?? '',
      new RegExp(
        `^${ids.analyst}\\s+OPSG 26\\s+16\\s+Ann Analyst\\s+2019-11-26\\s+done 2019-11-20\\s+${TEXT}$`,
      ),
    );
    const mine = await cli(['action', 'list', '--all', '--owner', 'analyst@example.com']);
    assert.equal(mine.stdout.trimEnd().split('\n').length, 2);
    assert.equal(
      (await cli(['action', 'list', '--owner', 'analyst@example.com'])).stdout,
      'No open actions.\n',
    );
  });

  it('refuses an action done twice, an unknown one, a day before the meeting or not a date, storing nothing', async () => {
    await assertRefused([
      [['action', 'done', String(ids.analyst)], /^<id>: This action was already done on 2019-11-20\./],
      [['action', 'done', '99999'], /^<id>: There is no action 99999\./],
      [['action', 'done', 'three'], /argument 'id'.*a whole number from 1/],
      [
        ['action', 'done', String(ids.jo), '--on', '2019-11-01'],
        /^--on: The day it was done must be on or after the meeting, 2019-11-05\./,
      ],
      [
        ['action', 'done', String(ids.jo), '--on', '20/11/2019'],
        /option '--on <date>' argument '20\/11\/2019' is invalid/,
      ],
    ]);
  });

  it("is today's day in London unless given", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const run = await cli(['action', 'done', String(ids.jo)]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `Action ${ids.jo} (OPSG meeting 26) marked done on ${today}.\n`);
  });
});

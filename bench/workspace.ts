// The analysts' workspace bench: the queue (/workspace) over a generated register, computing every open
// proposal's timetable in bulk (getWorkspace, as the page does) against the same timetables computed one
// proposal at a time (getProposalTimetable per open proposal, as the workspace did before: the baseline), in one
// process on one database. Writes its table into BENCHMARKS.md under "## Analysts' workspace" (that section only).
//
// Env knobs:
//   BENCH_WORKSPACE_PROPOSALS  proposals in the generated register (default 10000)
//   BENCH_WORKSPACE_RUNS       measured rounds (default 5), after one warm-up round
//   DATABASE_URL               measure on this PostgreSQL instead of an in-memory PGlite (it must be empty)
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { generateRegister } from '../src/app/generate-register.ts';
import { getProposalTimetable } from '../src/app/get-proposal-timetable.ts';
import { getWorkspace, WORKSPACE_PROPOSAL_LIMIT } from '../src/app/get-workspace.ts';
import { importRegister } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import { migrateDatabase, openDatabase } from '../src/db/connect.ts';
import { listOpenVisibleProposals } from '../src/db/workspace.repository.ts';
import { viewerOf } from '../src/domain/access/visibility.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCHMARKS_FILE = join(ROOT, 'BENCHMARKS.md');
const HEADING = "## Analysts' workspace";
const SEED = 1;
/** The generated register's own "today" is its last raised date; the queue is read as of this day. */
const AS_OF = '2026-11-28';

const log = (msg: string) => process.stderr.write(`bench:workspace: ${msg}\n`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = Number(raw || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number from 1, not "${raw}"`);
  return n;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
};
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

async function main(): Promise<void> {
  const proposals = positiveInt('BENCH_WORKSPACE_PROPOSALS', 10_000);
  const runs = positiveInt('BENCH_WORKSPACE_RUNS', 5);
  const database = await openDatabase(
    process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { memory: {} },
  );
  try {
    await migrateDatabase(database);
    const deps = { db: database.db, rules: sec, today: () => AS_OF };
    log(`generating and importing ${proposals.toLocaleString('en-GB')} proposals into ${database.kind}...`);
    const register = generateRegister({ proposals, seed: SEED });
    const imported = await importRegister(deps, {
      files: [{ name: 'generated.json', text: JSON.stringify(register) }],
    });
    if (!imported.ok)
      throw new Error(`the import was refused: ${JSON.stringify(imported.errors.slice(0, 3))}`);

    // an administrator sees every proposal: the heaviest queue
    const user = { id: 1, organisationId: null, roles: [{ role: 'administrator' }], personId: null };
    const viewer = viewerOf(user);
    const finalStages = sec.lifecycle.stages.filter((s) => s.final).map((s) => s.slug);

    const oneByOne = async () => {
      const open = await listOpenVisibleProposals(
        database.db,
        { codeId: sec.id, viewer },
        finalStages,
        WORKSPACE_PROPOSAL_LIMIT + 1,
      );
      let milestones = 0;
      for (const row of open.slice(0, WORKSPACE_PROPOSAL_LIMIT)) {
        const t = await getProposalTimetable(deps, { viewer, reference: row.reference });
        milestones += t?.milestones.length ?? 0;
      }
      return { open: Math.min(open.length, WORKSPACE_PROPOSAL_LIMIT), milestones };
    };
    const bulk = async () => {
      const w = await getWorkspace(deps, { user });
      return { open: w.openProposals, milestones: w.dueThisWeek.length + w.overdue.length };
    };

    const rows = [
      {
        what: 'one timetable at a time (`getProposalTimetable` per open proposal): the baseline',
        run: oneByOne,
      },
      { what: 'the workspace (`getWorkspace`, timetables in bulk)', run: bulk },
    ];
    const times = rows.map((): number[] => []);
    let open = 0;
    for (let round = -1; round < runs; round++) {
      for (const [i, row] of rows.entries()) {
        const t0 = performance.now();
        const r = await row.run();
        if (round >= 0) times[i]?.push(performance.now() - t0);
        open = r.open;
      }
      log(`round ${round + 1} of ${runs}`);
    }
    const medians = times.map(median);
    const baseline = medians[0] ?? 1;
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const text = [
      HEADING,
      '',
      '<!-- Generated by `node --import tsx bench/workspace.ts` (npm run bench:workspace), which rewrites this section only. -->',
      '',
      `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      '',
      `- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${database.kind === 'pglite' ? 'PGlite in memory' : 'PostgreSQL'}.`,
      `- Register: ${proposals.toLocaleString('en-GB')} proposals generated with \`generateRegister\` (seed ${SEED}); the queue of an administrator (who sees them all) as of ${AS_OF}, looking at ${open} open proposals (the cap is ${WORKSPACE_PROPOSAL_LIMIT}).`,
      `- Median of ${runs} rounds after one warm-up round, both rows in each round, in one process.`,
      '',
      '| Computing the queue | median | vs baseline |',
      '| --- | --: | --: |',
      ...rows.map(
        (row, i) =>
          `| ${row.what} | ${ms(medians[i] ?? 0)} ms | ${i === 0 ? '1×' : `${(baseline / (medians[i] || 1)).toFixed(1)}× faster`} |`,
      ),
      '',
    ].join('\n');
    const config = (await prettier.resolveConfig(BENCHMARKS_FILE)) ?? {};
    const formatted = await prettier.format(text, {
      ...config,
      parser: 'markdown',
      filepath: BENCHMARKS_FILE,
    });
    let current = '# Benchmarks\n';
    try {
      current = readFileSync(BENCHMARKS_FILE, 'utf8');
    } catch {
      // a fresh file
    }
    const at = current.indexOf(`\n${HEADING}\n`);
    let next = -1;
    if (at >= 0) {
      const after = current.slice(at + HEADING.length + 2).search(/^## /m);
      next = after < 0 ? -1 : at + HEADING.length + 2 + after;
    }
    const updated =
      at < 0
        ? `${current.replace(/\s*$/, '')}\n\n${formatted}`
        : `${current.slice(0, at + 1)}${formatted}${next < 0 ? '' : `\n${current.slice(next)}`}`;
    writeFileSync(BENCHMARKS_FILE, updated);
    process.stdout.write(formatted);
  } finally {
    await database.close();
  }
}

await main();

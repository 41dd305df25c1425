// npm run bench: imports a generated register into embedded PGlite and into a throwaway PostgreSQL 15 cluster,
// then loads each with autocannon through a `modgov serve` running in its own process, and rewrites
// BENCHMARKS.md with the figures (that file is generated entirely by this script).
//
// Env knobs:
//   BENCH_PROPOSALS  proposals to generate and import (default 10000, at most 10000)
//   BENCH_DURATION   seconds of load per URL (default 10)
//   BENCH_ONLY       pglite | postgres (default: both)
//
// Everything lives in a fresh mktemp directory that is removed at the end; the PostgreSQL cluster and the server
// processes are always stopped, also on error or Ctrl-C. Progress goes to stderr, the results table to stdout.
//
// The import runs in a child process (this file again, with --import-worker), so its peak RSS is the import's own
// and not the sum of everything the bench did before.
import { execFile, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import * as prettier from 'prettier';
import { generateRegister, MAX_PROPOSALS } from '../src/app/generate-register.ts';
import { importRegister, type ImportCounts } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import { migrateDatabase, openDatabase } from '../src/db/connect.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCHMARKS_FILE = join(ROOT, 'BENCHMARKS.md');
const SEED = 1;
const CONNECTIONS = 10;
/** Sequential requests per URL before its measurement: checks the status and warms the JIT and caches. */
const WARMUP_REQUESTS = 20;
const SERVER_READY_TIMEOUT_MS = 180_000;
/**
 * The register's searched and filtered views, as the generated register (seed 1) has them: proposals with an
 * impact for the Security Sub-Committee raised by the DCC since 2020 (765 of the 8,498 White at 10,000); a
 * search for a word one in five proposals use (1,733: all ranked, 50 with snippets); the two together.
 */
const FILTERED_VIEW = 'committee=SSC&organisation=dcc&raisedFrom=2020-01-01';
const SEARCH = 'q=alerts';
const SEARCH_FILTER = 'stage=implemented';

type Kind = 'pglite' | 'postgres';
const KIND_NAME: Record<Kind, string> = { pglite: 'PGlite (embedded)', postgres: 'PostgreSQL' };

const execFileAsync = promisify(execFile);
const now = () => performance.now();
const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const int = (n: number) => Math.round(n).toLocaleString('en-GB');

// ---------------------------------------------------------------------------------------------------------
// The import worker: a child process that opens one database, migrates it, imports the register file and
// reports its timings over IPC.

interface ImportReport {
  openMs: number;
  migrateMs: number;
  checkMs: number;
  /** From the end of the check to the last proposal row written. */
  writeProposalsMs: number;
  /** After the proposal rows: history events, impacts, papers, and the commit. */
  writeDetailsMs: number;
  writeMs: number;
  importMs: number;
  counts: ImportCounts;
  maxRssBytes: number;
  dbSizeBytes: number;
  serverVersion: string;
}

type WorkerMessage = { ok: true; report: ImportReport } | { ok: false; error: string };

async function importWorker(kind: Kind, file: string, target: string): Promise<void> {
  const label = `${kind} import`;
  const t0 = now();
  const database = await openDatabase(
    kind === 'postgres' ? { databaseUrl: target } : { dataDir: target, command: 'npm run bench (import)' },
  );
  try {
    const t1 = now();
    await migrateDatabase(database);
    const t2 = now();
    const text = readFileSync(file, 'utf8');
    const t3 = now();
    let checked = t3;
    let proposalsWritten = t3;
    let lastTenth = -1;
    const result = await importRegister(
      { db: database.db, rules: sec },
      { files: [{ name: file, text }] },
      {
        onProgress: ({ phase, done, total }) => {
          if (phase === 'check') {
            checked = now();
            process.stderr.write(`${label}: read and checked in ${seconds(checked - t3)} s\n`);
            return;
          }
          const tenth = Math.floor((done / Math.max(total, 1)) * 10);
          if (tenth > lastTenth) {
            lastTenth = tenth;
            process.stderr.write(`${label}: ${done}/${total} proposals (${seconds(now() - t3)} s)\n`);
          }
          if (done === total) {
            proposalsWritten = now();
            process.stderr.write(
              `${label}: proposal rows written; now history events, impacts and papers...\n`,
            );
          }
        },
      },
    );
    const t4 = now();
    if (!result.ok)
      throw new Error(`the import was refused: ${JSON.stringify(result.errors.slice(0, 5), null, 1)}`);
    const row = async <T>(query: ReturnType<typeof sql>): Promise<T | undefined> => {
      const result: unknown = await database.db.execute(query);
      return (result as { rows: T[] }).rows[0];
    };
    const version = await row<{ version: string }>(sql`select version() as version`);
    const size = await row<{ size: string | number }>(
      sql`select pg_database_size(current_database()) as size`,
    );
    const report: ImportReport = {
      openMs: t1 - t0,
      migrateMs: t2 - t1,
      checkMs: checked - t3,
      writeProposalsMs: proposalsWritten - checked,
      writeDetailsMs: t4 - proposalsWritten,
      writeMs: t4 - checked,
      importMs: t4 - t3,
      counts: result.counts,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      dbSizeBytes: Number(size?.size ?? 0),
      serverVersion: version?.version ?? 'unknown',
    };
    process.send?.({ ok: true, report } satisfies WorkerMessage);
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Settings.

interface Settings {
  proposals: number;
  durationS: number;
  kinds: Kind[];
}

function settingsFromEnv(env: NodeJS.ProcessEnv): Settings {
  const proposals = Number(env.BENCH_PROPOSALS || 10_000);
  if (!Number.isInteger(proposals) || proposals < 1 || proposals > MAX_PROPOSALS)
    throw new UsageError(`BENCH_PROPOSALS must be a whole number from 1 to ${MAX_PROPOSALS}`);
  const durationS = Number(env.BENCH_DURATION || 10);
  if (!Number.isFinite(durationS) || durationS <= 0)
    throw new UsageError('BENCH_DURATION must be a positive number of seconds');
  const only = env.BENCH_ONLY || '';
  if (only !== '' && only !== 'pglite' && only !== 'postgres')
    throw new UsageError('BENCH_ONLY must be pglite or postgres (or unset for both)');
  return { proposals, durationS, kinds: only === '' ? ['pglite', 'postgres'] : [only] };
}

class UsageError extends Error {}

/** The command as it was run, with the knobs that were set. */
function commandLine(env: NodeJS.ProcessEnv): string {
  const knobs = ['BENCH_PROPOSALS', 'BENCH_DURATION', 'BENCH_ONLY']
    .filter((k) => env[k])
    .map((k) => `${k}=${env[k]}`);
  const run = env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node --import tsx bench/run.ts';
  return [...knobs, run].join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// Cleanup: everything started is stopped, in reverse order, on success, on error and on a signal.

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
function onCleanup(name: string, run: () => Promise<void> | void): () => Promise<void> {
  const entry = { name, run };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await run();
  };
}
async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    const entry = cleanups.pop();
    if (!entry) break;
    try {
      await entry.run();
    } catch (e) {
      log(`cleanup "${entry.name}" failed: ${(e as Error).message}`);
    }
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess, name: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, 15_000)) return;
  log(`${name} (pid ${child.pid}) did not stop on SIGTERM: killing it`);
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL cluster, import, server.

async function startPostgres(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  await execFileAsync(join(ROOT, 'scripts/ensure-system.sh'), ['postgres'], { cwd: ROOT }).catch(
    (e: { stderr?: string; message: string }) => {
      throw new Error(`scripts/ensure-system.sh postgres failed: ${e.stderr || e.message}`);
    },
  );
  const script = join(ROOT, 'scripts/pg-cluster.sh');
  // Registered before starting, so a start that fails half-way is still stopped.
  const stop = onCleanup('postgres cluster', async () => {
    await execFileAsync(script, ['stop', dir], { cwd: ROOT });
    log(`PostgreSQL cluster in ${dir} stopped`);
  });
  const started = now();
  const { stdout } = await execFileAsync(script, ['start', dir], { cwd: ROOT }).catch(
    (e: { stderr?: string; message: string }) => {
      throw new Error(`scripts/pg-cluster.sh start failed: ${e.stderr || e.message}`);
    },
  );
  const url = stdout.trim();
  log(`PostgreSQL cluster started in ${seconds(now() - started)} s: ${url}`);
  return { url, stop };
}

async function runImport(kind: Kind, file: string, target: string): Promise<ImportReport> {
  const child = fork(fileURLToPath(import.meta.url), ['--import-worker', kind, file, target], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = onCleanup(`${kind} import worker`, () => stopChild(child, 'import worker'));
  try {
    return await new Promise<ImportReport>((resolve, reject) => {
      let message: WorkerMessage | undefined;
      child.on('message', (m: WorkerMessage) => (message = m));
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (message?.ok) resolve(message.report);
        else if (message) reject(new Error(`${kind} import failed: ${message.error}`));
        else reject(new Error(`${kind} import worker exited (${signal ?? `code ${code}`}) without a report`));
      });
    });
  } finally {
    await stop();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface RunningServer {
  base: string;
  child: ChildProcess;
  readyMs: number;
  /** Peak RSS of the server process so far (Linux /proc), in bytes; null elsewhere. */
  peakRss(): number | null;
  crashed(): string | null;
  stop(): Promise<void>;
}

async function startServer(kind: Kind, dataDir: string, databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const started = now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main.ts',
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data',
      dataDir,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, MODGOV_LOG_REQUESTS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = onCleanup(`${kind} server`, () => stopChild(child, `${kind} server`));
  let output = '';
  let exited: string | null = null;
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`the ${kind} server did not say "serving" within ${SERVER_READY_TIMEOUT_MS / 1000} s`),
          ),
        SERVER_READY_TIMEOUT_MS,
      );
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        buffered += text;
        for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          log(`${kind} server: ${line}`);
          if (/\bserving\b/.test(line)) {
            clearTimeout(timer);
            resolve();
          }
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the ${kind} server ${signal ?? `exited with code ${code}`} before serving`));
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  }
  const readyMs = now() - started;
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    readyMs,
    peakRss() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : null;
      } catch {
        return null;
      }
    },
    crashed: () => (exited ? `${exited}; last output:\n${output.slice(-2000)}` : null),
    stop,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Load.

interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number; average: number; max: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
}
type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;
// autocannon ships no types: declare the part used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function load(url: string, durationS: number): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: durationS, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

interface Endpoint {
  name: string;
  path: string;
}

interface LoadFigures {
  endpoint: Endpoint;
  warmupStatus: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  bytesPerS: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: string;
}

async function pickReference(base: string): Promise<string> {
  const get = async (query: string) => {
    const res = await fetch(`${base}/api/v1/proposals?${query}`);
    if (!res.ok) throw new Error(`GET /api/v1/proposals?${query}: HTTP ${res.status}`);
    return (await res.json()) as { total: number; items: { id: string }[] };
  };
  const { total } = await get('page=1&pageSize=1');
  const middle = await get(`page=${Math.max(1, Math.ceil(total / 2))}&pageSize=1`);
  const id = middle.items[0]?.id;
  if (!id) throw new Error(`the register lists ${total} proposals but its middle page is empty`);
  return id;
}

async function measureServer(
  kind: Kind,
  server: RunningServer,
  settings: Settings,
  pageCount: number,
): Promise<{ reference: string; figures: LoadFigures[] }> {
  const reference = await pickReference(server.base);
  const deepPage = Math.min(100, pageCount);
  const endpoints: Endpoint[] = [
    { name: 'health check (baseline, no database)', path: '/healthz' },
    { name: 'register page 1', path: '/' },
    { name: `register page ${deepPage}`, path: `/?page=${deepPage}` },
    { name: 'register, filtered (committee, organisation, dates)', path: `/?${FILTERED_VIEW}` },
    { name: 'register, full-text search (ranked, snippets)', path: `/?${SEARCH}` },
    { name: 'search and filters together', path: `/?${SEARCH}&${SEARCH_FILTER}` },
    { name: 'search, API JSON', path: `/api/v1/proposals?${SEARCH}` },
    { name: 'proposal page', path: `/proposals/${reference}` },
    { name: 'proposal, API JSON', path: `/api/v1/proposals/${reference}` },
  ];
  const figures: LoadFigures[] = [];
  for (const endpoint of endpoints) {
    const url = `${server.base}${endpoint.path}`;
    let warmupStatus = 0;
    for (let i = 0; i < WARMUP_REQUESTS; i++) {
      const res = await fetch(url, { redirect: 'manual' });
      await res.arrayBuffer();
      warmupStatus = res.status;
    }
    if (warmupStatus < 200 || warmupStatus > 299)
      log(`WARNING: ${kind} GET ${endpoint.path} answers HTTP ${warmupStatus}, not 2xx`);
    log(`${kind}: GET ${endpoint.path} for ${settings.durationS} s, ${CONNECTIONS} connections...`);
    const r = await load(url, settings.durationS);
    const crash = server.crashed();
    if (crash) throw new Error(`the ${kind} server stopped during the load: ${crash}`);
    const f: LoadFigures = {
      endpoint,
      warmupStatus,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      max: r.latency.max,
      requests: r.requests.total,
      bytesPerS: r.throughput.average,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      statusCodes: Object.entries(r.statusCodeStats ?? {})
        .map(([code, { count }]) => `${code}: ${count}`)
        .join(', '),
    };
    log(
      `${kind}: GET ${endpoint.path}: ${int(f.rps)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ` +
        `non-2xx ${f.non2xx}, errors ${f.errors}, timeouts ${f.timeouts}`,
    );
    figures.push(f);
  }
  return { reference, figures };
}

// ---------------------------------------------------------------------------------------------------------
// One database: import, serve, load.

interface DatabaseResult {
  kind: Kind;
  clusterStartMs?: number;
  importReport: ImportReport;
  serverReadyMs: number;
  serverPeakRss: number | null;
  reference: string;
  figures: LoadFigures[];
}

async function benchDatabase(
  kind: Kind,
  tmp: string,
  file: string,
  settings: Settings,
): Promise<DatabaseResult> {
  log(`=== ${KIND_NAME[kind]} ===`);
  const dataDir = join(tmp, `${kind}-data`);
  let databaseUrl = '';
  let clusterStartMs: number | undefined;
  let stopCluster: (() => Promise<void>) | undefined;
  try {
    if (kind === 'postgres') {
      const started = now();
      const cluster = await startPostgres(join(tmp, 'pg'));
      clusterStartMs = now() - started;
      databaseUrl = cluster.url;
      stopCluster = cluster.stop;
    }
    log(`${kind}: importing ${settings.proposals} proposals...`);
    const importReport = await runImport(kind, file, kind === 'postgres' ? databaseUrl : dataDir);
    log(
      `${kind}: imported ${importReport.counts.proposals} proposals in ${seconds(importReport.importMs)} s ` +
        `(${int(importReport.counts.proposals / (importReport.importMs / 1000))}/s), peak RSS ${mb(importReport.maxRssBytes)} MB`,
    );

    log(`${kind}: starting the server...`);
    const server = await startServer(kind, dataDir, databaseUrl);
    try {
      log(`${kind}: server ready in ${seconds(server.readyMs)} s at ${server.base}`);
      const pageCount = Math.max(1, Math.ceil(importReport.counts.proposals / 50));
      const { reference, figures } = await measureServer(kind, server, settings, pageCount);
      const serverPeakRss = server.peakRss();
      return {
        kind,
        ...(clusterStartMs === undefined ? {} : { clusterStartMs }),
        importReport,
        serverReadyMs: server.readyMs,
        serverPeakRss,
        reference,
        figures,
      };
    } finally {
      await server.stop();
      log(`${kind}: server stopped`);
    }
  } finally {
    if (stopCluster) await stopCluster();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report.

interface Machine {
  cpu: string;
  memory: string;
  node: string;
  os: string;
  pglite: string;
  /** 1-, 5- and 15-minute load averages when the bench started: other work on the machine skews the figures. */
  loadAverage: string;
}

function describeMachine(): Machine {
  const cpus = os.cpus();
  // PGlite's package exports do not include package.json: read it next to its resolved entry point.
  let pglite = 'unknown';
  try {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
    const pkg = join(
      entry.slice(0, entry.lastIndexOf('/node_modules/@electric-sql/pglite/')),
      'node_modules/@electric-sql/pglite/package.json',
    );
    pglite = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    // keep "unknown"
  }
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', '),
    pglite,
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
/** A markdown table; `textColumns` are left-aligned, the others (numbers) right-aligned. */
function table(head: string[], rows: string[][], textColumns = 1): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i < textColumns ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
/** A URL's req/s as a share of the healthz baseline, to two significant figures: "0.72 %", "13 %". */
function ofHealthz(rps: number, baseline: number): string {
  if (!(baseline > 0)) return '-';
  const pct = (rps / baseline) * 100;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toPrecision(2)} %`;
}
/** "PostgreSQL 15.18 (Debian ...) on x86_64..., 64-bit" -> "PostgreSQL 15.18 (Debian ...)". */
const shortVersion = (v: string) => v.split(' on ')[0] ?? v;
const flag = (n: number) => (n === 0 ? '0' : `**⚠ ${int(n)}**`);

function importTable(r: DatabaseResult): string {
  const i = r.importReport;
  const rate = i.counts.proposals / (i.importMs / 1000);
  return table(
    ['Import', 'Figure'],
    [
      [
        'Proposals imported (history events, papers)',
        `${int(i.counts.proposals)} (${int(i.counts.events)}, ${int(i.counts.papers)})`,
      ],
      ['**Import wall time** (read + check + write, one transaction)', `**${seconds(i.importMs)} s**`],
      ['**Proposals per second**', `**${int(rate)}**`],
      ['— read and check (JSON parse, schema, vocabulary)', `${seconds(i.checkMs)} s`],
      ['— write (one transaction)', `${seconds(i.writeMs)} s`],
      ['— write, of which proposal rows', `${seconds(i.writeProposalsMs)} s`],
      ['— write, of which history events, impacts, papers and commit', `${seconds(i.writeDetailsMs)} s`],
      [
        'Open database / migrate (before the import, not in the wall time)',
        `${seconds(i.openMs)} s / ${seconds(i.migrateMs)} s`,
      ],
      ['Peak RSS of the importing process', `${mb(i.maxRssBytes)} MB`],
      ['Database size afterwards (`pg_database_size`)', `${mb(i.dbSizeBytes)} MB`],
      ...(r.clusterStartMs === undefined
        ? []
        : [['Throwaway cluster start (initdb + pg_ctl start)', `${seconds(r.clusterStartMs)} s`]]),
    ],
  );
}

function httpTable(r: DatabaseResult): string {
  const base = r.figures[0];
  return table(
    [
      'GET',
      'What',
      'req/s (avg)',
      'vs healthz (% of its req/s)',
      'p50 ms',
      'p99 ms',
      'max ms',
      'requests',
      'non-2xx',
      'errors + timeouts',
    ],
    r.figures.map((f) => [
      `\`${f.endpoint.path}\``,
      f.endpoint.name,
      int(f.rps),
      f === base ? 'baseline' : base ? ofHealthz(f.rps, base.rps) : '-',
      String(f.p50),
      String(f.p99),
      String(f.max),
      int(f.requests),
      f.non2xx === 0 ? '0' : `${flag(f.non2xx)} (${f.statusCodes})`,
      flag(f.errors + f.timeouts),
    ]),
    2,
  );
}

function databaseSection(r: DatabaseResult, settings: Settings): string {
  const version = shortVersion(r.importReport.serverVersion);
  return [
    `## ${KIND_NAME[r.kind]}`,
    '',
    r.kind === 'pglite'
      ? `Embedded PGlite in a fresh data directory (\`${version}\`).`
      : `A throwaway cluster started by the bench (\`scripts/pg-cluster.sh\`: fsync off, TCP on 127.0.0.1), \`${version}\`, through \`pg\` with a pool of ${process.env.MODGOV_PG_POOL ?? 10}.`,
    '',
    '### Import',
    '',
    importTable(r),
    '',
    '### HTTP',
    '',
    `\`modgov serve\` in its own process (ready ${seconds(r.serverReadyMs)} s after spawn${
      r.serverPeakRss === null ? '' : `; its peak RSS by the end of the load was ${mb(r.serverPeakRss)} MB`
    }); autocannon, ${CONNECTIONS} connections, ${settings.durationS} s per URL, after ${WARMUP_REQUESTS} warm-up requests. The proposal is \`${r.reference}\`, the middle of the register.`,
    '',
    httpTable(r),
  ].join('\n');
}

function summaryTable(results: DatabaseResult[]): string {
  const head = ['', ...results.map((r) => KIND_NAME[r.kind])];
  const row = (label: string, f: (r: DatabaseResult) => string) => [label, ...results.map(f)];
  const rps = (i: number) => (r: DatabaseResult) => {
    const f = r.figures[i];
    const base = r.figures[0];
    if (!f) return '-';
    const p99 = `p99 ${f.p99} ms`;
    return i === 0 || !base
      ? `${int(f.rps)}; ${p99}`
      : `${int(f.rps)} (${ofHealthz(f.rps, base.rps)}); ${p99}`;
  };
  const paths = results[0]?.figures.map((f) => f.endpoint.path) ?? [];
  return table(head, [
    row('Import, proposals/s', (r) =>
      int(r.importReport.counts.proposals / (r.importReport.importMs / 1000)),
    ),
    row('Import wall time', (r) => `${seconds(r.importReport.importMs)} s`),
    ...paths.map((p, i) => row(`\`GET ${p.replace(/\/proposals\/[A-Z]+\d+$/, '/proposals/:ref')}\``, rps(i))),
  ]);
}

function problems(results: DatabaseResult[]): string[] {
  const out: string[] = [];
  for (const r of results)
    for (const f of r.figures) {
      if (f.non2xx > 0)
        out.push(
          `${KIND_NAME[r.kind]}: \`GET ${f.endpoint.path}\` had ${int(f.non2xx)} non-2xx responses (${f.statusCodes})`,
        );
      if (f.errors + f.timeouts > 0)
        out.push(
          `${KIND_NAME[r.kind]}: \`GET ${f.endpoint.path}\` had ${int(f.errors)} errors and ${int(f.timeouts)} timeouts`,
        );
    }
  return out;
}

interface RunInfo {
  settings: Settings;
  command: string;
  date: Date;
  totalMs: number;
  machine: Machine;
  generate: { ms: number; bytes: number };
}

function resultsMarkdown(results: DatabaseResult[], run: RunInfo): string {
  const issues = problems(results);
  return [
    ...(issues.length
      ? [
          '> **⚠ Not every response was a 2xx, or some requests failed:**',
          ...issues.map((s) => `> - ${s}`),
          '',
        ]
      : []),
    ...(results.length > 1
      ? [
          '## Summary',
          '',
          'Each URL: requests per second (as a share of `/healthz` on the same server); p99 latency.',
          '',
          summaryTable(results),
          '',
        ]
      : []),
    ...results.flatMap((r) => [databaseSection(r, run.settings), '']),
  ].join('\n');
}

function benchmarksMarkdown(results: DatabaseResult[], run: RunInfo): string {
  const { settings, machine } = run;
  const pg = results.find((r) => r.kind === 'postgres');
  const pgl = results.find((r) => r.kind === 'pglite');
  return [
    '<!-- Generated by `npm run bench` (bench/run.ts). Do not edit: run the bench again to update it. -->',
    '',
    '# Benchmarks',
    '',
    `Run on ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole bench took ${(run.totalMs / 60_000).toFixed(1)} min.`,
    '',
    '```sh',
    run.command,
    '```',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}`,
    `- Memory: ${machine.memory}`,
    `- Node: ${machine.node}`,
    `- OS: ${machine.os}`,
    `- Load average when the bench started (1, 5, 15 min): ${machine.loadAverage} (anything well above 0 means other work shared the CPU)`,
    `- PostgreSQL server: ${pg ? `\`${pg.importReport.serverVersion}\`` : 'not run (BENCH_ONLY)'}`,
    `- PGlite: ${machine.pglite}${pgl ? ` (\`${pgl.importReport.serverVersion}\`)` : ''}`,
    '',
    '## Settings',
    '',
    `- Register: ${int(settings.proposals)} proposals generated with \`generateRegister\` (seed ${SEED}), written once as JSON (${mb(run.generate.bytes)} MB, ${seconds(run.generate.ms)} s) and imported into each database in turn.`,
    `- Load: autocannon, ${CONNECTIONS} connections, ${settings.durationS} s per URL, URLs one after the other against the same server; ${WARMUP_REQUESTS} sequential warm-up requests per URL first.`,
    `- Databases: ${settings.kinds.map((k) => KIND_NAME[k]).join(', ')}.`,
    '',
    '## How to read this',
    '',
    "- **vs healthz** is the URL's requests per second divided by `GET /healthz` on the same server in the same run. `/healthz` touches no database and renders nothing, so it is what this machine can do at best through Node, Fastify and the load generator; the ratio is the share of that left once the page does its work. Compare ratios between runs and machines rather than raw req/s.",
    "- **p50 / p99** are latency percentiles in whole milliseconds (autocannon's histogram has 1 ms resolution: 0 means under 1 ms).",
    '- **non-2xx** and **errors + timeouts** must be 0; anything else is flagged with ⚠ and listed at the top. A redirect (301) counts as non-2xx, so the proposal is fetched by its current reference.',
    '- **Import wall time** is `importRegister` on the whole file: reading and checking every record, then writing it all in one transaction. Opening and migrating the fresh database is shown apart.',
    '',
    '## What the figures mean',
    '',
    `- The machine has ${os.cpus().length} cores, shared by autocannon, the server and (for PostgreSQL) the database server. Absolute req/s is therefore a floor: on a machine where the load generator runs elsewhere, the server gets more CPU.`,
    '- PGlite runs PostgreSQL compiled to WASM inside the server process, with one connection: every query is serialised and runs on the event loop, so a slow query holds up every other request. PostgreSQL runs queries in its own processes, over a pool.',
    '- The PostgreSQL cluster runs with fsync off (a throwaway test cluster), which flatters writes (the import) more than reads.',
    '- Each database is measured as the import leaves it: the import ends with `ANALYZE` of the tables it wrote, so the planner has statistics; the bench runs no `VACUUM`. PGlite runs a single backend with no autovacuum worker.',
    `- The searched and filtered views: \`${FILTERED_VIEW}\` (a filtered register page), \`${SEARCH}\` (full-text search: every match ranked with \`ts_rank_cd\`, the 50 on the page with \`ts_headline\` snippets) and that search with \`${SEARCH_FILTER}\`. Each register page also renders the filter panel, whose choices (the proposer organisations and affected documents of the proposals the viewer may see) are worked out at most once every 10 s per viewer; the API's JSON list of the same search renders no HTML.`,
    '- One run, not an average: on a shared VM, req/s can differ by 20-30 % between runs, and more when other work runs at the same time (see the load average above).',
    '',
    resultsMarkdown(results, run),
  ].join('\n');
}

async function formatMarkdown(text: string, file: string): Promise<string> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...config, parser: 'markdown', filepath: file });
}

// ---------------------------------------------------------------------------------------------------------
// Main.

async function main(): Promise<number> {
  const started = now();
  const date = new Date();
  let settings: Settings;
  try {
    settings = settingsFromEnv(process.env);
  } catch (e) {
    if (e instanceof UsageError) {
      log(e.message);
      return 2;
    }
    throw e;
  }
  const command = commandLine(process.env);
  const machine = describeMachine();

  const tmp = mkdtempSync(join(os.tmpdir(), 'modgov-bench-'));
  onCleanup('temporary directory', () => rmSync(tmp, { recursive: true, force: true }));
  log(`working in ${tmp}`);

  const genStarted = now();
  const register = generateRegister({
    proposals: settings.proposals,
    seed: SEED,
    onProgress: (done, total) => log(`generate: ${done}/${total} proposals`),
  });
  const text = `${JSON.stringify(register, null, 2)}\n`;
  const file = join(tmp, 'register.json');
  writeFileSync(file, text);
  const generate = { ms: now() - genStarted, bytes: Buffer.byteLength(text) };
  log(
    `generated ${settings.proposals} proposals (seed ${SEED}): ${mb(generate.bytes)} MB of JSON in ${seconds(generate.ms)} s`,
  );

  const results: DatabaseResult[] = [];
  for (const kind of settings.kinds) results.push(await benchDatabase(kind, tmp, file, settings));

  const run: RunInfo = { settings, command, date, totalMs: now() - started, machine, generate };
  const doc = await formatMarkdown(benchmarksMarkdown(results, run), BENCHMARKS_FILE);
  // the committee papers' section belongs to bench/papers.ts: keep it
  const previous = readFileSync(BENCHMARKS_FILE, 'utf8');
  const papers = /^## Committee papers[ \t]*$[\s\S]*/m.exec(previous)?.[0];
  writeFileSync(BENCHMARKS_FILE, papers ? `${doc.trimEnd()}\n\n${papers}` : doc);
  process.stdout.write(await formatMarkdown(resultsMarkdown(results, run), BENCHMARKS_FILE));
  const issues = problems(results);
  for (const issue of issues) log(`WARNING: ${issue}`);
  log(`wrote ${BENCHMARKS_FILE}; the whole bench took ${seconds(run.totalMs)} s`);
  return 0;
}

if (process.argv[2] === '--import-worker') {
  const [, , , kind, file, target] = process.argv;
  try {
    await importWorker(kind as Kind, file ?? '', target ?? '');
    process.exit(0);
  } catch (e) {
    process.send?.({ ok: false, error: (e as Error).stack ?? String(e) } satisfies WorkerMessage);
    process.exit(1);
  }
} else {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping everything the bench started`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let code = 1;
  try {
    code = await main();
  } catch (e) {
    log(`FAILED: ${(e as Error).stack ?? String(e)}`);
  } finally {
    await cleanupAll();
  }
  process.exit(code);
}

// `npm test`: lint, format check and typecheck, then the whole test suite twice: on embedded PGlite and on
// PostgreSQL (DATABASE_URL, or a throwaway cluster started here). Ends with one line "N passed, M failed".
// The browser tests (test/browser-*.test.ts: Chromium through playwright-core, with axe-core) run in the
// PGlite pass only: they test the pages, not the database, and the PostgreSQL pass already covers every query.
// System packages are ensured first (scripts/ensure-system.sh): poppler-utils always, and Debian's chromium
// when a browser test will run; as root they are installed, otherwise a missing one stops the run, named.
//
// Environment:
//   MODGOV_TEST_ONLY=pglite|postgres   run one pass only
//   MODGOV_TEST_FILES="a.test.ts b.test.ts"   run only these files (space-separated)
//   MODGOV_SKIP_STATIC=1               skip lint, format check and typecheck
//   DATABASE_URL                       the PostgreSQL server for the second pass (else a throwaway cluster)
//   MODGOV_CHROMIUM=/path/to/chromium  the browser tests' Chromium (default /usr/bin/chromium, then ensured)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
process.chdir(root);

const only = process.env.MODGOV_TEST_ONLY || '';
if (only && only !== 'pglite' && only !== 'postgres') {
  fail(`MODGOV_TEST_ONLY must be "pglite" or "postgres", not "${only}"`);
}

/** The throwaway cluster, when this script started one. */
let cluster = null;
/** The test runner currently running, so a signal can stop it. */
let child = null;
let interrupted = false;

function log(message) {
  process.stdout.write(`${message}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`npm test: ${message}\n`);
  cleanup();
  process.exit(code);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Stops the cluster this script started and removes its directory. Safe to call more than once. */
function cleanup() {
  if (!cluster) return;
  const { dir } = cluster;
  cluster = null;
  const r = spawnSync('bash', ['scripts/pg-cluster.sh', 'stop', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) process.stderr.write(`npm test: could not stop the PostgreSQL cluster in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\nnpm test: ${signal}, stopping\n`);
    if (child) child.kill(signal);
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
process.on('exit', cleanup);

// ---------------------------------------------------------------------------------------------------------
// Static checks.

function step(label, command, args) {
  const started = Date.now();
  log(`\n== ${label}: ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.error) fail(`${label} could not start: ${r.error.message}`);
  if (r.status !== 0)
    fail(`${label} failed (${[command, ...args].join(' ')} exited ${r.status ?? r.signal})`);
  log(`== ${label}: ok (${seconds(started)})`);
}

if (process.env.MODGOV_SKIP_STATIC === '1') {
  log('== Skipping lint, format check and typecheck (MODGOV_SKIP_STATIC=1)');
} else {
  step('Lint', 'npx', ['eslint', '.']);
  step('Format check', 'npx', ['prettier', '--check', '.']);
  step('Typecheck', 'npx', ['tsc', '--noEmit']);
}

// ---------------------------------------------------------------------------------------------------------
// Test files. Node 20's --test does not expand globs, so walk test/ for *.test.ts.

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === 'node_modules') continue;
      found.push(...findTests(path));
    } else if (name.endsWith('.test.ts')) {
      found.push(relative(root, path));
    }
  }
  return found;
}

let files;
if (process.env.MODGOV_TEST_FILES?.trim()) {
  files = process.env.MODGOV_TEST_FILES.trim().split(/\s+/);
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) fail(`MODGOV_TEST_FILES names files that do not exist: ${missing.join(', ')}`);
} else {
  files = existsSync('test') ? findTests('test') : [];
}
if (files.length === 0) fail('no test files found (test/**/*.test.ts)');

/** Browser tests run in the PGlite pass only. */
const isBrowserTest = (file) => /(^|\/)browser-[^/]*\.test\.ts$/.test(file);
const filesFor = (kind) => (kind === 'pglite' ? files : files.filter((file) => !isBrowserTest(file)));

// ---------------------------------------------------------------------------------------------------------
// The suite, once per database.

/** Runs `passFiles` with the given DATABASE_URL (or none: PGlite). Resolves to the counts node reported. */
function runSuite(databaseUrl, passFiles) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-concurrency=2',
    ...passFiles,
  ];
  return new Promise((resolvePass) => {
    let tail = '';
    child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-8192);
    });
    child.on('error', (error) => {
      child = null;
      resolvePass({ exit: 1, passed: 0, failed: 0, parsed: false, error: error.message });
    });
    child.on('close', (code, signal) => {
      child = null;
      const text = stripVTControlCharacters(tail);
      // The runner's closing lines: "ℹ pass 12" / "ℹ fail 0" (spec reporter) or "# pass 12" (TAP).
      const count = (name) => {
        const all = [...text.matchAll(new RegExp(`^\\s*(?:ℹ|#)\\s*${name}\\s+(\\d+)\\s*$`, 'gm'))];
        const last = all.at(-1);
        return last ? Number(last[1]) : null;
      };
      const passed = count('pass');
      const failed = count('fail');
      resolvePass({
        exit: code ?? (signal ? 1 : 0),
        passed: passed ?? 0,
        failed: failed ?? 0,
        parsed: passed !== null && failed !== null,
      });
    });
  });
}

const passes = [];
if (only !== 'postgres') passes.push('pglite');
if (only !== 'pglite') passes.push('postgres');

// System tools the suite itself uses (pdftotext to read rendered PDFs back; Chromium for the browser tests,
// unless MODGOV_CHROMIUM names another), installed where missing.
{
  const components = ['poppler'];
  const browserTests = passes.includes('pglite') && files.some(isBrowserTest);
  if (browserTests && !process.env.MODGOV_CHROMIUM) components.push('chromium');
  const tools = spawnSync('bash', ['scripts/ensure-system.sh', ...components], { stdio: 'inherit' });
  const what = components.includes('chromium')
    ? 'poppler-utils (pdftotext) or chromium (for the browser tests)'
    : 'poppler-utils (pdftotext)';
  if (tools.status !== 0)
    fail(`${what} is not available: scripts/ensure-system.sh ${components.join(' ')} failed`);
}

let totalPassed = 0;
let totalFailed = 0;
let anyFailure = false;

for (const [index, kind] of passes.entries()) {
  const heading = `Test pass ${index + 1}/${passes.length}`;
  const passFiles = filesFor(kind);
  const left = files.length - passFiles.length;
  const leftOut = left ? ` (${left} browser test file(s) left out: they run in the PGlite pass only)` : '';
  if (passFiles.length === 0) {
    log(`\n== ${heading} (PostgreSQL): skipped, no test files for it${leftOut}`);
    continue;
  }
  let url = null;
  if (kind === 'pglite') {
    log(`\n== ${heading}: database PGlite (embedded, in memory), ${passFiles.length} file(s)`);
  } else {
    if (process.env.DATABASE_URL) {
      url = process.env.DATABASE_URL;
      log(
        `\n== ${heading}: database PostgreSQL at ${redact(url)} (from DATABASE_URL), ${passFiles.length} file(s)${leftOut}`,
      );
    } else {
      const ensure = spawnSync('bash', ['scripts/ensure-system.sh', 'postgres'], { stdio: 'inherit' });
      if (ensure.status !== 0) {
        process.stderr.write(
          'npm test: PostgreSQL is not available (scripts/ensure-system.sh postgres failed)\n',
        );
        anyFailure = true;
        break;
      }
      const dir = mkdtempSync(join(tmpdir(), 'modgov-pg-'));
      const started = Date.now();
      const start = spawnSync('bash', ['scripts/pg-cluster.sh', 'start', dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
      });
      if (start.status !== 0) {
        rmSync(dir, { recursive: true, force: true });
        process.stderr.write(
          'npm test: could not start a throwaway PostgreSQL cluster (scripts/pg-cluster.sh)\n',
        );
        anyFailure = true;
        break;
      }
      cluster = { dir };
      url = start.stdout.trim();
      log(
        `\n== ${heading}: database PostgreSQL, throwaway cluster at ${url} in ${dir} (started in ${seconds(started)}), ${passFiles.length} file(s)${leftOut}`,
      );
    }
  }

  const started = Date.now();
  const result = await runSuite(url, passFiles);
  cleanup();
  const name = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  if (result.error) process.stderr.write(`npm test: could not run the test runner: ${result.error}\n`);
  if (!result.parsed)
    process.stderr.write(`npm test: no "pass N" / "fail N" summary in the ${name} pass output\n`);
  let failed = result.failed;
  if (result.exit !== 0 && failed === 0) {
    // The runner failed without a failing test (a crash, a bad flag): count it so the summary is not green.
    process.stderr.write(
      `npm test: the ${name} pass exited with ${result.exit} with no failing test; counted as 1 failure\n`,
    );
    failed = 1;
  }
  totalPassed += result.passed;
  totalFailed += failed;
  if (result.exit !== 0 || failed > 0) anyFailure = true;
  log(`== ${heading} (${name}): ${result.passed} passed, ${failed} failed in ${seconds(started)}`);
}

log(`${totalPassed} passed, ${totalFailed} failed`);
process.exitCode = anyFailure || totalFailed > 0 ? 1 : 0;

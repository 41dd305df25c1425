// The committee papers bench: composing the monthly "New Draft Proposals and Modification Proposals" paper with
// 50 new Draft Proposals, alone (the baseline) and then rendered in each format people download, and writes
// its table into BENCHMARKS.md under "## Committee papers" (that section only: the rest of the file is
// bench/run.ts's). No database: the composer's input is built straight from a generated register, so the
// figures are the composer's and the renderers' own, not the queries'.
//
// Env knobs:
//   BENCH_PAPER_ENTRIES  Draft Proposals in the paper (default 50)
//   BENCH_PAPER_RUNS     measured rounds (default 30), each running every row once, after 10 warm-up rounds
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { generateRegister, type GeneratedRegister } from '../src/app/generate-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import {
  composeNewProposalsSummary,
  type NewProposalsSummaryInput,
  type PaperProposalFacts,
  type PersonFacts,
} from '../src/domain/papers/compose-new-proposals-summary.ts';
import type { ComposedPaper } from '../src/domain/papers/paper.models.ts';
import { renderDocx } from '../src/render/docx.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { renderText } from '../src/render/text.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCHMARKS_FILE = join(ROOT, 'BENCHMARKS.md');
const HEADING = '## Committee papers';
const SEED = 1;
const REGISTER_PROPOSALS = 2_000;
const WARMUP_ROUNDS = 10;

const log = (msg: string) => process.stderr.write(`bench:papers: ${msg}\n`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = Number(raw || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number from 1, not "${raw}"`);
  return n;
}

/**
 * The composer's input for a paper with `entries` new Draft Proposals: the first `entries` White proposals of the
 * generated register, by raised date, each as the Draft Proposal it was when raised, the period running from
 * the first to the last. The generated register holds no problem statements: each proposal's summary stands in
 * for its own, so every appendix is printed (the heavier case, as when the register holds them all).
 */
function paperInput(register: GeneratedRegister, entries: number): NewProposalsSummaryInput {
  const organisations = new Map(register.organisations.map((o) => [o.id, o]));
  const people = new Map(register.people.map((p) => [p.id, p]));
  const person = (id: string | undefined): PersonFacts | null => {
    const p = id === undefined ? undefined : people.get(id);
    const o = p && organisations.get(p.organisation);
    if (!p || !o) return null;
    return {
      name: p.name,
      isTeam: p.kind === 'team',
      organisation: { name: o.name, shortName: o.shortName ?? null, referredToAs: o.referredToAs ?? null },
    };
  };
  const chosen = register.proposals
    .filter((p) => p.classification === 'white')
    .sort((a, b) => a.raised.localeCompare(b.raised) || a.id.localeCompare(b.id))
    .slice(0, entries);
  if (chosen.length < entries) throw new Error(`the register has only ${chosen.length} White proposals`);
  const proposals = chosen.map((p): PaperProposalFacts => {
    const proposer = person(p.proposer);
    if (!proposer) throw new Error(`${p.id}: no proposer`);
    return {
      reference: `DP${p.id.replace(/^\D+/, '')}`,
      title: p.title,
      classification: 'white',
      raised: p.raised,
      proposer,
      leadAnalyst: person(p.leadAnalyst),
      summary: p.summary,
      impact: p.impacts.OPSG ?? null,
      problemStatement: p.summary,
      problemStatementAgreed: false,
      conversion: null,
    };
  });
  const period = { from: chosen[0]?.raised ?? '', to: chosen.at(-1)?.raised ?? '' };
  return {
    paper: {
      reference: 'OPSG_99_0101_16',
      title: null,
      action: 'for_discussion',
      classification: 'white',
      date: period.to,
      period,
    },
    committee: { ref: 'OPSG', name: 'Operations Group', impactHeading: 'Anticipated Operational Impacts' },
    author: { name: 'Bradley Baker', team: 'SECAS Team' },
    changeTeamEmail: register.code.changeTeamEmail,
    proposals,
  };
}

interface Row {
  name: string;
  what: string;
  run: () => Promise<number>;
}

interface Measured {
  row: Row;
  medianMs: number;
  p95Ms: number;
  bytes: number;
}

/** The nearest-rank percentile of sorted figures. */
const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

/**
 * Every row, round after round: each round runs each row once, starting from a different row each time, so
 * the JIT's warm-up, the garbage collector and any other work on the machine fall on all rows alike.
 */
async function measureAll(rows: readonly Row[], runs: number): Promise<Measured[]> {
  const times = rows.map((): number[] => []);
  const bytes = rows.map(() => 0);
  for (let round = -WARMUP_ROUNDS; round < runs; round++) {
    for (let k = 0; k < rows.length; k++) {
      const i = (k + Math.max(round, 0)) % rows.length;
      const row = rows[i];
      if (!row) continue;
      const t0 = performance.now();
      bytes[i] = await row.run();
      if (round >= 0) times[i]?.push(performance.now() - t0);
    }
    if (round === 0 || (round + 1) % 10 === 0) log(`round ${round + 1} of ${runs}`);
  }
  return rows.map((row, i) => {
    const sorted = [...(times[i] ?? [])].sort((a, b) => a - b);
    return { row, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), bytes: bytes[i] ?? 0 };
  });
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const signed = (n: number) => `${n < 0 ? '−' : '+'}${ms(Math.abs(n))}`;
const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(0)} KB`);

function machineLine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  return `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}, ${os.type()} ${os.release()} (${os.arch()}); load average when the bench started (1, 5, 15 min): ${load}`;
}

function section(
  results: Measured[],
  info: { entries: number; runs: number; date: Date; pages: string },
): string {
  const [baseline] = results;
  const base = baseline?.medianMs ?? 0;
  const rows = results.map((r, i) => [
    `${r.row.name}`,
    r.row.what,
    ms(r.medianMs),
    ms(r.p95Ms),
    i === 0 ? 'baseline' : signed(r.medianMs - base),
    i === 0 ? '-' : `${(r.medianMs / base).toFixed(1)} ×`,
    i === 0 ? '-' : size(r.bytes),
  ]);
  const table = [
    '| Run | What | median ms | p95 ms | rendering (median − compose) | vs compose alone | output |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  return [
    HEADING,
    '',
    `<!-- Generated by \`node --import tsx bench/papers.ts\` (bench/papers.ts), which rewrites this section only. -->`,
    '',
    `Run on ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `- Machine: ${machineLine()}.`,
    `- Paper: the monthly "New Draft Proposals and Modification Proposals" for the Operations Group with ${info.entries} new Draft Proposals (the first ${info.entries} White proposals of a register of ${REGISTER_PROPOSALS.toLocaleString('en-GB')} generated with \`generateRegister\`, seed ${SEED}), each with its summary, its operational impacts and its appendix; the generated register has no problem statements, so each summary stands in for one and all ${info.entries} appendices are printed (${info.pages}).`,
    `- Composing is \`composeNewProposalsSummary\` on input built in memory: no database, so the figures are the composer's and the renderers' own. Each run composes afresh, then renders; ${info.runs} measured rounds after ${WARMUP_ROUNDS} warm-up rounds, each round running every row once (starting from a different row each round), in one process.`,
    "- **rendering** is the row's median less the compose-alone median: what the format adds. p95 is the nearest-rank 95th percentile.",
    '',
    table,
    '',
  ].join('\n');
}

/** BENCHMARKS.md with the "## Committee papers" section replaced (or added at the end); the rest untouched. */
function spliceSection(file: string, text: string): string {
  const at = file.search(/^## Committee papers[ \t]*$/m);
  if (at < 0) return `${file.replace(/\s*$/, '')}\n\n${text}`;
  const rest = file.slice(at + HEADING.length);
  const next = rest.search(/^## /m);
  return `${file.slice(0, at)}${text}${next < 0 ? '' : `\n${rest.slice(next)}`}`;
}

async function main(): Promise<void> {
  const entries = positiveInt('BENCH_PAPER_ENTRIES', 50);
  const runs = positiveInt('BENCH_PAPER_RUNS', 30);
  const date = new Date();
  const register = generateRegister({ proposals: REGISTER_PROPOSALS, seed: SEED });
  const input = paperInput(register, entries);
  const compose = (): ComposedPaper => {
    const composed = composeNewProposalsSummary(sec.register, sec.papers.newProposalsSummary, input);
    if (composed.notices.length > 0)
      throw new Error(`unexpected notices: ${JSON.stringify(composed.notices)}`);
    return composed;
  };
  const first = compose().paper;
  const sections = first.sections.find((s) => s.title === 'New Draft Proposals');
  const headings = sections?.blocks.filter((b) => b.type === 'heading' && b.level === 3).length ?? 0;
  if (headings !== entries) throw new Error(`the paper has ${headings} entries, not ${entries}`);
  const pdf = await renderPdf(first);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

  const length = (s: string | Buffer) => (typeof s === 'string' ? Buffer.byteLength(s) : s.length);
  const rows: Row[] = [
    {
      name: 'compose',
      what: 'compose alone (baseline)',
      run: () => Promise.resolve(compose().paper.sections.length),
    },
    {
      name: 'text',
      what: 'compose + `renderText`',
      run: () => Promise.resolve(length(renderText(compose().paper))),
    },
    {
      name: 'md',
      what: 'compose + `renderMarkdown`',
      run: () => Promise.resolve(length(renderMarkdown(compose().paper))),
    },
    {
      name: 'html',
      what: 'compose + `renderHtml` (standalone)',
      run: () => Promise.resolve(length(renderHtml(compose().paper, { standalone: true }))),
    },
    {
      name: 'docx',
      what: 'compose + `renderDocx`',
      run: async () => length(await renderDocx(compose().paper)),
    },
    { name: 'pdf', what: 'compose + `renderPdf`', run: async () => length(await renderPdf(compose().paper)) },
  ];
  const results = await measureAll(rows, runs);

  const text = section(results, { entries, runs, date, pages: `the PDF has ${pages} pages` });
  const config = (await prettier.resolveConfig(BENCHMARKS_FILE)) ?? {};
  const formatted = await prettier.format(text, { ...config, parser: 'markdown', filepath: BENCHMARKS_FILE });
  let current = '';
  try {
    current = readFileSync(BENCHMARKS_FILE, 'utf8');
  } catch {
    current = '# Benchmarks\n';
  }
  writeFileSync(BENCHMARKS_FILE, spliceSection(current, formatted));
  process.stdout.write(formatted);
  log(`wrote the "${HEADING.slice(3)}" section of ${BENCHMARKS_FILE}`);
}

await main();

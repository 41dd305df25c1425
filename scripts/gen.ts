// npm run gen -- --proposals N [--out FILE] [--format yaml|json] [--seed S]
// Writes a synthetic modgov/v1 register (see src/app/generate-register.ts) to FILE or stdout.
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'yaml';
import { generateRegister, MAX_PROPOSALS } from '../src/app/generate-register.ts';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    }
    return n;
  };
}

const program = new Command('gen')
  .description('Write a synthetic, deterministic modgov/v1 register (SEC) for tests, benchmarks and demos.')
  .requiredOption(
    '--proposals <n>',
    `number of proposals (1-${MAX_PROPOSALS})`,
    integer('--proposals', 1, MAX_PROPOSALS),
  )
  .option('--out <file>', 'output file (default: stdout)')
  .addOption(
    new Option('--format <format>', 'output format (default: json for a .json file, else yaml)').choices([
      'yaml',
      'json',
    ]),
  )
  .option('--seed <s>', 'PRNG seed', integer('--seed', 0, 2 ** 32 - 1), 1)
  .showHelpAfterError();

program.parse();
const opts = program.opts<{ proposals: number; out?: string; format?: 'yaml' | 'json'; seed: number }>();
const format = opts.format ?? (opts.out?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(2)} s`;
const loud = opts.proposals >= 1000;

const register = generateRegister({
  proposals: opts.proposals,
  seed: opts.seed,
  onProgress: loud
    ? (done, total) => process.stderr.write(`gen: ${done}/${total} proposals (${elapsed()})\n`)
    : undefined,
});

const text =
  format === 'json' ? `${JSON.stringify(register, null, 2)}\n` : stringify(register, { lineWidth: 0 });
if (loud) process.stderr.write(`gen: serialised as ${format} (${elapsed()})\n`);

if (opts.out) {
  writeFileSync(opts.out, text);
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
  process.stderr.write(
    `gen: wrote ${register.proposals.length} proposals (seed ${opts.seed}, ${format}, ${mb} MB) to ${opts.out} in ${elapsed()}\n`,
  );
} else {
  // `npm run gen ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.stdout.write(text);
}

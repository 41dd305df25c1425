// The command line: argument parsing only. Each command opens the context and calls the same use cases as the web.
import { Command, InvalidArgumentError, Option } from 'commander';
import { openContext, type AppContext } from '../composition.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import { EmptyRegisterError } from '../app/export-register.ts';
import { CliError, EXIT } from './exit-codes.ts';
import { runExport } from './commands/export.ts';
import { runImport } from './commands/import.ts';

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
};

const dataOption = () =>
  new Option('--data <dir>', 'the embedded database directory (when DATABASE_URL is not set)')
    .env('MODGOV_DATA_DIR')
    .default('./data');

async function withContext<T>(
  command: string,
  dataDir: string,
  fn: (ctx: AppContext) => Promise<T>,
  keepOpen = false,
): Promise<T> {
  const ctx = await openContext({ dataDir, command });
  try {
    return await fn(ctx);
  } finally {
    if (!keepOpen) await ctx.database.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('modgov')
    .description('modgov: the change register of an industry code (the Smart Energy Code first).')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Serve the register website and API. Loads the example register into an empty database.')
    .addOption(new Option('--port <n>', 'port to listen on').env('PORT').default(3000).argParser(port))
    .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('0.0.0.0'))
    .addOption(dataOption())
    .action(async (o: { port: number; host: string; data: string }) => {
      const { runServe } = await import('./commands/serve.ts'); // the web stack loads only for serve
      const ctx = await openContext({ dataDir: o.data, command: 'modgov serve' });
      try {
        await runServe(ctx, o);
      } catch (e) {
        await ctx.database.close();
        throw e;
      }
    });

  program
    .command('import')
    .description(
      'Import modgov/v1 files (YAML or JSON). All or nothing: every problem is reported, and nothing is written unless there are none.',
    )
    .argument('<files...>', 'modgov/v1 files')
    .addOption(dataOption())
    .action(async (files: string[], o: { data: string }) =>
      withContext('modgov import', o.data, (ctx) => runImport(ctx, files, process.stdout)),
    );

  program
    .command('export')
    .description('Export the whole register as modgov/v1, in a stable order.')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(dataOption())
    .action(async (o: { format: 'yaml' | 'json'; out?: string; data: string }) =>
      withContext('modgov export', o.data, (ctx) => runExport(ctx, o, process.stdout)),
    );

  program
    .command('migrate')
    .description('Bring the database schema up to date (serve and import also do this on start).')
    .addOption(dataOption())
    .action(async (o: { data: string }) =>
      withContext('modgov migrate', o.data, (ctx) => {
        process.stdout.write(
          `The ${ctx.database.kind === 'pglite' ? `database in ${ctx.database.location}` : `database at ${ctx.database.location}`} is up to date.\n`,
        );
        return Promise.resolve();
      }),
    );
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 bad input. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // help and version are not failures; usage errors are bad input (commander has printed them)
      return err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.help' ||
        err.code === 'commander.version'
        ? EXIT.ok
        : EXIT.badInput;
    }
    if (e instanceof CliError) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof DataDirInUseError || e instanceof EmptyRegisterError) {
      process.stderr.write(`${e.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`modgov: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.failure;
  }
}

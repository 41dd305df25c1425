// The command line: argument parsing only. Each command opens the context and calls the same use cases as the web.
import { Command, InvalidArgumentError, Option } from 'commander';
import { openContext, type AppContext } from '../composition.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import { EmptyRegisterError } from '../app/export-register.ts';
import { CliError, EXIT } from './exit-codes.ts';
import { runExport } from './commands/export.ts';
import { runImport } from './commands/import.ts';
import { runTimetable } from './commands/timetable.ts';
import { addClosure } from '../app/add-closure.ts';
import { raiseProposal } from '../app/raise-proposal.ts';
import type { ProposalKind } from '../domain/eligibility/eligibility.models.ts';
import { runRecord, type RecordOptions } from './commands/record.ts';
import { ACTORS } from '../domain/lifecycle/lifecycle.models.ts';
import { registerMeetingCommands } from './commands/meeting.ts';
import { registerPaperCommands } from './commands/paper.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerRecipientCommands } from './commands/recipients.ts';
import { registerViewCommands } from './commands/views.ts';
import { registerProblemStatementCommands } from './commands/problem-statement.ts';
import { registerFollowCommand } from './commands/follow.ts';
import { registerMailCommands } from './commands/mail.ts';
import { registerOutcomeCommands } from './commands/action.ts';

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
};

const isoDate = (v: string) => {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(v) ||
    Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
    new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v
  )
    throw new InvalidArgumentError('a real date as YYYY-MM-DD');
  return v;
};

const wholeNumber = (v: string) => {
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('a whole number from 1');
  return Number(v);
};

const fact = (v: string, previous: Record<string, string>) => {
  const m = /^([a-z_]+)=(.+)$/.exec(v);
  if (!m?.[1] || !m[2]) throw new InvalidArgumentError('name=value, e.g. outcome=approve');
  return { ...previous, [m[1]]: m[2] };
};

/** Today's date where the administrator works. */
export const londonToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

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

/** What the command files under commands/ build their options and open the context with. */
export interface CommandKit {
  dataOption: typeof dataOption;
  isoDate: typeof isoDate;
  wholeNumber: typeof wholeNumber;
  withContext: typeof withContext;
}

const kit: CommandKit = { dataOption, isoDate, wholeNumber, withContext };

export function buildProgram(): Command {
  const program = new Command('modgov')
    .description('modgov: the change register of an industry code (the Smart Energy Code first).')
    .showHelpAfterError()
    // a command's options go to that command: `paper new --data d` is new's --data, not paper's
    .enablePositionalOptions()
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
    .description(
      'Export the register as modgov/v1, in a stable order: all of it, or what one viewer may see.',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option(
      '--as <who>',
      'export only what this user (an e-mail address) or "public" may see; without it, everything',
    )
    .addOption(dataOption())
    .action(async (o: { format: 'yaml' | 'json'; out?: string; as?: string; data: string }) =>
      withContext('modgov export', o.data, (ctx) => runExport(ctx, o, process.stdout)),
    );

  program
    .command('raise')
    .description('Raise a Draft Proposal for a proposer, checked against who may raise (SEC D1.3).')
    .requiredOption('--proposer <person>', 'the person raising it, by id (e.g. simon-trivella)')
    .requiredOption('--title <title>', 'the title')
    .option('--summary <markdown>', 'the summary, in Markdown')
    .addOption(
      new Option('--kind <kind>', 'the kind of proposal')
        .choices(['normal', 'urgent', 'fast_track'])
        .default('normal'),
    )
    .option('--reason-code <code>', 'the reason the code asks for, e.g. european_compliance')
    .option('--reason <text>', 'the circumstances, in words')
    .option('--on <date>', 'the date raised (default: today in London)', isoDate)
    .addOption(dataOption())
    .action(
      async (o: {
        proposer: string;
        title: string;
        summary?: string;
        kind: ProposalKind;
        reasonCode?: string;
        reason?: string;
        on?: string;
        data: string;
      }) =>
        withContext('modgov raise', o.data, async (ctx) => {
          const reason =
            o.reasonCode || o.reason
              ? { ...(o.reasonCode ? { code: o.reasonCode } : {}), ...(o.reason ? { text: o.reason } : {}) }
              : undefined;
          const result = await raiseProposal(
            { db: ctx.database.db, rules: ctx.rules },
            {
              proposer: o.proposer,
              title: o.title,
              summary: o.summary,
              kind: o.kind,
              reason,
              raised: o.on ?? londonToday(),
              actor: 'analyst',
            },
          );
          process.stdout.write(`Raised ${result.reference} under SEC ${result.rule}.\n`);
        }),
    );

  program
    .command('record')
    .description(
      'Record a lifecycle event on a proposal (checked against the lifecycle table, with an audit record).',
    )
    .argument('<reference>', 'the proposal, e.g. DP090')
    .argument('<event>', 'the event, e.g. converted, change_board_vote')
    .requiredOption('--on <date>', 'the date it happened, YYYY-MM-DD', isoDate)
    .option('--by <committee>', 'the committee that made it happen, e.g. CSC')
    .option('--fact <name=value>', 'a fact of the event, repeatable: --fact outcome=approve', fact, {})
    .addOption(
      new Option('--as <actor>', 'who is recording it')
        .choices([...ACTORS].filter((a) => a !== 'import'))
        .default('analyst'),
    )
    .addOption(dataOption())
    .action(async (reference: string, event: string, o: RecordOptions & { data: string }) =>
      withContext('modgov record', o.data, (ctx) => runRecord(ctx, reference, event, o, process.stdout)),
    );

  program
    .command('timetable')
    .description(
      "A proposal's next milestones with their due dates in working days, and what may happen next.",
    )
    .argument('<reference>', 'the proposal, e.g. DP090')
    .option('--today <date>', 'work it out as of this date (default: today in London)', isoDate)
    .addOption(dataOption())
    .action(async (reference: string, o: { today?: string; data: string }) =>
      withContext('modgov timetable', o.data, (ctx) =>
        runTimetable(ctx, reference, o.today ?? londonToday(), process.stdout),
      ),
    );

  const closures = program
    .command('closures')
    .description("The administrator's office closures, which working days skip.");
  closures
    .command('add')
    .argument('<date>', 'YYYY-MM-DD', isoDate)
    .argument('<name>', 'what it is, e.g. "Office closed"')
    .addOption(dataOption())
    .action(async (date: string, name: string, o: { data: string }) =>
      withContext('modgov closures add', o.data, async (ctx) => {
        await addClosure({ db: ctx.database.db }, { date, name });
        process.stdout.write(`${date} is now a closure: ${name}\n`);
      }),
    );

  registerMeetingCommands(program, kit);
  registerPaperCommands(program, kit);
  registerUserCommands(program, kit);
  registerAuditCommands(program, kit);
  registerRecipientCommands(program, kit);
  registerViewCommands(program, kit);
  registerProblemStatementCommands(program, kit);
  registerFollowCommand(program, kit);
  registerOutcomeCommands(program, kit);
  registerMailCommands(program, kit);

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

function isRefusal(e: unknown): e is Error & { code: string; status: number } {
  const { code, status } = e as { code?: unknown; status?: unknown };
  return (
    e instanceof Error &&
    typeof code === 'string' &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
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
    if (isRefusal(e)) {
      // a use case's refusal (a stable code and a 4xx status): the user's input, not a failure of ours
      process.stderr.write(`${e.message}\n`);
      return EXIT.badInput;
    }
    if (e instanceof DataDirInUseError || e instanceof EmptyRegisterError) {
      process.stderr.write(`${e.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`modgov: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.failure;
  }
}

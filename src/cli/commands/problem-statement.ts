// `modgov problem-statement write|agree REF`: a Draft Proposal's problem statement in versions. `write` adds a draft
// version from the four sections; `agree` records that the Change Sub-Committee agreed the latest version on a
// date, after which the proposal can be converted. The command line acts for the administrator (the audit record
// names it `cli`). A refusal names the option to fix and exits 2.
import type { Command } from 'commander';
import { agreeProblemStatement } from '../../app/agree-problem-statement.ts';
import {
  ProblemStatementInputError,
  type ProblemStatementField,
} from '../../app/problem-statement.errors.ts';
import { writeProblemStatementVersion } from '../../app/write-problem-statement-version.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

/** Today where the administrator works (as program.ts's, which a command file does not import: a cycle). */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** The option that sets each field. */
const OPTION_OF: Readonly<Record<ProblemStatementField, string>> = {
  issue: '--issue',
  impacts: '--impacts',
  doNothing: '--do-nothing',
  context: '--context',
  on: '--on',
  version: '--version',
  from: '--from',
  to: '--to',
};

/** A use case's input problems as one message, each line naming its option. */
async function namingOptions<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProblemStatementInputError)
      throw new CliError(
        error.problems.map((p) => `${OPTION_OF[p.field]}: ${p.message}`).join('\n'),
        EXIT.badInput,
      );
    throw error;
  }
}

export function registerProblemStatementCommands(program: Command, kit: CommandKit): void {
  const statement = program
    .command('problem-statement')
    .description("A Draft Proposal's problem statement, in versions the Change Sub-Committee agrees.");

  statement
    .command('write')
    .description('Write a new draft version of the problem statement (numbered after the latest).')
    .argument('<reference>', 'the Draft Proposal, e.g. DP090')
    .requiredOption('--issue <markdown>', 'the issue')
    .requiredOption('--impacts <markdown>', 'its impacts')
    .requiredOption('--do-nothing <markdown>', 'the impact of doing nothing')
    .requiredOption('--context <markdown>', 'its context in the code')
    .option('--on <date>', 'the date written (default: today in London)', kit.isoDate)
    .addOption(kit.dataOption())
    .action(
      async (
        reference: string,
        o: { issue: string; impacts: string; doNothing: string; context: string; on?: string; data: string },
      ) =>
        kit.withContext('modgov problem-statement write', o.data, async (ctx) => {
          const result = await namingOptions(() =>
            writeProblemStatementVersion(
              { db: ctx.database.db, rules: ctx.rules, today: londonToday },
              {
                reference,
                sections: { issue: o.issue, impacts: o.impacts, doNothing: o.doNothing, context: o.context },
                on: o.on,
                by: { actor: 'cli' },
              },
            ),
          );
          process.stdout.write(
            `${result.reference}: version ${result.version} of the problem statement is saved as a draft.\n`,
          );
        }),
    );

  statement
    .command('agree')
    .description('Record that the Change Sub-Committee agreed the latest version, on a date.')
    .argument('<reference>', 'the Draft Proposal, e.g. DP090')
    .requiredOption('--version <n>', 'the version agreed (the latest)', kit.wholeNumber)
    .requiredOption('--on <date>', 'the date it was agreed, YYYY-MM-DD', kit.isoDate)
    .addOption(kit.dataOption())
    .action(async (reference: string, o: { version: number; on: string; data: string }) =>
      kit.withContext('modgov problem-statement agree', o.data, async (ctx) => {
        const result = await namingOptions(() =>
          agreeProblemStatement(
            { db: ctx.database.db, rules: ctx.rules, today: londonToday },
            { reference, version: o.version, on: o.on, by: { actor: 'cli' } },
          ),
        );
        process.stdout.write(
          `${result.reference}: version ${result.version} of the problem statement is agreed by ${result.committee} on ${o.on}; it can now be converted.\n`,
        );
      }),
    );
}

// `modgov follow --committee OPSG --meeting 26 DP090 [--decision yes|no|undecided] [--on DATE]`: records whether
// a committee wants to give further input on a proposal, as decided at one of its meetings (recordFollowing).
// A refusal names the option to correct and exits with status 2.
import { Option, type Command } from 'commander';
import {
  FOLLOWING_DECISIONS,
  FollowingInputError,
  FollowingNotFoundError,
  recordFollowing,
} from '../../app/record-following.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

const OPTION_OF: Record<FollowingInputError['field'] | FollowingNotFoundError['field'], string> = {
  committee: '--committee',
  meeting: '--meeting',
  proposal: '<proposal>',
  decision: '--decision',
  on: '--on',
};

export function registerFollowCommand(program: Command, kit: CommandKit): void {
  program
    .command('follow')
    .description(
      'Record whether a committee wants to give further input on a proposal, as decided at one of its meetings.',
    )
    .argument('<proposal>', 'the proposal, e.g. DP090')
    .requiredOption('--committee <ref>', 'the committee, e.g. OPSG')
    .requiredOption('--meeting <number>', 'the number of the meeting that decided, e.g. 26', kit.wholeNumber)
    .addOption(
      new Option('--decision <decision>', 'whether it wants to give further input')
        .choices([...FOLLOWING_DECISIONS])
        .default('yes'),
    )
    .option('--on <date>', "the day it was decided (default: the meeting's date)", kit.isoDate)
    .addOption(kit.dataOption())
    .action(
      async (
        proposal: string,
        o: { committee: string; meeting: number; decision: string; on?: string; data: string },
      ) =>
        kit.withContext('modgov follow', o.data, async (ctx) => {
          try {
            const r = await recordFollowing(
              { db: ctx.database.db, rules: ctx.rules },
              {
                committee: o.committee,
                meeting: o.meeting,
                proposal,
                decision: o.decision,
                on: o.on,
                actor: 'analyst',
              },
            );
            const what = r.changed ? 'recorded' : 'already recorded; nothing changed';
            process.stdout.write(
              `${r.committee.ref} meeting ${r.meeting.number}: ${r.proposal.reference} ${r.decision} on ${r.decidedOn} (${what}).\n`,
            );
          } catch (e) {
            if (e instanceof FollowingInputError || e instanceof FollowingNotFoundError)
              throw new CliError(`${OPTION_OF[e.field]}: ${e.message}`, EXIT.badInput);
            throw e;
          }
        }),
    );
}

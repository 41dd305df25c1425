// `modgov meeting add`: a committee meeting, needed before a paper for it (`modgov paper new`);
// `modgov meeting list`: the meetings in the register, newest first.
import type { Command } from 'commander';
import { addMeeting } from '../../app/add-meeting.ts';
import { getCommitteeMeetings, listAllMeetings } from '../../app/get-meeting.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

export function registerMeetingCommands(program: Command, kit: CommandKit): void {
  const meeting = program
    .command('meeting')
    .description('Committee meetings: the dates papers are written for.');

  meeting
    .command('add')
    .description('Add a committee meeting: its committee, its number and its date.')
    .requiredOption('--committee <ref>', 'the committee, e.g. OPSG')
    .requiredOption(
      '--number <number>',
      "the meeting's number in the committee's series, e.g. 27",
      kit.wholeNumber,
    )
    .requiredOption('--date <date>', 'the day it meets, YYYY-MM-DD', kit.isoDate)
    .addOption(kit.dataOption())
    .action(async (o: { committee: string; number: number; date: string; data: string }) =>
      kit.withContext('modgov meeting add', o.data, async (ctx) => {
        const added = await addMeeting(
          { db: ctx.database.db, rules: ctx.rules },
          { committee: o.committee, number: o.number, date: o.date, actor: 'analyst' },
        );
        process.stdout.write(
          `Added meeting ${added.number} of the ${added.committee.name} (${added.committee.ref}) on ${added.date}.\n`,
        );
      }),
    );

  meeting
    .command('list')
    .description('The meetings in the register, newest first.')
    .option('--committee <ref>', 'only this committee, e.g. OPSG')
    .addOption(kit.dataOption())
    .action(async (o: { committee?: string; data: string }) =>
      kit.withContext('modgov meeting list', o.data, async (ctx) => {
        const deps = { db: ctx.database.db, rules: ctx.rules };
        const found = o.committee ? await getCommitteeMeetings(deps, { committee: o.committee }) : null;
        if (o.committee && !found)
          throw new CliError(
            `There is no committee "${o.committee}" in the ${ctx.rules.id} register.`,
            EXIT.badInput,
          );
        const meetings = found ? found.meetings : await listAllMeetings(deps);
        for (const m of meetings) process.stdout.write(`${m.date}  ${m.committee.ref} ${m.number}\n`);
        if (meetings.length === 0) process.stdout.write('No meetings in the register.\n');
      }),
    );
}

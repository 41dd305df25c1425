// `modgov meeting add`: a committee meeting, needed before a paper for it (`modgov paper new`);
// `modgov meeting list`: the meetings in the register, newest first.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { buildMeetingPack, type PackFormat } from '../../app/build-meeting-pack.ts';
import { composeAgenda } from '../../app/compose-agenda.ts';
import { isBinaryFormat, renderPaperModel, type PaperFormat } from '../../app/render-paper.ts';
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

  meeting
    .command('agenda')
    .description(
      "A meeting's agenda, generated from what is due at it: its papers and the proposals awaiting the committee.",
    )
    .requiredOption('--committee <ref>', 'the committee, e.g. OPSG')
    .requiredOption('--number <number>', "the meeting's number", kit.wholeNumber)
    .addOption(
      new Option('--format <format>', 'the format')
        .choices(['text', 'md', 'html', 'docx', 'pdf'])
        .default('text'),
    )
    .option(
      '--classification <label>',
      "the agenda's classification (default: the stored agenda's, else White)",
    )
    .option('--out <file>', 'write to this file (needed for docx and pdf)')
    .addOption(kit.dataOption())
    .action(
      async (o: {
        committee: string;
        number: number;
        format: PaperFormat;
        classification?: string;
        out?: string;
        data: string;
      }) =>
        kit.withContext('modgov meeting agenda', o.data, async (ctx) => {
          const agenda = await composeAgenda(
            { db: ctx.database.db, rules: ctx.rules },
            { committee: o.committee, meeting: o.number, classification: o.classification },
          );
          for (const n of agenda.notices) process.stderr.write(`${n.message}\n`);
          const rendered = await renderPaperModel(agenda.paper, o.format);
          await deliver(rendered.body, o.out, isBinaryFormat(o.format), rendered.filename);
        }),
    );

  meeting
    .command('pack')
    .description('The meeting pack: the agenda and every paper of the meeting, in one PDF or Word file.')
    .requiredOption('--committee <ref>', 'the committee, e.g. OPSG')
    .requiredOption('--number <number>', "the meeting's number", kit.wholeNumber)
    .addOption(new Option('--format <format>', 'the format').choices(['pdf', 'docx']).default('pdf'))
    .option('--classification <label>', "the pack's classification (default: the agenda's)")
    .option('--out <file>', 'write to this file')
    .addOption(kit.dataOption())
    .action(
      async (o: {
        committee: string;
        number: number;
        format: PackFormat;
        classification?: string;
        out?: string;
        data: string;
      }) =>
        kit.withContext('modgov meeting pack', o.data, async (ctx) => {
          const pack = await buildMeetingPack(
            { db: ctx.database.db, rules: ctx.rules },
            { committee: o.committee, meeting: o.number, classification: o.classification, format: o.format },
          );
          for (const n of pack.notices) process.stderr.write(`${n.message}\n`);
          await deliver(pack.body, o.out, true, pack.filename);
          if (o.out) process.stderr.write(`Wrote ${pack.contents.join(', ')} to ${o.out}\n`);
        }),
    );
}

/** To a file, or to standard output unless that is a terminal and the body binary. */
async function deliver(
  body: string | Buffer,
  out: string | undefined,
  binary: boolean,
  filename: string,
): Promise<void> {
  if (out) return writeFile(out, body);
  if (binary && process.stdout.isTTY)
    throw new CliError(
      `This is a binary file and standard output is a terminal: give --out ${filename}, or redirect it.`,
      EXIT.badInput,
    );
  process.stdout.write(body);
}

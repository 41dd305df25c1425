// `modgov paper REF --format ... [--out FILE]`: a stored paper in a format; `modgov paper new ...`: compose and
// store a new one. What the composer left out is told on standard error, so the paper on standard output stays
// clean for a pipe.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { createPaper } from '../../app/create-paper.ts';
import {
  DOWNLOAD_FORMATS,
  formatExtension,
  isBinaryFormat,
  renderPaper,
  type DownloadFormat,
} from '../../app/render-paper.ts';
import type { CompositionNotice } from '../../domain/papers/paper.models.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

const FORMAT_NAMES: Record<DownloadFormat, string> = {
  text: 'text',
  md: 'Markdown',
  html: 'HTML',
  docx: 'Word document',
  pdf: 'PDF',
};

function writeNotices(notices: readonly CompositionNotice[], err: NodeJS.WritableStream): void {
  for (const notice of notices) err.write(`${notice.message}\n`);
}

function writeOut(out: NodeJS.WritableStream, body: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(body, (error) => (error ? reject(error) : resolve()));
  });
}

export interface PaperOptions {
  format: DownloadFormat;
  out?: string | undefined;
  data: string;
}

export function registerPaperCommands(program: Command, kit: CommandKit): void {
  const paper = program
    .command('paper')
    .description(
      'Write a stored committee paper in a format (text by default, to standard output); `paper new` composes and stores a new one.',
    )
    .argument('<reference>', 'the paper, e.g. OPSG_26_0511_16')
    .addOption(new Option('--format <format>', 'the format').choices(DOWNLOAD_FORMATS).default('text'))
    .option('--out <file>', 'write to this file instead of standard output (docx and pdf, at a terminal)')
    .addOption(kit.dataOption())
    // `paper new --data d`: the option is the subcommand's, not this command's
    .enablePositionalOptions()
    .action(async (reference: string, o: PaperOptions) => {
      if (!o.out && isBinaryFormat(o.format) && process.stdout.isTTY)
        throw new CliError(
          `A ${FORMAT_NAMES[o.format]} is binary and this is a terminal: give --out ${reference}.${formatExtension(o.format)}, or redirect standard output.`,
          EXIT.badInput,
        );
      await kit.withContext('modgov paper', o.data, async (ctx) => {
        const rendered = await renderPaper(
          { db: ctx.database.db, rules: ctx.rules },
          { reference, format: o.format },
        );
        writeNotices(rendered.notices, process.stderr);
        if (o.out) {
          await writeFile(o.out, rendered.body);
          process.stderr.write(
            `Wrote ${rendered.paper.reference} as ${FORMAT_NAMES[o.format]} to ${o.out}\n`,
          );
        } else await writeOut(process.stdout, rendered.body);
      });
    });

  paper
    .command('new')
    .description(
      'Compose a new paper for a committee meeting from the register and store it; prints its reference and what was left out. The meeting must be in the register (`modgov meeting add`): its date makes the reference COMMITTEE_meeting_DDMM_item.',
    )
    .requiredOption('--type <type>', 'the type of paper: new_proposals_summary')
    .requiredOption('--committee <ref>', 'the committee, e.g. OPSG')
    .requiredOption('--meeting <number>', "the meeting's number, e.g. 27", kit.wholeNumber)
    .requiredOption('--item <number>', 'the agenda item, e.g. 9', kit.wholeNumber)
    .requiredOption('--date <date>', "the paper's date, YYYY-MM-DD", kit.isoDate)
    .requiredOption('--from <date>', 'the first day of the reporting period, YYYY-MM-DD', kit.isoDate)
    .requiredOption('--to <date>', 'the last day of the reporting period, YYYY-MM-DD', kit.isoDate)
    .option('--reference <reference>', 'a reference already used for it (default: computed from the meeting)')
    .option('--title <title>', "the title (default: the code's title for the type)")
    .option('--action <action>', 'what the committee is asked to do (default: for_discussion)')
    .option('--classification <classification>', 'the classification (default: white)')
    .option('--author <person>', 'the person who signs it, by id (e.g. bradley-baker)')
    .addOption(kit.dataOption())
    .action(
      async (o: {
        type: string;
        committee: string;
        meeting: number;
        item: number;
        date: string;
        from: string;
        to: string;
        reference?: string;
        title?: string;
        action?: string;
        classification?: string;
        author?: string;
        data: string;
      }) =>
        kit.withContext('modgov paper new', o.data, async (ctx) => {
          const created = await createPaper(
            { db: ctx.database.db, rules: ctx.rules },
            {
              type: o.type,
              committee: o.committee,
              meeting: o.meeting,
              item: o.item,
              date: o.date,
              period: { from: o.from, to: o.to },
              reference: o.reference,
              title: o.title,
              action: o.action,
              classification: o.classification,
              author: o.author,
              actor: 'analyst',
            },
          );
          process.stdout.write(`Created ${created.reference}\n`);
          writeNotices(created.notices, process.stderr);
        }),
    );
}

// `modgov views add REF`: the secretariat records a committee's view on a proposal, given at a meeting (against
// the agenda item and the paper) or sent by e-mail to the Change Team (record-view.ts, as on the staff form);
// `modgov views list REF`: the views on a proposal, all of them (but Red ones, which no one may read) or what one
// viewer may see (`--as`, as `modgov export --as`), through list-views.ts.
import { Option, type Command } from 'commander';
import { getViewer } from '../../app/get-viewer.ts';
import { listViews, type ViewsViewer } from '../../app/list-views.ts';
import { recordView } from '../../app/record-view.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';
import { registerViewRequestCommand } from './mail.ts';

/** Today's date where the administrator works: no view is dated after it. */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

interface AddOptions {
  committee: string;
  source: 'meeting' | 'email';
  meeting?: number;
  paper?: string;
  item?: number;
  author: string;
  on?: string;
  text: string;
  classification?: string;
  version?: number;
  data: string;
}

export function registerViewCommands(program: Command, kit: CommandKit): void {
  const views = program
    .command('views')
    .description("Committees' views on proposals: recorded from meetings, or sent in between them.");

  views
    .command('add')
    .description("Record a committee's view on a proposal, given at a meeting or sent by e-mail.")
    .argument('<reference>', 'the proposal, e.g. DP090')
    .requiredOption('--committee <ref>', 'the committee whose view it is, e.g. OPSG')
    .addOption(
      new Option('--source <source>', 'how it was given').choices(['meeting', 'email']).default('meeting'),
    )
    .option(
      '--meeting <number>',
      'the meeting it was given at (needed for --source meeting)',
      kit.wholeNumber,
    )
    .option('--paper <reference>', 'the paper it answers, e.g. OPSG_26_0511_16 (one of that meeting’s)')
    .option('--item <number>', 'the agenda item, e.g. 16 (default: the paper’s)', kit.wholeNumber)
    .requiredOption('--author <name>', 'who gave it, as the minutes name them')
    .option('--on <date>', 'the date given, YYYY-MM-DD (default: the meeting’s date)', kit.isoDate)
    .requiredOption('--text <markdown>', 'the view, in Markdown')
    .option('--classification <slug>', 'white, green or amber (default: the proposal’s classification)')
    .option(
      '--version <number>',
      'the problem statement version it answers (default: the one current on the paper’s date)',
      kit.wholeNumber,
    )
    .addOption(kit.dataOption())
    .action(async (reference: string, o: AddOptions) =>
      kit.withContext('modgov views add', o.data, async (ctx) => {
        const recorded = await recordView(
          { db: ctx.database.db, rules: ctx.rules, today: londonToday },
          {
            reference,
            committee: o.committee,
            source: o.source,
            meeting: o.meeting,
            paper: o.paper,
            item: o.item,
            author: o.author,
            on: o.on,
            classification: o.classification,
            text: o.text,
            version: o.version,
            by: 'cli',
          },
        );
        const where = [
          recorded.meeting === null ? null : `at ${recorded.committee} meeting ${recorded.meeting}`,
          recorded.item === null ? null : `item ${recorded.item}`,
          recorded.paper,
        ].filter((part) => part !== null);
        process.stdout.write(
          `Recorded the ${recorded.committee}'s view on ${recorded.reference} (view ${recorded.id}), given on ${recorded.givenOn}${
            where.length ? ` ${where.join(', ')}` : ''
          }; ${recorded.classification}${
            recorded.problemStatementVersion === null
              ? ''
              : `; answers problem statement version ${recorded.problemStatementVersion}`
          }.\n`,
        );
      }),
    );

  registerViewRequestCommand(views, kit); // `views request --paper REF`: ask the members by e-mail (mail.ts)

  views
    .command('list')
    .description('The views on a proposal, oldest first: every one (but Red), or what one viewer may see.')
    .argument('<reference>', 'the proposal, e.g. DP090')
    .option('--as <who>', 'only what this user (an e-mail address) or "public" may see')
    .addOption(kit.dataOption())
    .action(async (reference: string, o: { as?: string; data: string }) =>
      kit.withContext('modgov views list', o.data, async (ctx) => {
        const deps = { db: ctx.database.db, rules: ctx.rules };
        const viewer: ViewsViewer = o.as ? await getViewer(deps, { as: o.as }) : 'whole-register';
        const found = await listViews(deps, { viewer, reference });
        if (!found)
          throw new CliError(
            `reference: there is no proposal ${reference} in the ${ctx.rules.id} register${o.as ? ` that ${o.as} may see` : ''}.`,
            EXIT.badInput,
          );
        if (found.views.length === 0) {
          process.stdout.write(`No views on ${found.reference}.\n`);
          return;
        }
        for (const view of found.views) {
          const where = [
            view.meeting ? `${view.meeting.committee} meeting ${view.meeting.number}` : null,
            view.agendaItem === null ? null : `item ${view.agendaItem}`,
            view.paper?.reference ?? null,
          ].filter((part) => part !== null);
          const version =
            view.problemStatementVersion === null
              ? ''
              : `  problem statement v${view.problemStatementVersion}`;
          process.stdout.write(
            `${view.givenOn}  ${view.committee.ref}  ${view.author}  (${view.sourceLabel}${
              where.length ? `: ${where.join(', ')}` : ''
            })  ${view.classification.label}${version}\n`,
          );
          process.stdout.write(`${view.text.replace(/^/gm, '    ')}\n`);
        }
      }),
    );
}

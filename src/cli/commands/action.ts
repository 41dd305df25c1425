// What meetings decided, from the command line, through the same use cases as the staff form
// (src/web/routes/meeting-outcome-pages.ts):
//   `modgov outcome --committee OPSG --meeting 26 --item 16 --outcome noted [--notes TEXT]`   recordAgendaOutcome;
//       without --notes the notes already recorded for the item are kept (as the form, which shows them, does)
//   `modgov action add --committee OPSG --meeting 26 [--item 16] --text TEXT --owner EMAIL|--owner-name NAME
//       [--due DATE]`   addMeetingAction; prints the new action's id
//   `modgov action done ID [--on DATE]`   completeMeetingAction, today in London unless given
//   `modgov action list [--committee OPSG] [--all] [--owner EMAIL]`   listActions: the open ones (or all), a table
// The audit names the actor `analyst`, as `modgov meeting add` and `modgov follow` do. A refusal names the option
// to correct and exits with status 2; nothing is stored.
import { Option, type Command } from 'commander';
import { addMeetingAction } from '../../app/add-meeting-action.ts';
import { completeMeetingAction } from '../../app/complete-meeting-action.ts';
import { getCommitteeMeetings } from '../../app/get-meeting.ts';
import { ActionListInputError, listActions, type ListedAction } from '../../app/list-actions.ts';
import {
  AGENDA_OUTCOMES,
  MeetingDecisionInputError,
  MeetingDecisionNotFoundError,
  recordAgendaOutcome,
} from '../../app/record-agenda-outcome.ts';
import type { AppContext } from '../../composition.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

/** Who the audit says acted: the administrator's staff, as the other meeting commands record. */
const ACTOR = 'analyst';

/** Today's date where the administrator works: the default day an action is done. */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** The option (or argument) that carries each field the use cases name. */
const OPTION_OF: Record<MeetingDecisionInputError['field'], string> = {
  meeting: '--meeting',
  item: '--item',
  outcome: '--outcome',
  notes: '--notes',
  text: '--text',
  owner: '--owner',
  dueOn: '--due',
  on: '--on',
  action: '<id>',
};

const deps = (ctx: AppContext) => ({ db: ctx.database.db, rules: ctx.rules });

/**
 * Turns a use case's refusal into one naming the option: a meeting not found is the --committee's fault when the
 * register holds no such committee, else the --meeting's.
 */
async function refusal(
  ctx: AppContext,
  e: unknown,
  where: { committee?: string; options?: Partial<Record<MeetingDecisionInputError['field'], string>> },
): Promise<unknown> {
  if (e instanceof MeetingDecisionInputError)
    return new CliError(`${where.options?.[e.field] ?? OPTION_OF[e.field]}: ${e.message}`, EXIT.badInput);
  if (e instanceof MeetingDecisionNotFoundError) {
    if (where.committee === undefined) return new CliError(`<id>: ${e.message}`, EXIT.badInput);
    const committee = await getCommitteeMeetings(deps(ctx), { committee: where.committee.trim() });
    return new CliError(`${committee ? '--meeting' : '--committee'}: ${e.message}`, EXIT.badInput);
  }
  return e;
}

/** Columns padded to their widest cell; the last one (free text) is not. */
function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

const statusOf = (a: ListedAction) => (a.doneOn ? `done ${a.doneOn}` : a.overdue ? 'OVERDUE' : 'open');

export function registerOutcomeCommands(program: Command, kit: CommandKit): void {
  program
    .command('outcome')
    .description(
      `Record what a meeting decided on one of its agenda items: ${AGENDA_OUTCOMES.join(', ')}. It replaces the outcome recorded before (the audit log keeps both).`,
    )
    .requiredOption('--committee <ref>', 'the committee, e.g. OPSG')
    .requiredOption('--meeting <number>', 'the meeting, e.g. 26', kit.wholeNumber)
    .requiredOption('--item <number>', 'the agenda item, e.g. 16', kit.wholeNumber)
    .addOption(
      new Option('--outcome <outcome>', 'what the meeting decided')
        .choices([...AGENDA_OUTCOMES])
        .makeOptionMandatory(),
    )
    .option('--notes <text>', 'notes on it (default: the notes already recorded for the item; "" for none)')
    .addOption(kit.dataOption())
    .action(
      async (o: {
        committee: string;
        meeting: number;
        item: number;
        outcome: string;
        notes?: string;
        data: string;
      }) =>
        kit.withContext('modgov outcome', o.data, async (ctx) => {
          try {
            const r = await recordAgendaOutcome(deps(ctx), {
              committee: o.committee,
              meeting: o.meeting,
              item: o.item,
              outcome: o.outcome,
              notes: o.notes, // left out: the notes already recorded are kept (recordAgendaOutcome)
              actor: ACTOR,
            });
            const what = !r.changed
              ? 'already recorded; nothing changed'
              : r.previous
                ? `recorded; it was ${r.previous.outcome}`
                : 'recorded';
            process.stdout.write(
              `${o.committee.trim()} meeting ${o.meeting}, item ${r.item}: ${r.outcome}${r.notes ? ` (notes: ${r.notes})` : ''} (${what}).\n`,
            );
          } catch (e) {
            throw await refusal(ctx, e, { committee: o.committee });
          }
        }),
    );

  const action = program
    .command('action')
    .description('The actions meetings give: add one, mark one done, list them.');

  action
    .command('add')
    .description("Add an action a meeting gave. Prints the new action's id.")
    .requiredOption('--committee <ref>', 'the committee, e.g. OPSG')
    .requiredOption('--meeting <number>', 'the meeting that gave it, e.g. 26', kit.wholeNumber)
    .option('--item <number>', 'the agenda item it came from, e.g. 16', kit.wholeNumber)
    .requiredOption('--text <text>', 'what is to be done')
    .addOption(new Option('--owner <email>', "its owner: a user's e-mail address").conflicts('ownerName'))
    .addOption(new Option('--owner-name <name>', 'its owner, by name: someone without an account'))
    .option('--due <date>', "the day it is due, YYYY-MM-DD (on or after the meeting's day)", kit.isoDate)
    .addOption(kit.dataOption())
    .action(
      async (o: {
        committee: string;
        meeting: number;
        item?: number;
        text: string;
        owner?: string;
        ownerName?: string;
        due?: string;
        data: string;
      }) => {
        if (o.owner === undefined && o.ownerName === undefined)
          throw new CliError(
            "--owner or --owner-name: give the owner, a user's e-mail address or a name.",
            EXIT.badInput,
          );
        if (o.owner !== undefined && !o.owner.includes('@'))
          throw new CliError(
            `--owner: a user's e-mail address, not "${o.owner}"; for someone without an account use --owner-name.`,
            EXIT.badInput,
          );
        if (o.ownerName?.includes('@'))
          throw new CliError(
            `--owner-name: a name, not an e-mail address ("${o.ownerName}"); for a user use --owner.`,
            EXIT.badInput,
          );
        await kit.withContext('modgov action add', o.data, async (ctx) => {
          try {
            const added = await addMeetingAction(deps(ctx), {
              committee: o.committee,
              meeting: o.meeting,
              item: o.item,
              text: o.text,
              owner: o.owner ?? o.ownerName ?? '',
              dueOn: o.due,
              actor: ACTOR,
            });
            process.stdout.write(
              `Added action ${added.id} to ${o.committee.trim()} meeting ${o.meeting}${o.item === undefined ? '' : `, item ${o.item}`}; owner ${added.owner.name}${added.dueOn ? `; due ${added.dueOn}` : ''}.\n`,
            );
          } catch (e) {
            throw await refusal(ctx, e, {
              committee: o.committee,
              options: { owner: o.owner === undefined ? '--owner-name' : '--owner' },
            });
          }
        });
      },
    );

  action
    .command('done')
    .description('Mark an action done: it leaves the open actions (the workspace, the next agenda).')
    .argument('<id>', 'the action, by the id `action add` and `action list` print', kit.wholeNumber)
    .option('--on <date>', 'the day it was done, YYYY-MM-DD (default: today in London)', kit.isoDate)
    .addOption(kit.dataOption())
    .action(async (id: number, o: { on?: string; data: string }) =>
      kit.withContext('modgov action done', o.data, async (ctx) => {
        try {
          const done = await completeMeetingAction(
            { ...deps(ctx), today: londonToday },
            {
              id,
              on: o.on ?? londonToday(),
              actor: ACTOR,
            },
          );
          process.stdout.write(
            `Action ${done.id} (${done.committee} meeting ${done.meeting}) marked done on ${done.doneOn}.\n`,
          );
        } catch (e) {
          throw await refusal(ctx, e, {});
        }
      }),
    );

  action
    .command('list')
    .description(
      'The open actions, due soonest first (then those with no due date); with --all the done ones after them.',
    )
    .option('--committee <ref>', 'only this committee’s, e.g. OPSG')
    .option('--owner <email>', 'only the actions of the user with this e-mail address')
    .option('--all', 'the done actions too')
    .addOption(kit.dataOption())
    .action(async (o: { committee?: string; owner?: string; all?: boolean; data: string }) =>
      kit.withContext('modgov action list', o.data, async (ctx) => {
        let actions: ListedAction[];
        try {
          actions = await listActions(
            { ...deps(ctx), today: londonToday },
            { committee: o.committee, ownerEmail: o.owner, includeDone: o.all === true },
          );
        } catch (e) {
          if (e instanceof ActionListInputError)
            throw new CliError(`--${e.field}: ${e.message}`, EXIT.badInput);
          throw e;
        }
        if (actions.length === 0) {
          process.stdout.write(`No ${o.all ? '' : 'open '}actions.\n`);
          return;
        }
        const rows = actions.map((a) => [
          String(a.id),
          `${a.committee.ref} ${a.meeting.number}`,
          a.item === null ? '-' : String(a.item),
          a.owner.name,
          a.dueOn ?? '-',
          statusOf(a),
          a.text.replace(/\s+/g, ' '),
        ]);
        process.stdout.write(table([['ID', 'Meeting', 'Item', 'Owner', 'Due', 'Status', 'Action'], ...rows]));
      }),
    );
}

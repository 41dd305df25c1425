// `modgov recipients add|remove|list REF`: the named recipients of a proposal or a paper, the only readers of a
// Red item (and readers of any item they are named on).
import type { Command } from 'commander';
import { nameRecipient } from '../../app/name-recipient.ts';
import type { CommandKit } from '../program.ts';

export function registerRecipientCommands(program: Command, kit: CommandKit): void {
  const recipients = program
    .command('recipients')
    .description('Named recipients of a proposal or paper: the only readers of a Red item.');

  for (const [verb, named] of [
    ['add', true],
    ['remove', false],
  ] as const) {
    recipients
      .command(`${verb} <reference> <email...>`)
      .description(
        named
          ? 'Name users as recipients of a proposal (DP090) or a paper (OPSG_26_0511_16).'
          : 'Stop naming users as recipients.',
      )
      .addOption(kit.dataOption())
      .action(async (reference: string, emails: string[], o: { data: string }) =>
        kit.withContext(`modgov recipients ${verb}`, o.data, async (ctx) => {
          let last: string[] = [];
          let subject = reference;
          for (const email of emails) {
            const result = await nameRecipient(
              { db: ctx.database.db, rules: ctx.rules },
              { reference, email, named, actor: 'cli' },
            );
            last = result.recipients;
            subject = result.subject;
          }
          process.stdout.write(`${subject}: ${last.length ? last.join(', ') : 'no named recipients'}\n`);
        }),
      );
  }
}

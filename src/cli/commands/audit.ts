// `modgov audit verify`: checks the audit log's hash chain; exit 0 when intact, 1 naming the first broken record.
import type { Command } from 'commander';
import { verifyAuditLog } from '../../app/verify-audit-log.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

export function registerAuditCommands(program: Command, kit: CommandKit): void {
  const audit = program.command('audit').description('The audit log: who changed what, when, hash-chained.');

  audit
    .command('verify')
    .description('Check the audit log hash chain and name the first record where it breaks.')
    .addOption(kit.dataOption())
    .action(async (o: { data: string }) =>
      kit.withContext('modgov audit verify', o.data, async (ctx) => {
        const result = await verifyAuditLog({ db: ctx.database.db });
        if (!result.ok)
          throw new CliError(
            `The audit log is broken at record #${result.firstBroken.id}: ${result.firstBroken.reason}.`,
            EXIT.failure,
          );
        process.stdout.write(
          `The audit log holds ${result.count} record${result.count === 1 ? '' : 's'}; the chain is intact.\n`,
        );
      }),
    );
}

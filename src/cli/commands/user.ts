// `modgov user add`: a user who may sign in, with their roles (and a password read from standard input);
// `modgov user list`: the users, their people and roles.
import { InvalidArgumentError, type Command } from 'commander';
import { addUser } from '../../app/add-user.ts';
import { listRolesOfUsers, listUsers } from '../../db/accounts.repository.ts';
import { parseRoleGrant, type RoleGrant } from '../../domain/access/roles.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

const collectRole = (value: string, previous: RoleGrant[]) => {
  try {
    return [...previous, parseRoleGrant(value)];
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

/** The first line of standard input, without its line ending. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new CliError(
      '--password-stdin reads the password from a pipe: echo "$PW" | modgov user add ...',
      EXIT.badInput,
    );
  let text = '';
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

export function registerUserCommands(program: Command, kit: CommandKit): void {
  const user = program.command('user').description('People who sign in, and their roles.');

  user
    .command('add')
    .description(
      'Add a user who may sign in. Roles: administrator, analyst, party_user, regulator, and committee_chair, committee_member, committee_alternate as ROLE:COMMITTEE.',
    )
    .requiredOption('--email <email>', 'the e-mail address they sign in with')
    .requiredOption('--name <name>', 'their name')
    .option('--person <slug>', 'the person in the register they are (their organisation follows)')
    .option(
      '--role <role>',
      'a role, repeatable: --role analyst --role committee_member:OPSG',
      collectRole,
      [],
    )
    .option('--password-stdin', 'read their password from standard input (else they set one by a reset link)')
    .addOption(kit.dataOption())
    .action(
      async (o: {
        email: string;
        name: string;
        person?: string;
        role: RoleGrant[];
        passwordStdin?: boolean;
        data: string;
      }) => {
        const password = o.passwordStdin ? await readPasswordFromStdin() : undefined;
        await kit.withContext('modgov user add', o.data, async (ctx) => {
          const added = await addUser(
            { db: ctx.database.db, rules: ctx.rules },
            { email: o.email, name: o.name, person: o.person, roles: o.role, password, actor: 'cli' },
          );
          process.stdout.write(
            `Added user ${added.email} (${added.name})${added.roles.length ? ` with ${added.roles.join(', ')}` : ' with no roles'}${password === undefined ? '; no password yet: they can set one at /password-reset' : ''}.\n`,
          );
        });
      },
    );

  user
    .command('list')
    .description('The users, with their person and roles.')
    .addOption(kit.dataOption())
    .action(async (o: { data: string }) =>
      kit.withContext('modgov user list', o.data, async (ctx) => {
        const users = await listUsers(ctx.database.db);
        const roles = await listRolesOfUsers(ctx.database.db);
        for (const u of users) {
          const held = roles
            .filter((r) => r.userId === u.id)
            .map((r) => (r.committee ? `${r.role}:${r.committee}` : r.role));
          process.stdout.write(
            `${u.email}  ${u.name}${u.person ? `  person=${u.person}` : ''}  roles=${held.join(',') || '-'}${u.disabledAt ? '  (disabled)' : ''}\n`,
          );
        }
        if (users.length === 0) process.stdout.write('No users.\n');
      }),
    );
}

// Adding a user from the administrator's page: the user is added without a password (addUser, with its
// checks and audit record) and is then sent a link to set one (sendSetPasswordLink). When the mail cannot be
// sent the user stays added and the answer says so; the administrator can send a new link from their page.
import type { Db } from '../db/connect.ts';
import type { RoleGrant } from '../domain/access/roles.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { Mailer } from '../mail/mailer.ts';
import { addUser, type AddedUser } from './add-user.ts';
import { sendSetPasswordLink } from './send-set-password-link.ts';

export interface InviteUserInput {
  email: string;
  name: string;
  /** The person's slug; empty or absent for none. */
  person?: string | undefined;
  roles: readonly RoleGrant[];
  /** The site's address for the link in the mail. */
  baseUrl: string;
  /** The administrator adding them. */
  actorUserId: number;
}

export interface InvitedUser extends AddedUser {
  /** Why the mail with the link could not be sent, or null when it was. */
  linkError: string | null;
}

export async function inviteUser(
  deps: { db: Db; rules: RulesPack; now: () => Date; mailer: Mailer; serviceName: string },
  input: InviteUserInput,
): Promise<InvitedUser> {
  const added = await addUser(
    { db: deps.db, rules: deps.rules },
    {
      email: input.email,
      name: input.name,
      person: input.person?.trim() || undefined,
      roles: input.roles,
      actor: `user:${input.actorUserId}`,
    },
  );
  try {
    await sendSetPasswordLink(deps, {
      userId: added.id,
      baseUrl: input.baseUrl,
      actorUserId: input.actorUserId,
      welcome: true,
    });
    return { ...added, linkError: null };
  } catch (error) {
    return { ...added, linkError: error instanceof Error ? error.message : String(error) };
  }
}

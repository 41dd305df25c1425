// Who a command-line user acts as, for the ways out that keep to the classification policy (an export for
// someone): the anonymous public, or the user with this e-mail address, with their organisation and roles.
import { findUserByEmail } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import { anonymousViewer, viewerOf, type Viewer } from '../domain/access/visibility.ts';
import { normaliseEmail } from './add-user.ts';
import { loadRoleGrants } from './get-session.ts';

export class UnknownViewerError extends Error {
  readonly code = 'viewer.unknown';
  readonly status = 400;
  override name = 'UnknownViewerError';
}

/** `public` is the anonymous public; anything else is a user's e-mail address. */
export async function getViewer(deps: { db: Db }, input: { as: string }): Promise<Viewer> {
  if (input.as.trim().toLowerCase() === 'public') return anonymousViewer;
  const email = normaliseEmail(input.as);
  if (!email) throw new UnknownViewerError(`--as: "${input.as}" is neither "public" nor an e-mail address.`);
  const user = await findUserByEmail(deps.db, email);
  if (!user) throw new UnknownViewerError(`--as: there is no user ${email}.`);
  if (user.disabledAt) throw new UnknownViewerError(`--as: the user ${email} is disabled.`);
  return viewerOf({
    id: user.id,
    organisationId: user.organisationId,
    roles: await loadRoleGrants(deps.db, user.id),
  });
}

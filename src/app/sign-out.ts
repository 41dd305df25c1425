// Signing out: the session is revoked in the database (so the token is dead on every instance), not just
// forgotten by the browser. An unknown or already revoked token is a no-op.
import { revokeSession } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import { hashToken } from './sign-in.ts';

export async function signOut(deps: { db: Db; now: () => Date }, token: string): Promise<void> {
  await revokeSession(deps.db, hashToken(token), deps.now());
}

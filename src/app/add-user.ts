// Adding a user who may sign in: an e-mail (the sign-in name, stored lower-cased), a name, optionally the
// person in the register they are and a password (hashed with argon2id), and their roles. A duplicate e-mail
// is refused; an audit record says who was added with which roles (never the hash).
import { hash } from '@node-rs/argon2';
import { findPersonBySlug, findUserByEmail, insertUser, insertUserRoles } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import { findCommitteeByRef } from '../db/papers.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { formatRoleGrant, type RoleGrant } from '../domain/access/roles.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

/** argon2id at the OWASP setting: m=19 MiB, t=2, p=1 (about 15 ms a hash). */
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/** An argon2id PHC string for a password (also used by reset-password.ts). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export class UserInputError extends Error {
  readonly code = 'user.invalid';
  readonly status = 400;
  override name = 'UserInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class DuplicateUserError extends Error {
  readonly code = 'user.duplicate_email';
  readonly status = 409;
  override name = 'DuplicateUserError';
  readonly field = 'email';
}

/** A lower-cased, trimmed e-mail address, or null when it does not look like one. */
export function normaliseEmail(email: string): string | null {
  const e = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length <= 254 ? e : null;
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 1024) return 'Enter a password of at most 1024 characters.';
  return null;
}

export interface AddUserInput {
  email: string;
  name: string;
  /** The person in the register this user is (a slug); the user then belongs to their organisation. */
  person?: string | undefined;
  roles: readonly RoleGrant[];
  /** Without one, the user can sign in only after a password reset (or single sign-on). */
  password?: string | undefined;
  /** Who is adding them, for the audit record. */
  actor: string;
}

export interface AddedUser {
  id: number;
  email: string;
  name: string;
  roles: string[];
}

const isUniqueViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if ((e as Error & { code?: unknown }).code === '23505') return true;
  return false;
};

export async function addUser(deps: { db: Db; rules: RulesPack }, input: AddUserInput): Promise<AddedUser> {
  const { db, rules } = deps;
  const email = normaliseEmail(input.email);
  if (!email) throw new UserInputError(`"${input.email}" is not an e-mail address.`, 'email');
  const name = input.name.trim();
  if (!name) throw new UserInputError('Enter the name of the user.', 'name');
  const problem = input.password === undefined ? null : passwordProblem(input.password);
  if (problem) throw new UserInputError(problem, 'password');
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const duplicate = () => new DuplicateUserError(`There is already a user with the e-mail ${email}.`);

  try {
    return await db.transaction(async (tx) => {
      if (await findUserByEmail(tx, email)) throw duplicate();
      const person = input.person ? await findPersonBySlug(tx, input.person) : null;
      if (input.person && !person)
        throw new UserInputError(`There is no person "${input.person}" in the register.`, 'person');
      const roleRows: { role: string; committeeId: number | null }[] = [];
      for (const grant of input.roles) {
        if (!('committee' in grant)) {
          roleRows.push({ role: grant.role, committeeId: null });
          continue;
        }
        const committee = await findCommitteeByRef(tx, rules.id, grant.committee);
        if (!committee)
          throw new UserInputError(
            `There is no committee "${grant.committee}" in the ${rules.id} register.`,
            'role',
          );
        roleRows.push({ role: grant.role, committeeId: committee.id });
      }
      const id = await insertUser(tx, {
        email,
        name,
        personId: person?.id ?? null,
        organisationId: person?.organisationId ?? null,
        passwordHash,
      });
      // the same role twice is one role
      const unique = [...new Map(roleRows.map((r) => [`${r.role}:${r.committeeId}`, r])).values()];
      await insertUserRoles(
        tx,
        unique.map((r) => ({ userId: id, ...r })),
      );
      const roles = [...new Set(input.roles.map(formatRoleGrant))];
      await appendAuditEvent(tx, {
        actor: input.actor,
        action: 'user.added',
        subjectType: 'user',
        subjectId: String(id),
        before: null,
        after: { email, name, person: input.person ?? null, roles, password: passwordHash !== null },
      });
      return { id, email, name, roles };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

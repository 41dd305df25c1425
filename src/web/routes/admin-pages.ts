// The administrator's pages to manage users: the list, adding a user (who is mailed a link to set their
// password), and one user's page where their name, person and roles change, and where they are disabled,
// enabled, signed out everywhere or sent a new link. Every route needs canManageUsers: the anonymous visitor
// is sent to sign in (303), anyone else signed in gets 403 and learns nothing about the users. Each route
// parses the form, calls one use case and renders; the CSRF check has already run (src/web/auth.ts).
// A change answers with a redirect to the user's page (post/redirect/get), which says what was done.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DuplicateUserError, normaliseEmail, UserInputError } from '../../app/add-user.ts';
import { getUserForAdmin, type UserForAdmin } from '../../app/get-user-for-admin.ts';
import { inviteUser } from '../../app/invite-user.ts';
import { listUserFormChoices, type UserFormChoices } from '../../app/list-user-form-choices.ts';
import { formatGrants, listUsersForAdmin } from '../../app/list-users-for-admin.ts';
import { revokeUserSessions } from '../../app/revoke-user-sessions.ts';
import { sendSetPasswordLink } from '../../app/send-set-password-link.ts';
import { setUserDisabled } from '../../app/set-user-disabled.ts';
import { updateUser } from '../../app/update-user.ts';
import { OwnAccountError, UserDisabledError, UserNotFoundError } from '../../app/user-admin.errors.ts';
import type { Db } from '../../db/connect.ts';
import { canManageUsers } from '../../domain/access/can.ts';
import {
  describeRoleGrant,
  parseRoleGrant,
  RoleInputError,
  type RoleGrant,
} from '../../domain/access/roles.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { csrfToken, type SignedInUser } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface AdminPageDeps {
  db: Db;
  rules: RulesPack;
  now: () => Date;
  pages: Pages;
  /** Where the mail with a new user's link to set their password goes. */
  mailer: Mailer;
  /** The site's public address for links in e-mail; without one, the request's own address is used. */
  publicUrl?: string | undefined;
}

const SERVICE_NAME = 'modgov';

type Form = Record<string, string | string[] | undefined>;

/** A single text field of a form body ('' when absent or repeated). */
const field = (request: FastifyRequest, name: string): string => {
  const value = (request.body as Form | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** Every value of a repeatable field (checkboxes). */
const fieldValues = (request: FastifyRequest, name: string): string[] => {
  const value = (request.body as Form | undefined)?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
};

interface FieldError {
  field: string;
  text: string;
}

/** The error summary and the field messages, as the govuk macros take them. */
const presentErrors = (errors: FieldError[]) => ({
  errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
  fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
});

/** An error a form shows beside its field, with the status to answer with; null for anything else. */
function formError(error: unknown): { status: number; error: FieldError } | null {
  if (
    error instanceof UserInputError ||
    error instanceof DuplicateUserError ||
    error instanceof RoleInputError ||
    error instanceof OwnAccountError ||
    error instanceof UserDisabledError
  )
    return { status: error.status, error: { field: error.field, text: error.message } };
  return null;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
/** "5 November 2019 at 14:03" (London time), or '' for none. */
const formatInstant = (at: Date | null): string => (at ? dateTime.format(at).replace(', ', ' at ') : '');

/** What the user's page says after a change (post/redirect/get): a fixed message per outcome. */
const DONE: Readonly<Record<string, string>> = {
  added: 'The user has been added and sent an e-mail with a link to set their password.',
  'added-no-mail':
    'The user has been added, but the e-mail with a link to set their password could not be sent. Send a new link below.',
  updated: 'The changes have been saved.',
  unchanged: 'Nothing was changed.',
  disabled: 'The user has been disabled and signed out everywhere.',
  enabled: 'The user has been enabled. They can sign in again.',
  revoked: 'The user has been signed out everywhere.',
  'link-sent': 'A link to set their password has been sent to the user.',
};

interface FormValues {
  email?: string;
  name: string;
  person: string;
  roles: string[];
}

/** The person select and the role checkboxes, with what is chosen. */
function formChoices(choices: UserFormChoices, values: FormValues) {
  const chosen = new Set(values.roles);
  return {
    personItems: [
      { value: '', text: 'None' },
      ...choices.people.map((p) => ({
        value: p.slug,
        text: `${p.name} (${p.organisation})`,
        selected: p.slug === values.person,
      })),
    ],
    globalRoleItems: choices.globalRoles.map((role) => ({
      value: role,
      text: describeRoleGrant({ role }),
      checked: chosen.has(role),
    })),
    committeeRoleGroups: choices.committees.map((c) => ({
      ref: c.ref,
      name: c.name,
      items: choices.committeeRoles.map((role) => ({
        value: `${role}:${c.ref}`,
        text: describeRoleGrant({ role, committee: c.ref }),
        checked: chosen.has(`${role}:${c.ref}`),
      })),
    })),
  };
}

/**
 * The new-user form's simple problems, all at once (the use case checks them again, and the rest: a duplicate
 * e-mail, an unknown person or committee).
 */
function newUserProblems(values: FormValues): FieldError[] {
  const errors: FieldError[] = [];
  const email = values.email?.trim() ?? '';
  if (!email) errors.push({ field: 'email', text: 'Enter their e-mail address.' });
  else if (!normaliseEmail(email))
    errors.push({
      field: 'email',
      text: 'Enter an e-mail address in the right format, like name@example.com.',
    });
  if (!values.name.trim()) errors.push({ field: 'name', text: 'Enter their name.' });
  return errors;
}

/** The checked roles as grants; a value that is not a role is an error on the roles field. */
const parseRoles = (values: readonly string[]): RoleGrant[] => values.map(parseRoleGrant);

const userPath = (id: number) => `/admin/users/${id}`;

/** `/admin/users/12` -> 12; anything but a positive whole number is null (a 404). */
const parseUserId = (raw: string): number | null =>
  /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;

export function registerAdminPageRoutes(app: FastifyInstance, deps: AdminPageDeps): void {
  const { db, rules, now, pages, mailer } = deps;

  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    template: string,
    context: Record<string, unknown>,
  ) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(pages.render(template, { ...context, csrfToken: csrfToken(request, reply) }));

  const notFound = (reply: FastifyReply) =>
    reply.code(404).type('text/html; charset=utf-8').send(pages.render('not-found.njk', {}));

  const baseUrl = (request: FastifyRequest) => deps.publicUrl ?? `${request.protocol}://${request.host}`;

  /** The signed-in administrator (the guard below has made sure there is one). */
  const admin = (request: FastifyRequest): SignedInUser => {
    if (!request.user) throw new Error('admin route reached without a signed-in user');
    return request.user;
  };

  const renderUserPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserForAdmin,
    options: { status?: number; values?: FormValues; errors?: FieldError[]; done?: string } = {},
  ) => {
    const values = options.values ?? {
      name: user.name,
      person: user.person ?? '',
      roles: formatGrants(user.roles),
    };
    const choices = await listUserFormChoices({ db, rules });
    return page(request, reply, options.status ?? 200, 'admin-user.njk', {
      user,
      roles: user.roles.map(describeRoleGrant),
      disabledAt: formatInstant(user.disabledAt),
      createdAt: formatInstant(user.createdAt),
      isSelf: user.id === admin(request).id,
      values,
      ...formChoices(choices, values),
      done: options.done && Object.hasOwn(DONE, options.done) ? DONE[options.done] : undefined,
      ...(options.errors?.length ? presentErrors(options.errors) : {}),
    });
  };

  /** Runs a change to one user; a form error re-renders their page with it, anything else is thrown. */
  const change = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    act: (userId: number) => Promise<string>,
    /** What the details form held, to show again with an error (else the user's stored details). */
    values?: FormValues,
  ) => {
    const userId = parseUserId(request.params.id);
    if (userId === null) return notFound(reply);
    try {
      const done = await act(userId);
      return await reply.redirect(`${userPath(userId)}?done=${done}`, 303);
    } catch (error) {
      if (error instanceof UserNotFoundError) return notFound(reply);
      const problem = formError(error);
      const user = problem && (await getUserForAdmin({ db, now }, userId));
      if (!problem || !user) throw error;
      return renderUserPage(request, reply, user, {
        status: problem.status,
        errors: [problem.error],
        ...(values ? { values } : {}),
      });
    }
  };

  void app.register((scope, _options, done) => {
    scope.addHook('preHandler', async (request, reply) => {
      if (!request.user) {
        const next = request.method === 'GET' ? request.url : '/admin/users';
        return reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
      }
      if (!canManageUsers(request.user))
        return reply
          .code(403)
          .type('text/html; charset=utf-8')
          .send(
            pages.render('error.njk', {
              status: 403,
              message: 'Only an administrator may manage users.',
            }),
          );
      return undefined;
    });

    scope.get('/admin', async (_request, reply) => reply.redirect('/admin/users', 303));

    scope.get('/admin/users', async (request, reply) => {
      const users = await listUsersForAdmin({ db });
      return page(request, reply, 200, 'admin-users.njk', {
        users: users.map((u) => ({ ...u, lastSignedIn: formatInstant(u.lastSignedInAt) })),
      });
    });

    scope.get('/admin/users/new', async (request, reply) => {
      const values: FormValues = { email: '', name: '', person: '', roles: [] };
      const choices = await listUserFormChoices({ db, rules });
      return page(request, reply, 200, 'admin-user-new.njk', { values, ...formChoices(choices, values) });
    });

    scope.post('/admin/users/new', async (request, reply) => {
      const values: FormValues = {
        email: field(request, 'email'),
        name: field(request, 'name'),
        person: field(request, 'person'),
        roles: fieldValues(request, 'role'),
      };
      const renderForm = async (status: number, errors: FieldError[]) =>
        page(request, reply, status, 'admin-user-new.njk', {
          values,
          ...formChoices(await listUserFormChoices({ db, rules }), values),
          ...presentErrors(errors),
        });
      const problems = newUserProblems(values);
      if (problems.length > 0) return renderForm(400, problems);
      try {
        const added = await inviteUser(
          { db, rules, now, mailer, serviceName: SERVICE_NAME },
          {
            email: values.email ?? '',
            name: values.name,
            person: values.person,
            roles: parseRoles(values.roles),
            baseUrl: baseUrl(request),
            actorUserId: admin(request).id,
          },
        );
        if (added.linkError) request.log.error({ err: added.linkError }, 'set-password mail not sent');
        const done = added.linkError ? 'added-no-mail' : 'added';
        return await reply.redirect(`${userPath(added.id)}?done=${done}`, 303);
      } catch (error) {
        const problem = formError(error);
        if (!problem) throw error;
        return renderForm(problem.status, [problem.error]);
      }
    });

    scope.get<{ Params: { id: string }; Querystring: { done?: string } }>(
      '/admin/users/:id',
      async (request, reply) => {
        const userId = parseUserId(request.params.id);
        const user = userId === null ? null : await getUserForAdmin({ db, now }, userId);
        if (!user) return notFound(reply);
        return renderUserPage(request, reply, user, { done: request.query.done ?? '' });
      },
    );

    scope.post<{ Params: { id: string } }>('/admin/users/:id', async (request, reply) => {
      const values: FormValues = {
        name: field(request, 'name'),
        person: field(request, 'person'),
        roles: fieldValues(request, 'role'),
      };
      return change(
        request,
        reply,
        async (userId) => {
          const updated = await updateUser(
            { db, rules },
            {
              userId,
              name: values.name,
              person: values.person,
              roles: parseRoles(values.roles),
              actorUserId: admin(request).id,
            },
          );
          return updated.changed ? 'updated' : 'unchanged';
        },
        values,
      );
    });

    scope.post<{ Params: { id: string } }>('/admin/users/:id/disable', async (request, reply) =>
      change(request, reply, async (userId) => {
        await setUserDisabled({ db, now }, { userId, disabled: true, actorUserId: admin(request).id });
        return 'disabled';
      }),
    );

    scope.post<{ Params: { id: string } }>('/admin/users/:id/enable', async (request, reply) =>
      change(request, reply, async (userId) => {
        await setUserDisabled({ db, now }, { userId, disabled: false, actorUserId: admin(request).id });
        return 'enabled';
      }),
    );

    scope.post<{ Params: { id: string } }>('/admin/users/:id/revoke-sessions', async (request, reply) =>
      change(request, reply, async (userId) => {
        await revokeUserSessions({ db, now }, { userId, actorUserId: admin(request).id });
        return 'revoked';
      }),
    );

    scope.post<{ Params: { id: string } }>('/admin/users/:id/send-link', async (request, reply) =>
      change(request, reply, async (userId) => {
        await sendSetPasswordLink(
          { db, now, mailer, serviceName: SERVICE_NAME },
          { userId, baseUrl: baseUrl(request), actorUserId: admin(request).id },
        );
        return 'link-sent';
      }),
    );
    done();
  });
}

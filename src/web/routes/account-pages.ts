// Signing in and out, the account page and password reset by e-mail link. Each route parses the form, calls
// one use case and renders; the CSRF check has already run (src/web/auth.ts). Pages that hold a form or a
// reset token are not cached.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  isPasswordResetUsable,
  PasswordInputError,
  ResetLinkInvalidError,
  resetPassword,
} from '../../app/reset-password.ts';
import { requestPasswordReset } from '../../app/request-password-reset.ts';
import { SignInInputError, SignInThrottledError, WrongCredentialsError, signIn } from '../../app/sign-in.ts';
import { signOut } from '../../app/sign-out.ts';
import { normaliseEmail } from '../../app/add-user.ts';
import type { Db } from '../../db/connect.ts';
import { canCreatePapers, canManageUsers, canRaise } from '../../domain/access/can.ts';
import { describeRoleGrant } from '../../domain/access/roles.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { clearSessionCookie, csrfToken, sessionToken, setSessionCookie } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface AccountPageDeps {
  db: Db;
  now: () => Date;
  mailer: Mailer;
  pages: Pages;
  /** The site's public address for links in e-mail; without one, the request's own address is used. */
  publicUrl?: string | undefined;
}

type Form = Record<string, string | string[] | undefined>;

/** A single text field of a form body ('' when absent or repeated). */
const field = (request: FastifyRequest, name: string): string => {
  const value = (request.body as Form | undefined)?.[name];
  return typeof value === 'string' ? value : '';
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

/** Only a path on this site: `/account`, not `//evil.example` or `https://...`. */
const localPath = (next: string): string | null => (/^\/(?![/\\])[^\s]*$/.test(next) ? next : null);

export function registerAccountPageRoutes(app: FastifyInstance, deps: AccountPageDeps): void {
  const { db, now, mailer, pages } = deps;

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

  app.get<{ Querystring: { next?: string } }>('/sign-in', async (request, reply) => {
    const next = localPath(request.query.next ?? '') ?? '';
    if (request.user) return reply.redirect(next || '/account', 303);
    return page(request, reply, 200, 'sign-in.njk', { values: {}, next, oidc: app.oidcSignIn ?? null });
  });

  app.post('/sign-in', async (request, reply) => {
    const email = field(request, 'email');
    const next = localPath(field(request, 'next')) ?? '';
    try {
      const signed = await signIn(
        { db, now },
        { email, password: field(request, 'password'), ip: request.ip },
      );
      setSessionCookie(request, reply, signed.token, signed.expiresAt);
      return await reply.redirect(next || '/account', 303);
    } catch (error) {
      if (
        error instanceof SignInInputError ||
        error instanceof WrongCredentialsError ||
        error instanceof SignInThrottledError
      )
        return page(request, reply, error.status, 'sign-in.njk', {
          values: { email },
          next,
          oidc: app.oidcSignIn ?? null,
          ...presentErrors([{ field: error.field, text: error.message }]),
        });
      throw error;
    }
  });

  app.post('/sign-out', async (request, reply) => {
    const token = sessionToken(request);
    if (token) await signOut({ db, now }, token);
    clearSessionCookie(request, reply);
    return reply.redirect('/', 303);
  });

  app.get('/account', async (request, reply) => {
    if (!request.user) return reply.redirect('/sign-in?next=%2Faccount', 303);
    const roles = request.user.roles.map(describeRoleGrant);
    return page(request, reply, 200, 'account.njk', {
      user: request.user,
      roles,
      canManageUsers: canManageUsers(request.user),
      canRaise: canRaise(request.user).allowed,
      isStaff: canCreatePapers(request.user),
    });
  });

  app.get('/password-reset', async (request, reply) =>
    page(request, reply, 200, 'reset-request.njk', { values: {} }),
  );

  app.post('/password-reset', async (request, reply) => {
    const email = field(request, 'email');
    if (!normaliseEmail(email))
      return page(request, reply, 400, 'reset-request.njk', {
        values: { email },
        ...presentErrors([
          {
            field: 'email',
            text: email.trim()
              ? 'Enter an e-mail address in the right format, like name@example.com.'
              : 'Enter your e-mail address.',
          },
        ]),
      });
    const baseUrl = deps.publicUrl ?? `${request.protocol}://${request.host}`;
    await requestPasswordReset({ db, now, mailer, serviceName: 'modgov' }, { email, baseUrl });
    return page(request, reply, 200, 'reset-request.njk', { sent: true, email: email.trim() });
  });

  app.get<{ Params: { token: string } }>('/password-reset/:token', async (request, reply) => {
    const usable = await isPasswordResetUsable({ db, now }, request.params.token);
    return page(request, reply, usable ? 200 : 410, 'reset-password.njk', {
      usable,
      action: `/password-reset/${encodeURIComponent(request.params.token)}`,
    });
  });

  app.post<{ Params: { token: string } }>('/password-reset/:token', async (request, reply) => {
    const action = `/password-reset/${encodeURIComponent(request.params.token)}`;
    try {
      await resetPassword(
        { db, now },
        {
          token: request.params.token,
          password: field(request, 'password'),
          confirm: field(request, 'confirm'),
        },
      );
      // the user's sessions are revoked, this one included
      clearSessionCookie(request, reply);
      request.user = null;
      request.authSession = null;
      return page(request, reply, 200, 'reset-password.njk', { done: true });
    } catch (error) {
      if (error instanceof ResetLinkInvalidError)
        return page(request, reply, 410, 'reset-password.njk', { usable: false, action });
      if (error instanceof PasswordInputError)
        return page(request, reply, 400, 'reset-password.njk', {
          usable: true,
          action,
          ...presentErrors([{ field: error.field, text: error.message }]),
        });
      throw error;
    }
  });
}

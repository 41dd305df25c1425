// Who is signed in, and CSRF protection for every form. Registered on the root instance by buildServer.
//
// Sessions: the `modgov_session` cookie holds a random token (HttpOnly, SameSite=Lax, Path=/; Secure when the
// request came over https or MODGOV_SECURE_COOKIES=1). The token is looked up in the database (only its
// SHA-256 is stored) on each request, so a session works on every instance, survives a restart and dies
// everywhere when revoked. The signed-in user is `request.user` (null for the anonymous public).
//
// CSRF: every POST must carry a hidden `_csrf` field, checked in a preHandler (the body is parsed by then;
// an onRequest hook would see no body). The token is HMAC-SHA256(secret, "modgov csrf v1"), where the secret is
//   - the session's csrfSecret (stored with the session) for a signed-in user, or
//   - for the anonymous forms (sign in, ask for a reset link, set a new password) a random secret in the
//     `modgov_csrf` cookie: a double-submit cookie. It is not signed with a server key, so instances need no
//     shared secret; what that leaves open is a sibling host that can set cookies on our domain (it could
//     plant a secret and the matching token: login CSRF at worst). SameSite=Lax and the CSP's
//     form-action 'self' narrow it further.
// A POST without the field, or with a wrong one, is refused with 403 before the handler runs.
// The header's account link (Sign in, or the user's name and a Sign out form with its token) is put into the
// layout's `<!--modgov:account-->` marker when an HTML page is sent, so page routes need not pass it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSession, type Session, type SignedInUser } from '../app/get-session.ts';
import type { Db } from '../db/connect.ts';
import { canCreatePapers } from '../domain/access/can.ts';

export type { SignedInUser } from '../app/get-session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for the anonymous public. */
    user: SignedInUser | null;
    /** The session behind `user` (its CSRF secret), or null. */
    authSession: Session | null;
  }
}

export const SESSION_COOKIE = 'modgov_session';
export const CSRF_COOKIE = 'modgov_csrf';
export const CSRF_FIELD = '_csrf';
const ACCOUNT_MARKER = '<!--modgov:account-->';

export interface AuthOptions {
  db: Db;
  now: () => Date;
}

const secureCookies = (request: FastifyRequest) =>
  request.protocol === 'https' || process.env.MODGOV_SECURE_COOKIES === '1';

const cookieOptions = (request: FastifyRequest) =>
  ({ httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookies(request) }) as const;

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), expires: expiresAt });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/** The session token the request carries, if any. */
export const sessionToken = (request: FastifyRequest): string | undefined =>
  request.cookies[SESSION_COOKIE] || undefined;

const tokenFromSecret = (secret: string) =>
  createHmac('sha256', secret).update('modgov csrf v1').digest('base64url');

const isSecret = (value: string | undefined): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

/**
 * The CSRF token for this request's forms. For an anonymous visitor without a `modgov_csrf` cookie, one is
 * set on the reply.
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  if (request.authSession) return tokenFromSecret(request.authSession.csrfSecret);
  let secret = request.cookies[CSRF_COOKIE];
  if (!isSecret(secret)) {
    secret = randomBytes(32).toString('base64url');
    request.cookies[CSRF_COOKIE] = secret; // a second form in the same request gets the same token
    void reply.setCookie(CSRF_COOKIE, secret, cookieOptions(request));
  }
  return tokenFromSecret(secret);
}

function csrfTokenIsValid(request: FastifyRequest): boolean {
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  // A JSON client (the API) sends the token in the `x-csrf-token` header instead: a cross-site form cannot set
  // a header, so the header is as good as the field.
  const header = request.headers['x-csrf-token'];
  const given = typeof field === 'string' && field.length > 0 ? field : header;
  if (typeof given !== 'string' || given.length === 0) return false;
  const secret = request.authSession?.csrfSecret ?? request.cookies[CSRF_COOKIE];
  if (!isSecret(secret) && !request.authSession) return false;
  const expected = Buffer.from(tokenFromSecret(secret ?? ''));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function accountNav(request: FastifyRequest, reply: FastifyReply): string {
  const item = (html: string) => `<li class="govuk-service-navigation__item">${html}</li>`;
  if (!request.user) return item('<a class="govuk-service-navigation__link" href="/sign-in">Sign in</a>');
  return (
    // the administrator's staff work from their workspace: one step from every page
    (canCreatePapers(request.user)
      ? item('<a class="govuk-service-navigation__link" href="/workspace">Workspace</a>')
      : '') +
    item(`<a class="govuk-service-navigation__link" href="/account">${escapeHtml(request.user.name)}</a>`) +
    // a form (signing out changes state, so it is a POST with its token), its button drawn as the links beside it
    item(
      `<form method="post" action="/sign-out" novalidate>` +
        `<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(request, reply)}">` +
        `<button type="submit" class="app-link-button govuk-service-navigation__link">Sign out</button>` +
        `</form>`,
    )
  );
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Registers cookies, form bodies, the session lookup, the CSRF check and the header's account link. */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  const { db, now } = options;
  void app.register(fastifyCookie);
  void app.register(fastifyFormbody);
  app.decorateRequest('user', null);
  app.decorateRequest('authSession', null);

  app.addHook('onRequest', async (request) => {
    request.user = null;
    request.authSession = null;
    if (request.url.startsWith('/assets/')) return;
    const token = sessionToken(request);
    if (!token) return;
    const session = await getSession({ db, now }, token);
    if (session) {
      request.authSession = session;
      request.user = session.user;
    }
  });

  app.addHook('preHandler', (request, _reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || csrfTokenIsValid(request)) return done();
    const error = new Error(
      'This form has expired or did not come from this site. Go back, reload the page and try again.',
    );
    done(Object.assign(error, { statusCode: 403, code: 'request.csrf' }));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // What a page or the API shows depends on who is signed in: no shared cache may serve one person's
    // response to another.
    void reply.header('vary', 'Cookie');
    if (request.user && !reply.getHeader('cache-control'))
      void reply.header('cache-control', 'private, no-store');
    if (typeof payload !== 'string' || !payload.includes(ACCOUNT_MARKER)) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    return payload.replace(ACCOUNT_MARKER, accountNav(request, reply));
  });
}

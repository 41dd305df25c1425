// Single sign-on through OpenID Connect, when configured (MODGOV_OIDC_*): the authorization code flow with
// PKCE (S256), state and nonce, through openid-client.
//
// GET /sign-in/oidc keeps the code verifier, state and nonce in a short-lived cookie (`modgov_oidc`: HttpOnly,
// SameSite=Lax so it comes back on the provider's top-level redirect, Path=/sign-in/oidc, 10 minutes) and
// sends the browser to the provider. GET /sign-in/oidc/callback checks the state, exchanges the code
// (openid-client checks the ID token's signature, issuer, audience, nonce and the PKCE verifier), reads the
// claims (from userinfo when the ID token lacks the e-mail), and calls the signInWithOidc use case, which
// finds or links the user and makes a NEW session. Every refusal shows the sign-in page with a message.
// The provider's metadata is discovered on first use and kept (a failure is retried next time), so modgov
// may start before the provider. When single sign-on is not configured, these routes do not exist (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientSecretBasic,
  discovery,
  fetchUserInfo,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  type Configuration,
} from 'openid-client';
import { SsoSignInError, signInWithOidc } from '../app/sign-in-with-oidc.ts';
import type { Db } from '../db/connect.ts';
import { csrfToken, setSessionCookie } from './auth.ts';
import type { Pages } from './routes/register-pages.ts';

/** The identity provider modgov trusts, from MODGOV_OIDC_* or given by a test. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's text: "Sign in with ...". */
  providerName: string;
  /** Allow plain http to the provider (tests and local providers only). */
  allowInsecure?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** What the sign-in page offers for single sign-on, or null when it is not configured. */
    oidcSignIn?: { providerName: string; href: string } | null;
  }
}

const ENV = {
  issuer: 'MODGOV_OIDC_ISSUER',
  clientId: 'MODGOV_OIDC_CLIENT_ID',
  clientSecret: 'MODGOV_OIDC_CLIENT_SECRET',
  name: 'MODGOV_OIDC_NAME',
  insecure: 'MODGOV_OIDC_ALLOW_INSECURE',
} as const;

/**
 * The settings from the environment, or null when single sign-on is not configured. A partial configuration
 * (an issuer without a client id, a secret without an issuer...) is an error that names what is missing.
 */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const issuer = value(ENV.issuer);
  const clientId = value(ENV.clientId);
  const clientSecret = value(ENV.clientSecret);
  // MODGOV_OIDC_ALLOW_INSECURE alone (say, =0 in a shared .env) does not count as configuring it
  const set = [ENV.issuer, ENV.clientId, ENV.clientSecret, ENV.name].filter(
    (name) => value(name) !== undefined,
  );
  if (set.length === 0) return null;
  const missing = [
    [ENV.issuer, issuer],
    [ENV.clientId, clientId],
    [ENV.clientSecret, clientSecret],
  ].flatMap(([name, v]) => (v === undefined ? [name] : []));
  if (!issuer || !clientId || !clientSecret)
    throw new Error(
      `Single sign-on is only partly configured: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set, ` +
        `but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not. Set all of ` +
        `${ENV.issuer}, ${ENV.clientId} and ${ENV.clientSecret}, or none.`,
    );
  const insecure = value(ENV.insecure);
  if (insecure !== undefined && insecure !== '1' && insecure !== '0')
    throw new Error(`${ENV.insecure} must be 1 or 0, not "${insecure}".`);
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`${ENV.issuer} must be the provider's issuer URL, not "${issuer}".`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && insecure === '1'))
    throw new Error(
      `${ENV.issuer} must be an https URL (for a local test provider on http, set ${ENV.insecure}=1).`,
    );
  return {
    issuer,
    clientId,
    clientSecret,
    providerName: value(ENV.name) ?? 'single sign-on',
    allowInsecure: insecure === '1',
  };
}

export interface OidcRouteDeps {
  db: Db;
  now: () => Date;
  pages: Pages;
  settings: OidcSettings | null;
  publicUrl?: string | undefined;
}

const START_PATH = '/sign-in/oidc';
const CALLBACK_PATH = '/sign-in/oidc/callback';
const FLOW_COOKIE = 'modgov_oidc';
const FLOW_LIFETIME_MS = 10 * 60 * 1000;

/** What the browser keeps between leaving for the provider and coming back. */
interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  /** Where to go once signed in (a local path). */
  next: string;
  /** Expiry, ms since the epoch (the cookie's Max-Age says the same to the browser). */
  exp: number;
}

const encodeFlow = (flow: Flow) => Buffer.from(JSON.stringify(flow)).toString('base64url');

function decodeFlow(value: string | undefined): Flow | null {
  if (!value) return null;
  try {
    const f = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    const strings = ['verifier', 'state', 'nonce', 'next'].every((k) => typeof f[k] === 'string');
    return strings && typeof f.exp === 'number' ? (f as unknown as Flow) : null;
  } catch {
    return null;
  }
}

/** Only a path on this site: `/account`, not `//evil.example` or `https://...`. */
const localPath = (next: string): string => (/^\/(?![/\\])[^\s]*$/.test(next) ? next : '');

const flowCookieOptions = (request: FastifyRequest) =>
  ({
    httpOnly: true,
    sameSite: 'lax',
    path: START_PATH,
    secure: request.protocol === 'https' || process.env.MODGOV_SECURE_COOKIES === '1',
  }) as const;

/** A claim that may come as a boolean or, from some providers, as the string "true". */
const isTrue = (v: unknown) => v === true || v === 'true';
const stringClaim = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function registerOidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const { db, now, pages, settings } = deps;
  app.decorate('oidcSignIn', settings ? { providerName: settings.providerName, href: START_PATH } : null);
  if (!settings) return;

  let discovered: Promise<Configuration> | undefined;
  const configuration = () =>
    (discovered ??= discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      ClientSecretBasic(settings.clientSecret),
      settings.allowInsecure ? { execute: [allowInsecureRequests] } : undefined,
    ).catch((error: unknown) => {
      discovered = undefined; // the provider may not be up yet: try again next time
      throw error;
    }));

  const redirectUri = (request: FastifyRequest) =>
    `${(deps.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '')}${CALLBACK_PATH}`;

  /** The sign-in page with a message at the top, and the flow cookie gone. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, text: string, next = '') => {
    void reply.clearCookie(FLOW_COOKIE, flowCookieOptions(request));
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        pages.render('sign-in.njk', {
          values: {},
          next,
          oidc: app.oidcSignIn,
          errorList: [{ text }],
          csrfToken: csrfToken(request, reply),
        }),
      );
  };

  const unreachable = `${settings.providerName} cannot be reached at the moment. Try again later, or sign in with your e-mail address and password.`;

  app.get<{ Querystring: { next?: string } }>(START_PATH, async (request, reply) => {
    const next = localPath(request.query.next ?? '');
    if (request.user) return reply.redirect(next || '/account', 303);
    let config: Configuration;
    try {
      config = await configuration();
    } catch (error) {
      request.log.warn({ err: error }, 'single sign-on: discovery failed');
      return refuse(request, reply, 503, unreachable, next);
    }
    const flow: Flow = {
      verifier: randomPKCECodeVerifier(),
      state: randomState(),
      nonce: randomNonce(),
      next,
      exp: now().getTime() + FLOW_LIFETIME_MS,
    };
    const url = buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(request),
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: await calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    void reply.setCookie(FLOW_COOKIE, encodeFlow(flow), {
      ...flowCookieOptions(request),
      maxAge: FLOW_LIFETIME_MS / 1000,
    });
    return reply.header('cache-control', 'no-store').redirect(url.href, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(CALLBACK_PATH, async (request, reply) => {
    const flow = decodeFlow(request.cookies[FLOW_COOKIE]);
    const query = request.query;
    const again = `Start again from the sign-in page.`;
    if (!flow || flow.exp <= now().getTime())
      return refuse(
        request,
        reply,
        400,
        `Signing in with ${settings.providerName} took too long, or did not start on this site. ${again}`,
      );
    if (typeof query.error === 'string') {
      // the provider's own words are not shown: anyone can put text in this URL
      const code = /^[a-z_]{1,64}$/.test(query.error) ? ` (${query.error})` : '';
      return refuse(
        request,
        reply,
        query.error === 'access_denied' ? 403 : 400,
        `${settings.providerName} did not sign you in${code}. ${again}`,
        flow.next,
      );
    }
    if (query.state !== flow.state || !query.code)
      return refuse(
        request,
        reply,
        400,
        `The answer from ${settings.providerName} did not match this browser's sign-in. ${again}`,
      );

    let claims: { subject: string; email?: string; emailVerified: boolean; name?: string; issuer: string };
    try {
      const config = await configuration();
      const currentUrl = new URL(redirectUri(request));
      currentUrl.search = new URLSearchParams(
        Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
      ).toString();
      const tokens = await authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      let info: Record<string, unknown> = { ...idToken };
      // Many providers put the e-mail only in userinfo (OpenID Connect core 5.4 for the code flow).
      if (stringClaim(info.email) === undefined && config.serverMetadata().userinfo_endpoint)
        info = { ...(await fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
      const email = stringClaim(info.email);
      const name = stringClaim(info.name);
      claims = {
        issuer: idToken.iss,
        subject: idToken.sub,
        emailVerified: isTrue(info.email_verified),
        ...(email === undefined ? {} : { email }),
        ...(name === undefined ? {} : { name }),
      };
    } catch (error) {
      request.log.warn({ err: error }, 'single sign-on: the code exchange failed');
      // a TypeError is fetch failing to reach the provider; anything else is an answer that did not check out
      return error instanceof TypeError
        ? refuse(request, reply, 502, unreachable, flow.next)
        : refuse(
            request,
            reply,
            400,
            `The answer from ${settings.providerName} could not be checked. ${again}`,
            flow.next,
          );
    }

    try {
      const signed = await signInWithOidc({ db, now }, { ...claims, ip: request.ip });
      void reply.clearCookie(FLOW_COOKIE, flowCookieOptions(request));
      setSessionCookie(request, reply, signed.token, signed.expiresAt);
      return await reply.redirect(flow.next || '/account', 303);
    } catch (error) {
      if (error instanceof SsoSignInError)
        return refuse(request, reply, error.status, error.message, flow.next);
      throw error;
    }
  });
}

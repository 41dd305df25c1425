// Single sign-on through OpenID Connect, when configured (stub).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.ts';
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

/** The settings from the environment, or null when single sign-on is not configured. */
export function oidcSettingsFromEnv(_env: NodeJS.ProcessEnv): OidcSettings | null {
  return null;
}

export interface OidcRouteDeps {
  db: Db;
  now: () => Date;
  pages: Pages;
  settings: OidcSettings | null;
  publicUrl?: string | undefined;
}

export function registerOidcRoutes(_app: FastifyInstance, _deps: OidcRouteDeps): void {}

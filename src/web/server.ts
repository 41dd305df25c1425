// Builds the web app: the public register pages, the REST API and the health checks. It does not listen;
// the composition root (or a test, through inject()) decides what to do with it.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import nunjucks from 'nunjucks';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/connect.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { createMailerFromEnv, type Mailer } from '../mail/mailer.ts';
import { registerAuth } from './auth.ts';
import { oidcSettingsFromEnv, registerOidcRoutes, type OidcSettings } from './oidc.ts';
import { renderMarkdown } from './markdown.ts';
import { registerAccountPageRoutes } from './routes/account-pages.ts';
import { registerAdminPageRoutes } from './routes/admin-pages.ts';
import { registerDashboardRoutes } from './routes/dashboard-pages.ts';
import { registerRaisePageRoutes } from './routes/raise-pages.ts';
import { registerReleaseRoutes } from './routes/release-pages.ts';
import { registerWorkspaceRoutes } from './routes/workspace-pages.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { apiErrorBody, isApiPath } from './routes/http-errors.ts';
import { registerMeetingPageRoutes } from './routes/meeting-pages.ts';
import { registerPaperFormRoutes } from './routes/paper-forms.ts';
import { registerProblemStatementRoutes } from './routes/problem-statement-pages.ts';
import { registerFollowingPageRoutes } from './routes/following-pages.ts';
import { registerMeetingOutcomeRoutes } from './routes/meeting-outcome-pages.ts';
import { formatDate, formatNumber, humanise } from './routes/presenters.ts';
import { registerProposalActionRoutes } from './routes/proposal-actions.ts';
import { registerProposalsApiRoutes } from './routes/proposals-api.ts';
import { registerRegisterPageRoutes, type Pages } from './routes/register-pages.ts';
import { registerViewRoutes } from './routes/view-pages.ts';
import { registerEngagementApiRoutes } from './routes/engagement-api.ts';
import { registerViewRequestRoutes } from './routes/view-request-pages.ts';
import { registerSessionApiRoutes } from './routes/session-api.ts';

export interface BuildServerOptions {
  database: Database;
  rules: RulesPack;
  /** Fastify's logger option: false (the default), true, or pino options. */
  logger?: FastifyServerOptions['logger'];
  /** Today as YYYY-MM-DD, for timetables (default: the date in Europe/London); tests fix it. */
  today?: () => string;
  /** Where e-mail goes (password reset links); default: from the environment (files under the data dir, or SMTP). */
  mailer?: Mailer;
  /** The clock for sessions, sign-in throttling and reset links; tests move it. */
  now?: () => Date;
  /** The site's public address, for links in e-mail (default MODGOV_PUBLIC_URL, else the request's own). */
  publicUrl?: string;
  /** Single sign-on: the provider to trust (default: MODGOV_OIDC_* from the environment; null turns it off). */
  oidc?: OidcSettings | null;
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Today's date in Europe/London, YYYY-MM-DD: the administrator's working day, whatever the host's zone. */
export function londonToday(): string {
  return londonDate.format(new Date());
}

const VIEWS_DIR = fileURLToPath(new URL('./views', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('./public', import.meta.url));
const GOVUK_DIR = `${dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json'))}/dist`;

/**
 * No inline script or style anywhere: every page works under `default-src 'self'`, and without JavaScript.
 * Forms post only to this site, nothing frames it, no plugin runs, no powerful browser feature is asked for.
 * Strict-Transport-Security is added when the request came over https (or MODGOV_SECURE_COOKIES=1 says a
 * proxy terminates it): a plain-http local run must not pin a browser to https.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
} as const;
const HSTS = 'max-age=31536000; includeSubDomains';

function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_DIR]), {
    autoescape: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('govukDate', formatDate);
  env.addFilter('formatNumber', formatNumber);
  env.addFilter('humanise', humanise);
  env.addFilter(
    'markdown',
    (text: string | null | undefined) => new nunjucks.runtime.SafeString(renderMarkdown(text)),
  );
  return env;
}

function assetVersion(): string {
  try {
    return createHash('sha256')
      .update(readFileSync(`${PUBLIC_DIR}/modgov.css`))
      .digest('hex')
      .slice(0, 10);
  } catch {
    return 'dev';
  }
}

export function buildServer(options: BuildServerOptions): FastifyInstance {
  const { database, rules } = options;
  const today = options.today ?? londonToday;
  const now = options.now ?? (() => new Date());
  const mailer = options.mailer ?? createMailerFromEnv(process.env);
  const app = Fastify({ logger: options.logger ?? false, return503OnClosing: true });
  const views = createViews();
  const cssVersion = assetVersion();

  const layout = { codeName: rules.name, cssVersion };
  const pages: Pages = {
    render: (template, context) => views.render(template, { ...context, ...layout }),
  };

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    if (request.protocol === 'https' || process.env.MODGOV_SECURE_COOKIES === '1')
      void reply.header('strict-transport-security', HSTS);
    done();
  });

  void app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/assets/',
    index: false,
    maxAge: '1d',
    allowedPath: (pathName) => pathName.endsWith('.css'),
  });

  registerAuth(app, { db: database.db, now });
  registerHealthRoutes(app, { database });
  registerRegisterPageRoutes(app, { db: database.db, rules, today, pages });
  registerMeetingPageRoutes(app, { db: database.db, rules, pages });
  registerProposalsApiRoutes(app, { db: database.db, rules, today });
  const publicUrl = options.publicUrl ?? (process.env.MODGOV_PUBLIC_URL || undefined);
  registerAccountPageRoutes(app, { db: database.db, now, mailer, pages, publicUrl });
  registerOidcRoutes(app, {
    db: database.db,
    now,
    pages,
    publicUrl,
    settings: options.oidc === undefined ? oidcSettingsFromEnv(process.env) : options.oidc,
  });
  registerAdminPageRoutes(app, { db: database.db, rules, now, pages, mailer, publicUrl });
  registerProposalActionRoutes(app, { db: database.db, rules, today, now, pages });
  registerPaperFormRoutes(app, { db: database.db, rules, today, pages });
  registerFollowingPageRoutes(app, { db: database.db, rules, pages });
  registerMeetingOutcomeRoutes(app, { db: database.db, rules, today, pages });
  registerDashboardRoutes(app, { db: database.db, rules, today, pages });
  registerWorkspaceRoutes(app, { db: database.db, rules, today, pages });
  registerProblemStatementRoutes(app, { db: database.db, rules, today, pages });
  registerReleaseRoutes(app, { db: database.db, rules, today, pages });
  registerRaisePageRoutes(app, { db: database.db, rules, today, now, pages, mailer, publicUrl });
  registerViewRoutes(app, { db: database.db, rules, today, pages });
  registerEngagementApiRoutes(app, { db: database.db, rules, today });
  registerSessionApiRoutes(app);
  registerViewRequestRoutes(app, { db: database.db, rules, today, now, pages, mailer, publicUrl });

  app.setNotFoundHandler(async (request, reply) => {
    if (isApiPath(request.url)) {
      return reply
        .code(404)
        .send(apiErrorBody('route.not_found', `No route ${request.method} ${request.url}`));
    }
    return reply.code(404).type('text/html; charset=utf-8').send(pages.render('not-found.njk', {}));
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.validation ? 400 : (error.statusCode ?? 500);
    if (status >= 500) request.log.error(error);
    const code = status === 400 ? 'request.invalid' : status >= 500 ? 'server.error' : 'request.failed';
    const message = status >= 500 ? 'Something went wrong.' : error.message;
    // a body the parser refused (not JSON, too large, an unsupported type) is the request's `body` field
    const body = status < 500 && error.code.startsWith('FST_ERR_CTP_');
    if (isApiPath(request.url))
      return reply
        .code(status)
        .send(apiErrorBody(code, body ? `body: ${message}` : message, body ? { field: 'body' } : {}));
    const html = pages.render('error.njk', { status, message });
    return reply.code(status).type('text/html; charset=utf-8').send(html);
  });

  return app;
}

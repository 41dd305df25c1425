// Raising a Draft Proposal on the web: the form, drafts saved and resumed, the acknowledgement (stub).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Pages } from './register-pages.ts';

export interface RaisePageDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  now: () => Date;
  pages: Pages;
  mailer: Mailer;
}

export function registerRaisePageRoutes(_app: FastifyInstance, _deps: RaisePageDeps): void {}

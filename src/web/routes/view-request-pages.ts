// Asking a committee's members for their views by e-mail (a reply records the view). Filled in by the e-mail
// views change.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Pages } from './register-pages.ts';

export interface ViewRequestPageDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  now: () => Date;
  pages: Pages;
  mailer: Mailer;
}

export function registerViewRequestRoutes(app: FastifyInstance, deps: ViewRequestPageDeps): void {
  void app;
  void deps;
}

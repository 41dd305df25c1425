// The administrator's pages to manage users (stub: filled in by the accounts work of issue 5).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Pages } from './register-pages.ts';

export interface AdminPageDeps {
  db: Db;
  rules: RulesPack;
  now: () => Date;
  pages: Pages;
}

export function registerAdminPageRoutes(_app: FastifyInstance, _deps: AdminPageDeps): void {}

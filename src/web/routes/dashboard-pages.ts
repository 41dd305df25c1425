// The dashboard: charts of the register, drawn on the server as SVG (stub).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Pages } from './register-pages.ts';

export interface DashboardDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

export function registerDashboardRoutes(_app: FastifyInstance, _deps: DashboardDeps): void {}

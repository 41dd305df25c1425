// The staff form that creates a meeting's monthly paper (stub).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Pages } from './register-pages.ts';

export interface PaperFormDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

export function registerPaperFormRoutes(_app: FastifyInstance, _deps: PaperFormDeps): void {}

// The analysts' workspace: the queue of what is mine, due and overdue; editing a proposal's summary and impacts (stub).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Pages } from './register-pages.ts';

export interface WorkspaceDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

export function registerWorkspaceRoutes(_app: FastifyInstance, _deps: WorkspaceDeps): void {}

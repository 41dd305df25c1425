// Recording lifecycle events on a proposal from the web and the API (stub).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Pages } from './register-pages.ts';

export interface ProposalActionDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  now: () => Date;
  pages: Pages;
}

export function registerProposalActionRoutes(_app: FastifyInstance, _deps: ProposalActionDeps): void {}

// REST API v1 for committee engagement beyond views (views-api.ts): a Draft Proposal's problem statement in
// versions (engagement-api-problem-statement.ts), and what committees decide: what they follow, their
// meetings' outcomes and actions (engagement-api-committees.ts). The same use cases as the web pages, the
// same access policy; auth, errors and the JSON bodies as the views API (engagement-api-shared.ts): the
// session cookie, and the CSRF token in the `x-csrf-token` header for a POST or PUT; 401 for the anonymous
// before the CSRF check; errors `{ error: { code, message, field?, problems? } }`, the codes in
// http-errors.ts.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { registerCommitteesApiRoutes } from './engagement-api-committees.ts';
import { registerProblemStatementApiRoutes } from './engagement-api-problem-statement.ts';

export interface EngagementApiDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
}

export function registerEngagementApiRoutes(app: FastifyInstance, deps: EngagementApiDeps): void {
  registerProblemStatementApiRoutes(app, deps);
  registerCommitteesApiRoutes(app, deps);
}

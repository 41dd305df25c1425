// REST API v1 for committee engagement beyond views (views-api.ts): problem statement versions, what committees
// follow, and meeting outcomes and actions. Filled in by the engagement API change.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';

export interface EngagementApiDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
}

export function registerEngagementApiRoutes(app: FastifyInstance, deps: EngagementApiDeps): void {
  void app;
  void deps;
}

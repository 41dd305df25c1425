// Liveness and readiness. /healthz touches nothing (it is the benchmark baseline); /readyz asks the database.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connect.ts';

const OK = { status: 'ok' } as const;

export function registerHealthRoutes(app: FastifyInstance, deps: { database: Database }): void {
  const schema = { response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } };
  app.get('/healthz', { schema }, (_request, reply) => {
    void reply.send(OK);
  });

  app.get('/readyz', async (request, reply) => {
    try {
      await deps.database.db.execute(sql`select 1`);
      return OK;
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}

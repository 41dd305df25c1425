// The release schedule: every release with its date and code version and the proposals in it (GET /releases),
// upcoming releases first, then past ones; and one release (GET /releases/:ref). Public pages: each viewer sees
// the proposals the policy lets them see, and a release the register does not hold is not found.
import type { FastifyInstance } from 'fastify';
import { getRelease } from '../../app/get-release.ts';
import { listReleases } from '../../app/list-releases.ts';
import type { Db } from '../../db/connect.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Pages } from './register-pages.ts';

export interface ReleaseDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

/** A release reference as the register writes one (2020-11): anything else is not looked up. */
const RELEASE_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function registerReleaseRoutes(app: FastifyInstance, deps: ReleaseDeps): void {
  const { db, rules, today, pages } = deps;

  app.get('/releases', async (request, reply) => {
    const schedule = await listReleases({ db, rules, today }, { viewer: viewerOf(request.user) });
    return reply.type('text/html; charset=utf-8').send(pages.render('releases.njk', { schedule }));
  });

  app.get<{ Params: { ref: string } }>('/releases/:ref', async (request, reply) => {
    if (!RELEASE_REF.test(request.params.ref)) return reply.callNotFound();
    const release = await getRelease(
      { db, rules, today },
      { viewer: viewerOf(request.user), ref: request.params.ref },
    );
    if (!release) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').send(pages.render('release.njk', { release }));
  });
}

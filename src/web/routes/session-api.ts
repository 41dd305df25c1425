// GET /api/v1/session: who the API client is signed in as, and the CSRF token its writes must carry in the
// `x-csrf-token` header (the same token the session's forms carry). A client signs in through POST /sign-in
// like a browser, keeps the session cookie, then asks here once instead of scraping a page for the token.
// The anonymous public is told to sign in (401). The answer is never cached, and carries no CORS headers, so
// another site's script cannot read the token.
import type { FastifyInstance } from 'fastify';
import { describeRoleGrant } from '../../domain/access/roles.ts';
import { csrfToken } from '../auth.ts';
import { apiErrorBody } from './http-errors.ts';

export function registerSessionApiRoutes(app: FastifyInstance): void {
  app.get('/api/v1/session', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const user = request.user;
    const session = request.authSession;
    if (!user || !session)
      return reply
        .code(401)
        .send(apiErrorBody('auth.required', 'Sign in (POST /sign-in) to get a session and its CSRF token.'));
    return {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        roles: user.roles.map((grant) => ({ ...grant, label: describeRoleGrant(grant) })),
      },
      csrfToken: csrfToken(request, reply),
      expiresAt: session.expiresAt.toISOString(),
    };
  });
}

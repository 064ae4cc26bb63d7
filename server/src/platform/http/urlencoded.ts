import type { FastifyInstance } from 'fastify';

/** Plain HTML form posts (`application/x-www-form-urlencoded`) as a flat object: one value per name. */
export function acceptFormPosts(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

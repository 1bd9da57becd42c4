import { type FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../openapi-document';

/** GET /api/v1/openapi.json: built once, from the route schemas. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  const document = buildOpenApiDocument(app.prefix);
  app.get('/openapi.json', async () => document);
}

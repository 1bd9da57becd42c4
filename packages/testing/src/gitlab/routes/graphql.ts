import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { getOperationAST, graphql, type GraphQLSchema, parse } from 'graphql';
import { InvalidJson, isRecord } from '../../shared/body.js';
import { type Actor, authenticate } from '../access.js';
import { GitLabError } from '../errors.js';
import { rootValue } from '../graphql/root.js';
import { buildGitLabSchema } from '../graphql/schema.js';
import { type GitLabRouteDeps } from './context.js';

let cachedSchema: GraphQLSchema | undefined;

/** Token problems as GraphqlController renders them: the HTTP status of the REST API, GraphQL's error list. */
function authError(error: GitLabError): { status: number; body: Record<string, unknown> } {
  const body = error.body;
  const message =
    error.status === 401
      ? 'Invalid token'
      : String(body['message'] ?? body['error_description'] ?? body['error'] ?? 'Forbidden');
  return { status: error.status, body: { errors: [{ message }] } };
}

function isMutation(source: string, operationName: string | undefined): boolean {
  try {
    return getOperationAST(parse(source), operationName)?.operation === 'mutation';
  } catch {
    return false;
  }
}

/**
 * POST (or GET) /api/graphql, executed by graphql-js against the schema subset in
 * graphql/schema.ts. Resolver errors come back as HTTP 200 `{ data, errors: [{ message,
 * locations, path }] }` like graphql-ruby's; a bad token is a 401. Anonymous requests see public data.
 */
export function registerGraphQLRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.method === 'GET' ? request.query : request.body;
    if (raw instanceof InvalidJson) return reply.code(400).send({ errors: [{ message: 'Invalid JSON' }] });
    const params = isRecord(raw) ? raw : {};
    const source = typeof params['query'] === 'string' ? params['query'] : '';
    if (source.trim() === '') return { errors: [{ message: 'No query string was present' }] };
    const operationName = typeof params['operationName'] === 'string' ? params['operationName'] : undefined;
    const variables =
      typeof params['variables'] === 'string'
        ? (JSON.parse(params['variables'] || '{}') as Record<string, unknown>)
        : isRecord(params['variables'])
          ? params['variables']
          : undefined;
    let actor: Actor;
    try {
      // Mutations need the `api` scope; `read_api` tokens may only query.
      actor = authenticate(deps.state, request, isMutation(source, operationName) ? 'write' : 'read', false);
    } catch (error) {
      if (!(error instanceof GitLabError)) throw error;
      const { status, body } = authError(error);
      return reply.code(status).send(body);
    }
    cachedSchema ??= buildGitLabSchema();
    const context = { state: deps.state, actor, baseUrl: deps.baseUrl(), hooks: deps.hooks };
    return graphql({
      schema: cachedSchema,
      source,
      rootValue: rootValue(context),
      contextValue: context,
      variableValues: variables,
      operationName,
    });
  };
  app.post('/api/graphql', handler);
  app.get('/api/graphql', handler);
}

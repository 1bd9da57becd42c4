import { z } from 'zod';
import { type Operation, OPERATIONS } from './openapi-operations';
import { errorResponse } from './schemas/common';

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'validation_failed: details.fields names each offending field',
  401: 'unauthorized: missing or wrong bearer token',
  404: 'not_found',
  409: 'conflict',
  503: 'queue_unavailable',
};

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  return schema;
}

/** `/integrations/:id` → `/api/v1/integrations/{id}`. */
export const openApiPath = (prefix: string, path: string) => `${prefix}${path.replace(/:(\w+)/g, '{$1}')}`;

function parameters(op: Operation): JsonSchema[] {
  const of = (where: 'path' | 'query', object: z.ZodObject | undefined) => {
    if (!object) return [];
    const schema = schemaOf(object, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || (schema.required ?? []).includes(name),
      schema: property,
    }));
  };
  return [...of('path', op.params), ...of('query', op.query)];
}

function operation(op: Operation): JsonSchema {
  const responses: JsonSchema = {
    [op.success.status]: {
      description: op.success.description,
      ...(op.success.schema
        ? { content: { 'application/json': { schema: schemaOf(op.success.schema, 'output') } } }
        : {}),
    },
  };
  for (const status of [401, ...op.errors]) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const params = parameters(op);
  return {
    tags: [op.tag],
    summary: op.summary,
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the admin API, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(prefix: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[openApiPath(prefix, op.path)] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'chatops admin API',
      version: '1',
      description: 'Projects, webhook endpoints, notification integrations, delivery log and replay.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } },
      schemas: { Error: schemaOf(errorResponse, 'output') },
    },
  };
}

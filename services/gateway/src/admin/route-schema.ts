import { type FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { validationFailedOf } from './errors';
import { errorResponse } from './schemas/common';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'validation_failed: details.fields names each offending field',
  401: 'unauthorized: missing or wrong bearer token',
  404: 'not_found',
  409: 'conflict',
  503: 'queue_unavailable',
};

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * A route's `response` schemas: its success (no body for a 204), and the error statuses it may
 * answer besides 401, which every authenticated route may. They serialize what is sent (fields
 * a view does not declare are dropped) and document it in the OpenAPI document.
 */
export function responses(
  success: { status: number; description: string; schema?: z.ZodType },
  errors: number[],
  options: { authenticated?: boolean; errorDescriptions?: Record<number, string> } = {},
): Record<number, unknown> {
  const statuses = options.authenticated === false ? errors : [401, ...errors];
  const describe = (status: number) => options.errorDescriptions?.[status] ?? ERROR_DESCRIPTIONS[status] ?? 'error';
  return {
    [success.status]: success.schema
      ? json(success.schema, success.description)
      : z.null().describe(success.description),
    ...Object.fromEntries(statuses.map((status) => [status, json(errorResponse, describe(status))])),
  };
}

/**
 * Validates params, query and body with the route's zod schemas and turns a failure into the
 * admin API's `validation_failed`, naming every offending field. A missing (or `null`) body is
 * validated as `{}`: a POST whose fields all have defaults needs none, and one with required
 * fields gets each of them named.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(httpPart === 'body' && data === null ? {} : data);
    return result.success ? { value: result.data } : { error: validationFailedOf(result.error) };
  };

import { type IntegrationReference, Prisma } from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { type z } from 'zod';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `events.push.channels`; '' for the body as a whole. */
  path: string;
  message: string;
}

/** A request whose body, query or parameters break the route's schema; names every bad field. */
export class ValidationFailed extends AppError {
  constructor(readonly fields: FieldError[]) {
    super(ErrorCode.ValidationFailed, fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; '), {
      details: { fields },
    });
    this.name = 'ValidationFailed';
  }

  static field(path: string, message: string): ValidationFailed {
    return new ValidationFailed([{ path, message }]);
  }
}

/** A zod failure as ValidationFailed, naming each field. */
export function validationFailedOf(error: z.ZodError): ValidationFailed {
  return new ValidationFailed(fieldErrors(error));
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }));
    return [{ path: path.join('.'), message: issue.message }];
  });
}

export const notFound = (what: string, id: string) => new AppError(ErrorCode.NotFound, `no ${what} with id ${id}`);

/** 409 for a delete that integrations stand in the way of, naming each (also in `details.integrations`). */
export function stillInUse(what: string, id: string, integrations: IntegrationReference[]): AppError {
  const named = integrations.map((i) => `${i.projectPath}: ${i.name} (${i.id})`).join(', ');
  const count = integrations.length === 1 ? '1 integration' : `${integrations.length} integrations`;
  return new AppError(
    ErrorCode.Conflict,
    `${what} ${id} is used by ${count}: ${named}; delete them or give them another destination first`,
    { details: { integrations } },
  );
}

/**
 * The admin API's error handler: turns Prisma's unique violations into `conflict` and missing
 * rows into `not_found`, and hands everything (those included) to the server's one error handler.
 */
export async function adminErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  _reply: FastifyReply,
): Promise<void> {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002')
      throw new AppError(ErrorCode.Conflict, `already exists${uniqueFields(error)}`, { cause: error });
    if (error.code === 'P2025') throw new AppError(ErrorCode.NotFound, 'not found', { cause: error });
    // A reference that vanished (or a row still referenced) between a check and the write.
    if (error.code === 'P2003')
      throw new AppError(ErrorCode.Conflict, 'refers to a row that was just deleted, or is still referenced', {
        cause: error,
      });
  }
  throw error;
}

/** " (same a, b)" from the violated unique index, when the driver says which (`Model_a_b_key`). */
function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string {
  const meta = error.meta as
    | { modelName?: string; target?: unknown; driverAdapterError?: { cause?: { constraint?: { index?: unknown } } } }
    | undefined;
  const index = meta?.driverAdapterError?.cause?.constraint?.index;
  const fields = Array.isArray(meta?.target)
    ? meta.target.map(String)
    : typeof index === 'string' && meta?.modelName && index.startsWith(`${meta.modelName}_`) && index.endsWith('_key')
      ? index.slice(meta.modelName.length + 1, -'_key'.length).split('_')
      : [];
  return fields.length > 0 ? ` (same ${fields.join(', ')})` : '';
}

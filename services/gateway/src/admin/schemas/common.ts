import { z } from 'zod';

/** Row ids (cuid, or hex for endpoints): checked for shape so junk never reaches a query. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'not a valid id' });

export const idParams = z.object({ id: idSchema });
export const projectParams = z.object({ projectId: idSchema });

export const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the previous page. */
    cursor: idSchema.optional(),
  })
  .strict();

export const timestamp = z.iso.datetime();

/** An instant given in a query: ISO 8601 with `Z` or an offset. */
const instant = (description: string) =>
  z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional()
    .meta({ description });

/** `createdAt` bounds of a listing, to extend a query with. */
export const timeRangeFields = {
  since: instant('only what was created at or after this instant (ISO 8601, e.g. 2026-12-01T00:00:00Z)'),
  until: instant('only what was created before this instant (ISO 8601)'),
};

/**
 * Every error answer. `details` names what the caller got wrong: `fields` for validation_failed,
 * the referencing rows for a refused delete (loose: other codes may add keys).
 */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z
        .looseObject({ fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() })
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

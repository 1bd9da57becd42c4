/** A page of a listing that runs newest first. */
export interface PageRequest {
  limit: number;
  /** The id of the last item of the previous page. */
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** `createdAt` bounds of a listing: `since` inclusive, `until` exclusive. */
export interface TimeRange {
  since?: Date | undefined;
  until?: Date | undefined;
}

/** The `createdAt` condition of a time range (none when neither bound is given). */
export function createdWithin({ since, until }: TimeRange): { createdAt?: { gte?: Date; lt?: Date } } {
  if (!since && !until) return {};
  return { createdAt: { ...(since ? { gte: since } : {}), ...(until ? { lt: until } : {}) } };
}

/**
 * The query arguments of a page, newest first: ties on createdAt broken by id so pages never skip
 * or repeat rows. One row more than asked for tells whether another page follows.
 */
export function pageArgs(page: PageRequest) {
  return {
    orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  };
}

/** The page of the rows fetched with `pageArgs`. */
export function pageOf<T extends { id: string }>(rows: T[], page: PageRequest): Page<T> {
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Whether a parsed JSON value nests deeper than `limit`. GitLab payloads nest a handful of levels;
 * a body nested thousands deep parses fine but overflows the stack of every recursive consumer
 * (JSON.stringify when queueing it, for one), so the gateway refuses it up front. Iterative, so
 * the check itself cannot overflow.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}

/** `{` and `[`, as bytes. */
const OPENING_BRACKETS = [0x7b, 0x5b] as const;

/**
 * Whether JSON text could nest deeper than `limit`: only if it opens more than `limit` objects and
 * arrays. A cheap look at the raw bytes (native searches for the two brackets, stopping once past
 * the limit) that spares most bodies the walk of `nestsDeeperThan`; brackets inside strings count
 * too, which can only send a body to that walk, never keep one from it.
 */
export function mayNestDeeperThan(json: Buffer, limit: number): boolean {
  let opened = 0;
  for (const bracket of OPENING_BRACKETS) {
    for (let at = json.indexOf(bracket); at !== -1; at = json.indexOf(bracket, at + 1)) {
      if (++opened > limit) return true;
    }
  }
  return false;
}

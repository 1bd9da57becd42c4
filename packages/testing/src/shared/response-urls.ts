import { randomHex } from './ids.js';

/** Why a response URL refused a post. */
export type ResponseUrlRefusal = 'unknown' | 'used' | 'expired';

interface Entry<C> {
  context: C;
  createdAt: number;
  uses: number;
}

/**
 * Slack and Mattermost both let a slash command answer later through a one-off URL that accepts
 * a limited number of posts within a time window (5 uses in 30 minutes on both platforms).
 */
export class ResponseUrlStore<C> {
  private readonly entries = new Map<string, Entry<C>>();

  constructor(
    private readonly limits: { maxUses: number; ttlMs: number },
    private readonly now: () => number,
  ) {}

  create(context: C): string {
    const id = randomHex(16);
    this.entries.set(id, { context, createdAt: this.now(), uses: 0 });
    return id;
  }

  /** Counts one use, or says why the URL refuses it (a refused post does not count). */
  use(id: string): { ok: true; context: C } | { ok: false; reason: ResponseUrlRefusal } {
    const entry = this.entries.get(id);
    if (entry === undefined) return { ok: false, reason: 'unknown' };
    if (this.now() - entry.createdAt > this.limits.ttlMs) return { ok: false, reason: 'expired' };
    if (entry.uses >= this.limits.maxUses) return { ok: false, reason: 'used' };
    entry.uses += 1;
    return { ok: true, context: entry.context };
  }

  clear(): void {
    this.entries.clear();
  }
}

export const RESPONSE_URL_LIMITS = { maxUses: 5, ttlMs: 30 * 60 * 1000 } as const;

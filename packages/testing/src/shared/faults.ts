/** A failure to inject into the next matching calls. */
export interface FaultSpec {
  /** HTTP status to answer; each fake documents its default. */
  status?: number;
  /** Error code in the service's own error shape (Slack `error`, Mattermost `id`, GitLab `message`). */
  error?: string;
  /** Adds `Retry-After: <seconds>`; alone, it implies HTTP 429. */
  retryAfterSeconds?: number;
}

interface PendingFault {
  remaining: number;
  fault: FaultSpec;
}

/** Queue of injected faults by key (a Slack method, or "<METHOD> <route>" for REST fakes); "*" matches every call. */
export class FaultPlan {
  private readonly pending = new Map<string, PendingFault[]>();

  add(key: string, times: number, fault: FaultSpec): void {
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`failNext: times must be a positive integer, got ${times}`);
    const queue = this.pending.get(key) ?? [];
    queue.push({ remaining: times, fault });
    this.pending.set(key, queue);
  }

  /** Consumes one use of the first fault registered under any of the keys (checked in order). */
  take(keys: readonly string[]): FaultSpec | undefined {
    if (this.pending.size === 0) return undefined;
    for (const key of keys) {
      const queue = this.pending.get(key);
      const head = queue?.[0];
      if (queue === undefined || head === undefined) continue;
      head.remaining -= 1;
      if (head.remaining === 0) queue.shift();
      if (queue.length === 0) this.pending.delete(key);
      return head.fault;
    }
    return undefined;
  }

  clear(): void {
    this.pending.clear();
  }
}

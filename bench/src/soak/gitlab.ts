import { Agent } from 'node:http';
import { postHook } from '../lib/post-hook';
import { eventKey, type WebhookFactory } from '../lib/payload';

/**
 * When the simulated GitLab sends a webhook again after a refusal (non-2xx) or a timeout: after
 * 10 s, then 30 s, 1 min and 2 min more (the last try 3 min 40 s after the first), then it gives up.
 */
export const RESEND_AFTER_MS = [10_000, 30_000, 60_000, 120_000];
/** GitLab's default webhook timeout. */
export const TIMEOUT_MS = 10_000;

/** What became of an event at the simulated GitLab. */
export const EventState = {
  Pending: 0,
  Accepted: 1,
  /** Every try refused or timed out. */
  GaveUp: 2,
  /** A 4xx GitLab would not retry (none is expected: every webhook is valid). */
  Rejected: 3,
} as const;
type EventStateValue = (typeof EventState)[keyof typeof EventState];

/** One refused or timed-out try: `status` 0 is a network error, 1 a timeout. */
export interface FailedTry {
  at: number;
  seq: number;
  attempt: number;
  status: number;
}

/**
 * GitLab as the soak plays it: event i is first sent at start + i / rate, open loop, each with its
 * own Idempotency-Key; a try that is refused or times out is sent again later with the same key
 * (RESEND_AFTER_MS). A 2xx ends it: 202 (accepted) or 200 (a duplicate: an earlier try was
 * accepted though its answer never arrived). All times are performance.now() ms.
 */
export class SimulatedGitLab {
  readonly total: number;
  readonly dueAt: Float64Array;
  /** When the try that got the 2xx was sent, and when its answer came (NaN: never accepted). */
  readonly acceptedSentAt: Float64Array;
  readonly acceptedAt: Float64Array;
  readonly acceptedStatus: Uint16Array;
  readonly attempts: Uint8Array;
  readonly state: Uint8Array;
  readonly failures: FailedTry[] = [];
  /** Answers by status (`timeout`, `network error` for none). */
  readonly answers: Record<string, number> = {};
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 512 });
  private open = 0;
  private settled: () => void = () => undefined;

  constructor(
    private readonly url: string,
    private readonly factories: WebhookFactory[],
    readonly tag: string,
    readonly rate: number,
    durationS: number,
  ) {
    this.total = Math.round(rate * durationS);
    this.dueAt = new Float64Array(this.total);
    this.acceptedSentAt = new Float64Array(this.total).fill(Number.NaN);
    this.acceptedAt = new Float64Array(this.total).fill(Number.NaN);
    this.acceptedStatus = new Uint16Array(this.total);
    this.attempts = new Uint8Array(this.total);
    this.state = new Uint8Array(this.total);
  }

  /** Sends on schedule; resolves once the schedule is done (`finished` then waits for the resends). */
  async run(start: number): Promise<void> {
    const interval = 1000 / this.rate;
    for (let i = 0; i < this.total; i++) this.dueAt[i] = start + i * interval;
    this.open = this.total;
    let next = 0;
    await new Promise<void>((resolveAll) => {
      const tick = () => {
        while (next < this.total && this.dueAt[next]! <= performance.now()) this.send(next++);
        if (next < this.total) setTimeout(tick, Math.max(0, Math.min(1, this.dueAt[next]! - performance.now())));
        else resolveAll();
      };
      setTimeout(tick, Math.max(0, start - performance.now()));
    });
  }

  /** Resolves when every event was accepted or given up on. */
  finished(): Promise<void> {
    if (this.open === 0) return Promise.resolve();
    return new Promise((r) => (this.settled = r));
  }

  /** Events not accepted yet (waiting for a resend, or in flight). */
  get pending(): number {
    return this.open;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(seq: number): void {
    const attempt = ++this.attempts[seq]!;
    const hook = this.factories[seq % this.factories.length]!.build(eventKey(this.tag, seq));
    const sentAt = performance.now();
    const answer = (status: number, label: string) => {
      this.answers[label] = (this.answers[label] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        this.acceptedSentAt[seq] = sentAt;
        this.acceptedAt[seq] = performance.now();
        this.acceptedStatus[seq] = status;
        return this.resolve(seq, EventState.Accepted);
      }
      this.failures.push({ at: sentAt, seq, attempt, status });
      const retryable = status < 2 || status >= 500 || status === 408 || status === 429;
      if (!retryable) return this.resolve(seq, EventState.Rejected);
      const wait = RESEND_AFTER_MS[attempt - 1];
      if (wait === undefined) return this.resolve(seq, EventState.GaveUp);
      setTimeout(() => this.send(seq), wait);
    };
    // No answer within GitLab's timeout is status 1: refused like a 5xx, told apart from a network error (0).
    postHook(this.agent, new URL(this.url), hook, TIMEOUT_MS, (status, failure) =>
      answer(failure === 'timeout' ? 1 : status, failure ?? String(status)),
    );
  }

  private resolve(seq: number, state: EventStateValue): void {
    this.state[seq] = state;
    if (--this.open === 0) this.settled();
  }
}

import { type SlackEphemeralMessage, type SlackMessage } from './types.js';

/**
 * Messages per channel in posting order. A Map per channel keeps order and gives O(1) lookups by
 * ts for chat.update/delete, which matters when benchmarks post ~100k messages.
 */
export class MessageStore {
  private readonly byChannel = new Map<string, Map<string, SlackMessage>>();
  readonly ephemeral: SlackEphemeralMessage[] = [];
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  /** A Slack timestamp ("1700000000.000100"): seconds.microseconds, unique and increasing. */
  nextTs(): string {
    this.lastMicros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    const seconds = Math.floor(this.lastMicros / 1_000_000);
    const micros = this.lastMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }

  add(message: SlackMessage): void {
    let channel = this.byChannel.get(message.channel);
    if (channel === undefined) {
      channel = new Map();
      this.byChannel.set(message.channel, channel);
    }
    channel.set(message.ts, message);
  }

  get(channelId: string, ts: string): SlackMessage | undefined {
    return this.byChannel.get(channelId)?.get(ts);
  }

  delete(channelId: string, ts: string): boolean {
    return this.byChannel.get(channelId)?.delete(ts) ?? false;
  }

  list(channelId: string): SlackMessage[] {
    return [...(this.byChannel.get(channelId)?.values() ?? [])];
  }

  clear(): void {
    this.byChannel.clear();
    this.ephemeral.length = 0;
  }
}

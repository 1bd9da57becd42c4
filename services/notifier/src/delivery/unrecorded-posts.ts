import { type RedisConnection } from '@chatops/jobs';

/** Long enough for an operator to bring the database back and for a sweep to run. */
const REMEMBER_FOR_S = 7 * 24 * 3600;

/**
 * Posts that went out but could not be recorded, remembered in Redis with the chat's message id so
 * that a later try records them instead of posting again. See docs/delivery.md#posted-but-not-recorded.
 */
export class UnrecordedPosts {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  async remember(deliveryId: string, remoteMessageId: string | undefined): Promise<void> {
    await this.redis.set(this.key(deliveryId), remoteMessageId ?? '', 'EX', REMEMBER_FOR_S);
  }

  /** The remembered ones among `deliveryIds`, with their message ids ('' when the chat gave none). */
  async recall(deliveryIds: string[]): Promise<Map<string, string>> {
    if (deliveryIds.length === 0) return new Map();
    const values = await this.redis.mget(deliveryIds.map((id) => this.key(id)));
    const found = new Map<string, string>();
    deliveryIds.forEach((id, i) => {
      const value = values[i];
      if (value !== null && value !== undefined) found.set(id, value);
    });
    return found;
  }

  async forget(deliveryId: string): Promise<void> {
    await this.redis.del(this.key(deliveryId));
  }

  private key(deliveryId: string): string {
    return `${this.prefix}:posted-unrecorded:${deliveryId}`;
  }
}

import { type ChatPlatform } from '@chatops/chat';
import { AppError, ErrorCode } from '@chatops/errors';
import { type TokenBuckets, type TokenLeases } from '@chatops/runtime';
import { type FastifyBaseLogger } from 'fastify';
import { Counter, type Registry } from 'prom-client';

/** Token buckets, possibly leased: a token already held here is taken without a round trip. */
type Budget = Pick<TokenBuckets, 'take'> & Partial<Pick<TokenLeases, 'takeHeld'>>;

/** What a budget is kept per: a GitLab webhook endpoint, or a chat team (Slack workspace, Mattermost team). */
export type RateLimitScope = 'endpoint' | 'team';

export interface GatewayRateLimitsOptions {
  /** A bucket per webhook endpoint (GATEWAY_ENDPOINT_RATE_PER_SECOND, GATEWAY_ENDPOINT_BURST). */
  endpoints: Budget;
  /** A bucket per chat team, shared by its slash commands and interactions (GATEWAY_TEAM_*). */
  teams: Budget;
  /** QUEUE_PREFIX: the buckets' Redis keys live under it. */
  prefix: string;
  registry: Registry;
  /** How long a take may keep a request waiting before it is let through unchecked. */
  timeoutMs?: number;
  /** Resolves once Redis is connected (a process just started, or reconnecting): takes wait for it. */
  whenConnected?: () => Promise<void>;
}

/**
 * The gateway's request budgets, kept in Redis so that they hold across replicas
 * (docs/operations.md#rate-limits-at-the-gateway). Called once a request is authenticated, before
 * anything is enqueued; a refused request enqueues nothing. When Redis cannot answer (down, or
 * slower than `timeoutMs`) the request is let through and the failure logged: the limits guard
 * against floods, and must not refuse real traffic because of their own trouble (the enqueue
 * that follows reports Redis being down on its own).
 */
export class GatewayRateLimits {
  private readonly refused: Counter<'scope'>;
  private readonly failedOpen: Counter<'scope'>;
  private readonly timeoutMs: number;

  constructor(private readonly options: GatewayRateLimitsOptions) {
    this.timeoutMs = options.timeoutMs ?? 250;
    this.refused = new Counter({
      name: 'chatops_gateway_rate_limited_total',
      help: 'Requests refused by the gateway rate limits, by scope (endpoint, team); nothing was enqueued for them',
      labelNames: ['scope'],
      registers: [options.registry],
    });
    this.failedOpen = new Counter({
      name: 'chatops_gateway_rate_limit_errors_total',
      help: 'Requests let through unchecked because Redis could not answer the rate limit in time, by scope',
      labelNames: ['scope'],
      registers: [options.registry],
    });
  }

  /**
   * Takes one request from a webhook endpoint's budget; rejects with `rate_limited` when it is
   * spent. Undefined when a token this replica holds was taken: nothing to wait for, so a webhook
   * route can go on in the same tick.
   */
  endpoint(endpointId: string, log: FastifyBaseLogger): Promise<void> | undefined {
    return this.take('endpoint', `endpoint:${endpointId}`, log);
  }

  /** Takes one request from a chat team's budget, as `endpoint` does. */
  team(provider: ChatPlatform, teamId: string, log: FastifyBaseLogger): Promise<void> | undefined {
    return this.take('team', `team:${provider}:${teamId}`, log);
  }

  private take(scope: RateLimitScope, key: string, log: FastifyBaseLogger): Promise<void> | undefined {
    const buckets = scope === 'endpoint' ? this.options.endpoints : this.options.teams;
    const fullKey = `${this.options.prefix}:ratelimit:gateway:${key}`;
    // The usual case under load: a leased token is here already, and nothing needs a timeout.
    if (buckets.takeHeld?.(fullKey)) return undefined;
    return this.askRedis(buckets, scope, key, fullKey, log);
  }

  private async askRedis(
    buckets: Budget,
    scope: RateLimitScope,
    key: string,
    fullKey: string,
    log: FastifyBaseLogger,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let waitMs: number;
    try {
      waitMs = await Promise.race([
        (async () => {
          await this.options.whenConnected?.();
          return buckets.take(fullKey);
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
    } catch (error) {
      this.failedOpen.inc({ scope });
      log.warn({ err: error, scope, key }, 'rate limit unavailable: request let through unchecked');
      return;
    } finally {
      clearTimeout(timer);
    }
    if (waitMs <= 0) return;
    this.refused.inc({ scope });
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    log.warn({ scope, key, retryAfterSeconds }, 'rate limit exceeded: request refused');
    throw new AppError(
      ErrorCode.RateLimited,
      scope === 'endpoint'
        ? `too many requests for this webhook endpoint; try again in ${retryAfterSeconds} s`
        : `too many requests from this team; try again in ${retryAfterSeconds} s`,
      { retryAfterMs: retryAfterSeconds * 1000, details: { scope, retryAfterSeconds } },
    );
  }
}

/** The seconds a `rate_limited` error asks to wait (at least 1). */
export function retryAfterSecondsOf(error: AppError): number {
  return Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
}

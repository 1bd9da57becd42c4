import { readConfigVersion, type SqlPool } from '@chatops/db';
import { type Logger } from '@chatops/observability';
import { type TtlCache, type TtlCacheOptions } from './ttl-cache';

/**
 * The expiry of a configuration cache that watchConfiguration empties on every change: only a
 * safety net for when the counter cannot be read, so it can be long.
 */
export const WATCHED_CONFIG_CACHE: TtlCacheOptions = { ttlMs: 60_000, missTtlMs: 1000, maxEntries: 10_000 };

/** How often a service asks whether configuration changed. */
const CONFIG_WATCH_INTERVAL_MS = 1000;

export interface ConfigWatchOptions {
  /** Reads the configuration counter (readConfigVersion): a different answer means a change. */
  readVersion: () => Promise<string>;
  /** How often to ask. */
  intervalMs: number;
  logger: Logger;
}

/**
 * Tells a service's caches that configuration changed anywhere (an admin API call on another
 * replica, the CLI, a person with psql), so they can keep entries for minutes and still see a
 * change within about `intervalMs`. The counter moves when the changing statement runs, which can
 * be a moment before its transaction commits: so each change is announced twice, at once and
 * `intervalMs` later, and a cache that reloaded in between loads the committed value the second
 * time. A failed read announces nothing (the caches' own expiry is the safety net).
 */
export class ConfigWatch {
  private readonly listeners: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seen: string | undefined;
  private announceAgain = false;
  private failing = false;

  constructor(private readonly options: ConfigWatchOptions) {}

  /** `listener` runs on every announced change. */
  onChange(listener: () => void): this {
    this.listeners.push(listener);
    return this;
  }

  start(): this {
    if (!this.timer) this.schedule();
    return this;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One look at the counter (exposed for tests; the timer calls it). */
  async check(): Promise<void> {
    let version: string;
    try {
      version = await this.options.readVersion();
    } catch (error) {
      if (!this.failing) this.options.logger.warn({ err: error }, 'could not read the configuration version');
      this.failing = true;
      return;
    }
    this.failing = false;
    const previous = this.seen;
    this.seen = version;
    if (previous === undefined) return;
    const changed = version !== previous;
    if (changed || this.announceAgain) this.announce();
    this.announceAgain = changed;
  }

  private announce(): void {
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.check().finally(() => {
        if (this.timer) this.schedule();
      });
    }, this.options.intervalMs);
    this.timer.unref();
  }
}

/**
 * Empties `caches` within about a second of a configuration change made anywhere (the
 * `chatops_config_version` counter: docs/operations.md#configuration-changes). Started; stop it
 * when the service closes.
 */
export function watchConfiguration(
  sql: Pick<SqlPool, 'query'>,
  logger: Logger,
  caches: Pick<TtlCache<unknown>, 'clear'>[],
): ConfigWatch {
  const watch = new ConfigWatch({
    readVersion: () => readConfigVersion(sql),
    intervalMs: CONFIG_WATCH_INTERVAL_MS,
    logger,
  });
  for (const cache of caches) watch.onChange(() => cache.clear());
  return watch.start();
}

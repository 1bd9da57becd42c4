import { randomBytes } from 'node:crypto';
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import { z } from 'zod';
import { type RedisConnection } from '@chatops/jobs';

/** Slack's authorize page gives the installer this long (the state cookie lives as long). */
export const INSTALL_STATE_TTL_SECONDS = 600;

const stored = z.object({
  scopes: z.union([z.string(), z.array(z.string())]),
  redirectUri: z.string().optional(),
  metadata: z.string().optional(),
});

/**
 * OAuth `state` for "Add to Slack", in Redis so that any gateway replica can finish what another
 * started: a random value naming the install's options (scopes, redirect URI, the installer's
 * message), valid 10 minutes and taken once (GETDEL), so a state can never be replayed. @slack/oauth
 * also binds it to the installer's browser with a cookie.
 */
export class RedisInstallStateStore implements StateStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  async generateStateParam(installOptions: InstallURLOptions): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const { scopes, redirectUri, metadata } = installOptions;
    await this.redis.set(
      this.key(state),
      JSON.stringify({ scopes, redirectUri, metadata }),
      'EX',
      INSTALL_STATE_TTL_SECONDS,
    );
    return state;
  }

  async verifyStateParam(_now: Date, state: string): Promise<InstallURLOptions> {
    const raw = /^[A-Za-z0-9_-]{43}$/.test(state) ? await this.redis.getdel(this.key(state)) : null;
    const parsed = raw === null ? undefined : stored.safeParse(JSON.parse(raw));
    if (!parsed?.success) throw new InvalidStateError('The state parameter is unknown, expired or already used.');
    const { scopes, redirectUri, metadata } = parsed.data;
    return { scopes, ...(redirectUri ? { redirectUri } : {}), ...(metadata ? { metadata } : {}) };
  }

  private key(state: string): string {
    return `${this.prefix}:slack-install-state:${state}`;
  }
}

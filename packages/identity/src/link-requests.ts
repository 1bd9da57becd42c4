import { CHAT_PLATFORMS } from '@chatops/chat';
import { type Cluster, type Redis } from 'ioredis';
import { z } from 'zod';
import { createPkcePair, randomToken } from './pkce';

/** GitLab's own chat-name links live 10 minutes; ours too. */
export const LINK_TTL_SECONDS = 600;

/** Who asked to link: the link may only ever connect this chat user of this workspace/team. */
const linkRequestSchema = z.object({
  provider: z.enum(CHAT_PLATFORMS),
  teamId: z.string().min(1),
  chatUserId: z.string().min(1),
  chatUserName: z.string().optional(),
  /** Where to confirm the link in chat (the command's response_url). */
  responseUrl: z.string().optional(),
});
export type LinkRequest = z.infer<typeof linkRequestSchema>;

const authorizationSchema = z.object({ linkToken: z.string().min(1), codeVerifier: z.string().min(1) });
export type PendingAuthorization = z.infer<typeof authorizationSchema>;

/**
 * Account-linking state in Redis, shared by every gateway and command-handler replica:
 * link tokens handed to chat users, and the OAuth `state` → PKCE verifier of a started
 * authorization. Both expire after 10 minutes and are taken with GETDEL, so each works once.
 */
export class LinkRequests {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly ttlSeconds: number = LINK_TTL_SECONDS,
  ) {}

  async issue(request: LinkRequest): Promise<string> {
    const token = randomToken();
    await this.redis.set(this.linkKey(token), JSON.stringify(linkRequestSchema.parse(request)), 'EX', this.ttlSeconds);
    return token;
  }

  /** Reads a link without using it up (the browser may reload the start page). */
  async peek(token: string): Promise<LinkRequest | null> {
    return parse(linkRequestSchema, await this.redis.get(this.linkKey(token)));
  }

  /** Uses the link up: a second callback with the same link finds nothing. */
  async consume(token: string): Promise<LinkRequest | null> {
    return parse(linkRequestSchema, await this.redis.getdel(this.linkKey(token)));
  }

  /** Starts an OAuth authorization for a link: returns the `state` and the PKCE challenge to send. */
  async beginAuthorization(linkToken: string): Promise<{ state: string; codeChallenge: string }> {
    const state = randomToken();
    const { verifier, challenge } = createPkcePair();
    const pending: PendingAuthorization = { linkToken, codeVerifier: verifier };
    await this.redis.set(this.stateKey(state), JSON.stringify(pending), 'EX', this.ttlSeconds);
    return { state, codeChallenge: challenge };
  }

  async finishAuthorization(state: string): Promise<PendingAuthorization | null> {
    return parse(authorizationSchema, await this.redis.getdel(this.stateKey(state)));
  }

  private linkKey(token: string): string {
    return `${this.prefix}:link:${token}`;
  }

  private stateKey(state: string): string {
    return `${this.prefix}:oauth-state:${state}`;
  }
}

function parse<T>(schema: z.ZodType<T>, raw: string | null): T | null {
  if (raw === null) return null;
  const result = schema.safeParse(JSON.parse(raw));
  return result.success ? result.data : null;
}

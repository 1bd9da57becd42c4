import { OutboundPolicy } from '@chatops/outbound';
import { z } from 'zod';
import { publicUrlRule } from './rules';

/** A TCP port with a default. */
export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** "true"/"false"/"1"/"0" as found in environment files. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

export const httpUrl = () =>
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));

/** Slack's Web API base URL (tests and the demo point it at the fake Slack). */
export const slackApiUrl = () => httpUrl().default('https://slack.com/api');

/** A URL handed to GitLab, Slack and browsers: https, except on a loopback host. */
export const publicUrl = () =>
  httpUrl().superRefine((value, ctx) => {
    const problem = publicUrlRule(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A comma-separated list of http(s) origins (`https://hooks.slack.com`), read as origins whatever
 * path an entry carries.
 */
export const originList = (fallback: readonly string[]) =>
  z
    .string()
    .default(fallback.join(','))
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const entry of value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const url = URL.canParse(entry) ? new URL(entry) : undefined;
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
          ctx.addIssue({ code: 'custom', message: `${entry.slice(0, 80)} is not an http(s) URL` });
          return z.NEVER;
        }
        origins.push(url.origin);
      }
      return origins;
    });

/**
 * Internal hosts chatops may send requests to on a user's say-so (webhook URLs, Mattermost
 * server URLs): comma-separated host names (`*.corp.example` for every name under one), IP
 * addresses and CIDRs. Empty by default: every loopback, private, link-local… target is refused.
 * Decoded once, here, into the policy the services and the CLI check against.
 */
export const outboundAllowedHosts = () =>
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      const parsed = OutboundPolicy.parse(value);
      if (parsed.policy) return parsed.policy;
      ctx.addIssue({ code: 'custom', message: parsed.problems.join('; ') });
      return z.NEVER;
    });

export const databaseUrl = () => z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' });

export const redisUrl = () =>
  z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379');

/**
 * The part of a Redis key that a Redis Cluster hashes to pick the key's slot: what lies between
 * the first `{` and the next `}`, when that is not empty (otherwise the whole key is hashed).
 */
export function redisHashTag(key: string): string | undefined {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : undefined;
}

/**
 * QUEUE_PREFIX: letters, digits, `:`, `_`, `-`, and at most one hash tag in braces (`{chatops}`),
 * which puts every key chatops writes in one Redis Cluster slot (docs/scale-out.md).
 */
export const queuePrefix = () =>
  z
    .string()
    .min(1)
    .regex(/^[a-zA-Z0-9:_-]*(\{[a-zA-Z0-9:_-]+\})?[a-zA-Z0-9:_-]*$/, {
      error: 'may hold only letters, digits, ":", "_" and "-", and one hash tag in braces such as {chatops}',
    })
    .default('chatops');

export const logLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** A shared secret that must be long enough not to be guessed. */
export const secret = (minLength: number) =>
  z.string().min(minLength, { error: `must be at least ${minLength} characters` });

/** 32 bytes from 64 hex characters or base64; null for anything else. */
function decodeKey(value: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return key.length === 32 ? key : null;
}

const KEY_FORMAT = 'must be 32 bytes, as 64 hex characters or base64';

/**
 * The AES-256-GCM key for secrets at rest: 32 bytes, given as 64 hex characters or base64.
 * Decoded once here so no other code handles the textual form.
 */
export const encryptionKey = () =>
  z.string().transform((value, ctx) => {
    const key = decodeKey(value);
    if (!key) {
      ctx.addIssue({ code: 'custom', message: KEY_FORMAT });
      return z.NEVER;
    }
    return key;
  });

/**
 * Keys that sealed secrets before the current one (comma-separated, each like
 * {@link encryptionKey}): they still open what they sealed until `secrets:rotate` re-seals it.
 */
export const encryptionKeyList = () =>
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      const entries = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const keys: Buffer[] = [];
      for (const [index, entry] of entries.entries()) {
        const key = decodeKey(entry);
        if (!key) {
          // The entry itself is a secret: name its position only.
          ctx.addIssue({ code: 'custom', message: `entry ${index + 1} ${KEY_FORMAT}` });
          return z.NEVER;
        }
        keys.push(key);
      }
      return keys;
    });

/** Variables every service reads. */
export const commonEnvShape = {
  DATABASE_URL: databaseUrl(),
  /** PostgreSQL connections per process; budget this × processes against the server's max_connections. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Whether the notifier's hot-path statements are named prepared statements. Set false behind a
   * transaction-mode pooler that does not track them (PgBouncer < 1.21): docs/scale-out.md.
   */
  DATABASE_PREPARED_STATEMENTS: flag(true),
  REDIS_URL: redisUrl(),
  /** REDIS_URL names a node of a Redis Cluster: connect with a cluster client (QUEUE_PREFIX needs a hash tag). */
  REDIS_CLUSTER: flag(false),
  /** Prefix of every Redis key chatops and BullMQ write; lets several suites (or test runs) share one Redis. */
  QUEUE_PREFIX: queuePrefix(),
  LOG_LEVEL: logLevel(),
  ENCRYPTION_KEY: encryptionKey(),
  /** Older keys, to open what they sealed while the key is rotated (docs/operations.md). */
  ENCRYPTION_KEYS_PREVIOUS: encryptionKeyList(),
  /** Address the service's HTTP listener binds to. */
  HOST: z.string().min(1).default('0.0.0.0'),
};

/** What a process that posts to user-given URLs (webhooks, Mattermost servers) reads. */
export const outboundEnvShape = {
  /** Internal targets let through anyway, e.g. `mattermost.internal,10.0.0.0/8` (docs/configuration.md). */
  OUTBOUND_ALLOWED_HOSTS: outboundAllowedHosts(),
};

/**
 * The GitLab OAuth application chat users link their accounts with (slash commands then act as
 * them). Client id and secret together, and GITLAB_URL with them; without them nobody can link.
 */
export const gitlabOAuthEnvShape = {
  /** GitLab's base URL, e.g. https://gitlab.example.com. */
  GITLAB_URL: httpUrl().optional(),
  GITLAB_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  GITLAB_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
};

/**
 * What a service acting as linked GitLab users needs: the OAuth application (to refresh their
 * tokens) and the gateway's public URL (the account-linking links it hands out point there).
 */
export const linkedUsersEnvShape = {
  ...gitlabOAuthEnvShape,
  PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
};

/**
 * On a Redis Cluster, BullMQ's scripts and chatops' own multi-key commands only work when all
 * their keys share one hash slot: QUEUE_PREFIX, which starts every key, must carry a hash tag. A
 * cluster also has only database 0. For every schema that spreads `commonEnvShape`.
 */
export function redisClusterRule(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (env.REDIS_CLUSTER !== true) return;
  if (typeof env.QUEUE_PREFIX === 'string' && redisHashTag(env.QUEUE_PREFIX) === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['QUEUE_PREFIX'],
      message: 'must carry a hash tag such as {chatops} when REDIS_CLUSTER is true (docs/scale-out.md)',
    });
  const database = typeof env.REDIS_URL === 'string' ? new URL(env.REDIS_URL).pathname.replace(/^\//, '') : '';
  if (database !== '' && database !== '0')
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message: 'must name database 0 or none when REDIS_CLUSTER is true: a cluster has no other',
    });
}

/** GitLab OAuth needs its client credentials together, and GitLab's URL with them. */
export function gitlabOAuthComplete(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const credentials = ['GITLAB_OAUTH_CLIENT_ID', 'GITLAB_OAUTH_CLIENT_SECRET'];
  const set = credentials.filter((name) => env[name] !== undefined);
  if (set.length === 0) return;
  for (const name of [...credentials, 'GITLAB_URL']) {
    if (env[name] === undefined)
      ctx.addIssue({ code: 'custom', path: [name], message: `must be set together with ${set.join(', ')}` });
  }
}

/**
 * The Slack app's credentials from the environment: each overrides what an administrator stored
 * (GET/PUT /api/v1/slack/app, `chatops slack:app:set`). All optional: the database may hold them.
 */
export const slackAppEnvShape = {
  /** Verifies Slack's requests (commands, interactions, options, events). */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** The app's OAuth client id and secret, for "Add to Slack" installs. */
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  /** Slack's legacy verification token: kept for reference only. */
  SLACK_VERIFICATION_TOKEN: z.string().min(1).optional(),
};

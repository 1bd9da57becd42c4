import {
  commonEnvShape,
  gitlabOAuthComplete,
  redisClusterRule,
  httpUrl,
  gitlabOAuthEnvShape,
  slackApiUrl,
  originList,
  outboundEnvShape,
  port,
  positiveInt,
  publicUrl,
  secret,
  slackAppEnvShape,
} from '@chatops/config';
import { z } from 'zod';

export const gatewayEnvSchema = z
  .object({
    ...commonEnvShape,
    ...gitlabOAuthEnvShape,
    /** Internal hosts "Test settings" may post to, and admin API input may point at. */
    ...outboundEnvShape,
    GATEWAY_PORT: port(3000),
    /**
     * Health, readiness and Prometheus metrics, apart from the public port so that /metrics is
     * never exposed where GitLab, Slack and browsers reach the gateway. Next to the other
     * services' ports (3001–3003) for a suite on one host.
     */
    GATEWAY_OPS_PORT: port(3004),
    /** Where GitLab, Slack, Mattermost and browsers reach the gateway; used in URLs we hand out. */
    PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
    /** Bearer token for the admin API. */
    ADMIN_TOKEN: secret(24),
    /** Largest webhook body accepted (GitLab descriptions may be up to 1 MB of text). */
    GATEWAY_BODY_LIMIT_BYTES: positiveInt(5 * 1024 * 1024),
    /** Slack Web API base URL, for the admin API's "test settings"; tests point it at a local fake. */
    SLACK_API_URL: slackApiUrl(),
    /**
     * The Slack app's credentials (signing secret, OAuth client id and secret): each overrides the
     * one stored with the app's settings. Neither set, Slack requests are refused.
     */
    ...slackAppEnvShape,
    /** Slack's OAuth consent screen, where "Add to Slack" sends the installer; tests point it at a fake. */
    SLACK_OAUTH_AUTHORIZE_URL: httpUrl().default('https://slack.com/oauth/v2/authorize'),
    /**
     * Where a Slack slash command's response_url may point (the command-handler posts the reply
     * there): Slack's own hooks host. Only a test against a fake Slack needs another.
     */
    SLACK_RESPONSE_URL_ORIGINS: originList(['https://hooks.slack.com']),
    /**
     * Where a Mattermost command's response_url may point besides its connection's own origin:
     * the Mattermost server's Site URL, when that differs from the connection URL we reach it by.
     */
    MATTERMOST_RESPONSE_URL_ORIGINS: originList([]),
    /** How long a GitLab Idempotency-Key is remembered, so retries and resends are not delivered twice. */
    WEBHOOK_DEDUPE_TTL_SECONDS: positiveInt(24 * 3600),
    /**
     * GitLab usernames (comma-separated) who administer chatops in the console without being
     * GitLab instance administrators (those always are).
     */
    CONSOLE_ADMINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((name) => name.trim().replace(/^@/, ''))
          .filter(Boolean),
      ),
    /** How long a console sign-in lasts before GitLab is asked again. */
    CONSOLE_SESSION_TTL_SECONDS: positiveInt(8 * 3600),
    /**
     * Requests per second one GitLab webhook endpoint may send, sustained, and at once after a
     * quiet spell: far above what a project or group hook sends, so that only a flood (a leaked
     * secret token) meets it. GitLab does not retry a refused event (docs/operations.md).
     */
    GATEWAY_ENDPOINT_RATE_PER_SECOND: z.coerce.number().positive().default(100),
    GATEWAY_ENDPOINT_BURST: positiveInt(1000),
    /** The same per chat team (Slack workspace, Mattermost team), for slash commands and interactions together. */
    GATEWAY_TEAM_RATE_PER_SECOND: z.coerce.number().positive().default(20),
    GATEWAY_TEAM_BURST: positiveInt(100),
  })
  .superRefine(gitlabOAuthComplete)
  .superRefine(redisClusterRule)
  .superRefine((env, ctx) => {
    if (env.GATEWAY_OPS_PORT === env.GATEWAY_PORT)
      ctx.addIssue({ code: 'custom', path: ['GATEWAY_OPS_PORT'], message: 'must differ from GATEWAY_PORT' });
  });

export type GatewayEnv = z.output<typeof gatewayEnvSchema>;

import { commonEnvShape, gitlabOAuthComplete, gitlabOAuthEnvShape, httpUrl, port, positiveInt, publicUrl, secret } from '@chatops/config';
import { z } from 'zod';

export const gatewayEnvSchema = z
  .object({
    ...commonEnvShape,
    ...gitlabOAuthEnvShape,
    GATEWAY_PORT: port(3000),
    /** Where GitLab, Slack, Mattermost and browsers reach the gateway; used in URLs we hand out. */
    PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
    /** Bearer token for the admin API. */
    ADMIN_TOKEN: secret(24),
    /** Largest webhook body accepted (GitLab descriptions may be up to 1 MB of text). */
    GATEWAY_BODY_LIMIT_BYTES: positiveInt(5 * 1024 * 1024),
    /** Slack Web API base URL, for the admin API's "test settings"; tests point it at a local fake. */
    SLACK_API_URL: httpUrl().default('https://slack.com/api'),
    /** The Slack app's signing secret: verifies /slack/commands. Unset, Slack requests are refused. */
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    /** How long a GitLab Idempotency-Key is remembered, so retries and resends are not delivered twice. */
    WEBHOOK_DEDUPE_TTL_SECONDS: positiveInt(24 * 3600),
  })
  .superRefine(gitlabOAuthComplete);

export type GatewayEnv = z.output<typeof gatewayEnvSchema>;

import {
  commonEnvShape,
  gitlabOAuthComplete,
  redisClusterRule,
  linkedUsersEnvShape,
  outboundEnvShape,
  port,
  positiveInt,
  slackApiUrl,
} from '@chatops/config';
import { z } from 'zod';

export const incidentEnvSchema = z
  .object({
    ...commonEnvShape,
    ...linkedUsersEnvShape,
    /** Internal hosts incident posts and Mattermost dialogs may reach (self-hosted Mattermost). */
    ...outboundEnvShape,
    /** Health, readiness and metrics. */
    INCIDENT_PORT: port(3003),
    INCIDENT_CONCURRENCY: positiveInt(20),
    /**
     * How often GitLab's alerts are polled, for projects with an integration routing `alert`
     * (GitLab sends no webhook for alerts). One replica polls per interval.
     */
    INCIDENT_ALERT_POLL_INTERVAL_MS: positiveInt(60_000),
    SLACK_API_URL: slackApiUrl(),
  })
  .superRefine(gitlabOAuthComplete)
  .superRefine(redisClusterRule);

export type IncidentEnv = z.output<typeof incidentEnvSchema>;

import {
  commonEnvShape,
  gitlabOAuthComplete,
  gitlabOAuthEnvShape,
  port,
  positiveInt,
  publicUrl,
  slackApiUrl,
} from '@chatops/config';
import { z } from 'zod';

export const incidentEnvSchema = z
  .object({
    ...commonEnvShape,
    ...gitlabOAuthEnvShape,
    /** Health, readiness and metrics. */
    INCIDENT_PORT: port(3003),
    INCIDENT_CONCURRENCY: positiveInt(20),
    /** The gateway's public URL: Mattermost dialogs post there, account links point there. */
    PUBLIC_URL: publicUrl().default('http://127.0.0.1:3000'),
    SLACK_API_URL: slackApiUrl(),
  })
  .superRefine(gitlabOAuthComplete);

export type IncidentEnv = z.output<typeof incidentEnvSchema>;

import {
  commonEnvShape,
  gitlabOAuthComplete,
  linkedUsersEnvShape,
  port,
  positiveInt,
  slackApiUrl,
} from '@chatops/config';
import { z } from 'zod';

export const incidentEnvSchema = z
  .object({
    ...commonEnvShape,
    ...linkedUsersEnvShape,
    /** Health, readiness and metrics. */
    INCIDENT_PORT: port(3003),
    INCIDENT_CONCURRENCY: positiveInt(20),
    SLACK_API_URL: slackApiUrl(),
  })
  .superRefine(gitlabOAuthComplete);

export type IncidentEnv = z.output<typeof incidentEnvSchema>;

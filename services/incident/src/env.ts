import { commonEnvShape, port, positiveInt } from '@chatops/config';
import { z } from 'zod';

export const incidentEnvSchema = z.object({
  ...commonEnvShape,
  /** Health, readiness and metrics. */
  INCIDENT_PORT: port(3003),
  INCIDENT_CONCURRENCY: positiveInt(20),
});

export type IncidentEnv = z.output<typeof incidentEnvSchema>;

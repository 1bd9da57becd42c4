import { z } from 'zod';
import { timestamp } from './common';

export const ALERT_POLL_STATES = ['polling', 'failing', 'no_token', 'no_endpoint'] as const;

/** A project that routes GitLab alerts, and whether (and how well) its alerts are polled. */
export const alertPollView = z
  .object({
    projectId: z.string(),
    gitlabProjectId: z.number().int(),
    pathWithNamespace: z.string(),
    webUrl: z.string(),
    state: z.enum(ALERT_POLL_STATES).meta({
      description:
        'polling: polled (its last poll succeeded, or none ran yet); failing: its last poll failed (see lastError); ' +
        'no_token: no read_api token stored for the project (set one with project:add --api-token); ' +
        'no_endpoint: no enabled webhook endpoint to queue its alerts under',
    }),
    endpointId: z.string().nullable(),
    lastAlertIid: z.number().int().nullable(),
    lastPolledAt: timestamp.nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: timestamp.nullable(),
  })
  .meta({ id: 'AlertPolling' });
export type AlertPollView = z.input<typeof alertPollView>;

import { z } from 'zod';
import { idSchema, timestamp } from './common';

const count = z.number().int().min(0);

export const statsQuery = z
  .object({
    projectIds: z
      .string()
      .max(10_000)
      .transform((value) =>
        value
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      )
      .pipe(z.array(idSchema).min(1, { error: 'name at least one project id' }).max(200))
      .optional()
      .meta({
        description:
          'comma-separated chatops project ids: the windows and slowest channels count only their ' +
          'integrations (ids of no project count nothing); queues are global',
      }),
  })
  .strict();

const deliveryWindow = z.object({
  events: count.meta({ description: 'distinct GitLab events (event keys) among the deliveries created in the window' }),
  deliveries: z
    .object({ pending: count, sending: count, sent: count, failed: count, skipped: count })
    .meta({ description: 'deliveries created in the window, by the status they have now' }),
  successRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .meta({ description: 'sent / (sent + failed), a fraction; null when no delivery of the window finished' }),
});

export const statsView = z
  .object({
    generatedAt: timestamp,
    windows: z.object({ lastHour: deliveryWindow, lastDay: deliveryWindow }),
    queues: z
      .array(
        z.object({
          name: z.string(),
          waiting: count.meta({ description: 'waiting their turn (BullMQ waiting, paused and prioritized)' }),
          active: count,
          delayed: count.meta({ description: 'waiting for a retry or a scheduled time' }),
          failed: count.meta({ description: "failed for good, within the queue's retention" }),
        }),
      )
      .meta({ description: 'every job queue, whatever projectIds says' }),
    slowestChannels: z
      .array(
        z.object({
          integrationId: z.string(),
          integrationName: z.string(),
          projectPath: z.string(),
          channel: z.string().meta({ description: "'' for a webhook integration's own channel" }),
          deliveries: count.meta({ description: 'deliveries with a try in the last day' }),
          p50Ms: count,
          p95Ms: count,
          maxMs: count,
        }),
      )
      .meta({ description: 'the 5 channels slowest to post to at the 95th percentile of their tries of the last day' }),
  })
  .meta({ id: 'Stats' });

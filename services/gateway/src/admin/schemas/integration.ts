import { EVENT_KINDS } from '@chatops/gitlab';
import { z } from 'zod';
import { idSchema, timestamp } from './common';

export const DESTINATIONS = ['slack_bot', 'slack_webhook', 'mattermost_webhook', 'mattermost_bot'] as const;
export const BRANCH_SCOPES = ['all', 'default', 'protected', 'default_and_protected'] as const;
export const LABEL_MATCHES = ['match_any', 'match_all'] as const;
/** GitLab's limit per event. */
export const MAX_CHANNELS_PER_EVENT = 10;

const channel = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(255)
  .regex(/^[^\s,]+$/, { error: 'one channel per entry, without spaces or commas' });
const pattern = z.string().trim().min(1, { error: 'must not be empty' }).max(255);
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, { error: `cannot have more than ${max} entries` });

const eventRoute = z
  .object({
    /** Empty: the default channel. */
    channels: z
      .array(channel)
      .max(MAX_CHANNELS_PER_EVENT, { error: `cannot have more than ${MAX_CHANNELS_PER_EVENT} channels` })
      .default([]),
  })
  .strict();

/** The events that trigger the integration, each with its channels. */
export const eventsSchema = z.partialRecord(z.enum(EVENT_KINDS), eventRoute);

const fields = {
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
  active: z.boolean(),
  destination: z.enum(DESTINATIONS),
  slackInstallationId: idSchema.nullable(),
  mattermostConnectionId: idSchema.nullable(),
  /** Write-only: stored encrypted, never returned (see `hasWebhookUrl`). */
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .nullable(),
  defaultChannel: channel.nullable(),
  username: z.string().trim().min(1).max(80).nullable(),
  confidentialChannels: list(channel, 50),
  threading: z.boolean(),
  notifyOnlyBrokenPipelines: z.boolean(),
  notifyOnlyWhenPipelineStatusChanges: z.boolean(),
  branchesToBeNotified: z.enum(BRANCH_SCOPES),
  branchInclude: list(pattern, 50),
  branchExclude: list(pattern, 50),
  labelsToBeNotified: list(pattern, 100),
  labelsBehavior: z.enum(LABEL_MATCHES),
  labelsExclude: list(pattern, 100),
  events: eventsSchema,
};

/** Omitted fields take GitLab's defaults for a new integration. */
export const createIntegrationBody = z
  .object({ ...z.object(fields).partial().shape, name: fields.name, destination: fields.destination })
  .strict();

/** Only the fields given change; `events`, when given, replaces the triggers as a whole. */
export const updateIntegrationBody = z.object(fields).partial().strict();

export type CreateIntegrationBody = z.output<typeof createIntegrationBody>;
export type UpdateIntegrationBody = z.output<typeof updateIntegrationBody>;

export const integrationView = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  active: z.boolean(),
  destination: z.enum(DESTINATIONS),
  slackInstallationId: z.string().nullable(),
  mattermostConnectionId: z.string().nullable(),
  hasWebhookUrl: z.boolean(),
  defaultChannel: z.string().nullable(),
  username: z.string().nullable(),
  confidentialChannels: z.array(z.string()),
  threading: z.boolean(),
  notifyOnlyBrokenPipelines: z.boolean(),
  notifyOnlyWhenPipelineStatusChanges: z.boolean(),
  branchesToBeNotified: z.enum(BRANCH_SCOPES),
  branchInclude: z.array(z.string()),
  branchExclude: z.array(z.string()),
  labelsToBeNotified: z.array(z.string()),
  labelsBehavior: z.enum(LABEL_MATCHES),
  labelsExclude: z.array(z.string()),
  events: z.record(z.string(), z.object({ channels: z.array(z.string()) })),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type IntegrationView = z.input<typeof integrationView>;

export const integrationTestReport = z.object({
  ok: z.boolean(),
  message: z.string().optional().describe("Set when something needs doing, in GitLab's words where GitLab has them"),
  results: z.array(z.object({ channel: z.string(), ok: z.boolean(), error: z.string().optional() })),
});

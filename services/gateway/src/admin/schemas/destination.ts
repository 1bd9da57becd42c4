import { z } from 'zod';
import { timestamp } from './common';

export const slackInstallationView = z.object({
  id: z.string(),
  teamId: z.string(),
  enterpriseId: z.string(),
  teamName: z.string(),
  appId: z.string().nullable(),
  botUserId: z.string(),
  scopes: z.array(z.string()),
  installedBy: z.string().nullable(),
  installedAt: timestamp,
  revokedAt: timestamp.nullable(),
});

export const mattermostConnectionView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  hasBotToken: z.boolean(),
  createdAt: timestamp,
});

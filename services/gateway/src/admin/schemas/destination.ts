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
  /** Installed under the approval policy, not approved yet: nothing posts to it, its commands are refused. */
  pendingApproval: z.boolean(),
  /** Whether each incident declared from the workspace gets a channel of its own. */
  incidentChannels: z.boolean(),
});

export const incidentChannelsChange = z.object({ incidentChannels: z.boolean() }).strict();

export const incidentChannelsChanged = slackInstallationView.extend({
  /** Bot scopes incident channels need that the app was not granted: empty when all is well. */
  missingScopes: z.array(z.string()),
});

export const mattermostConnectionView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  hasBotToken: z.boolean(),
  createdAt: timestamp,
});

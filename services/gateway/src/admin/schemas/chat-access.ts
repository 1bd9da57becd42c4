import { PROJECT_ALIAS_PATTERN, PROJECT_ALIAS_RULE } from '@chatops/db';
import { z } from 'zod';
import { idSchema, timestamp } from './common';

export const aliasSchema = z.string().regex(PROJECT_ALIAS_PATTERN, { error: PROJECT_ALIAS_RULE });

export const createAliasBody = z.object({ alias: aliasSchema }).strict();
export const aliasParams = z.object({ projectId: idSchema, alias: aliasSchema });
export const aliasView = z.object({ alias: z.string(), projectId: z.string(), createdAt: timestamp });

export const identityView = z.object({
  id: z.string(),
  provider: z.enum(['slack', 'mattermost']),
  teamId: z.string(),
  chatUserId: z.string(),
  gitlabUserId: z.number().int(),
  gitlabUsername: z.string(),
  tokenExpiresAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const identitiesQuery = z.object({ gitlabUsername: z.string().min(1).max(255).optional() }).strict();

export const createMattermostCommandBody = z
  .object({
    connectionId: idSchema,
    teamId: z.string().min(1).max(64),
    /** The trigger word, with or without the leading slash. */
    trigger: z.string().regex(/^\/?[a-z0-9_-]{1,128}$/i, { error: 'must be a slash-command trigger word' }),
    /** The token Mattermost generated for the command (only its digest is stored). */
    token: z.string().min(16).max(256),
    /** Serve one project only (a trigger per project); omit to pick projects by alias. */
    projectId: idSchema.optional(),
  })
  .strict();
export const mattermostCommandView = z.object({
  id: z.string(),
  connectionId: z.string(),
  teamId: z.string(),
  trigger: z.string(),
  projectId: z.string().nullable(),
  requestUrl: z.url(),
  createdAt: timestamp,
});

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

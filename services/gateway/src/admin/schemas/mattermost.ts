import { MATTERMOST_TRIGGER_RULE } from '@chatops/integrations';
import { z } from 'zod';
import { idSchema, timestamp } from './common';

/** A trigger word as given: with or without the leading slash (Mattermost lower-cases it). */
const triggerSchema = z.string().regex(/^\/?[a-z0-9_-]{1,128}$/i, { error: 'must be a slash-command trigger word' });
const teamIdSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/, { error: 'not a Mattermost team id' });

export const createMattermostCommandBody = z
  .object({
    connectionId: idSchema,
    teamId: z.string().min(1).max(64),
    /** The trigger word, with or without the leading slash. */
    trigger: triggerSchema,
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
  /** Mattermost's id of the command when chatops created it there (deleting it here deletes it there). */
  remoteId: z.string().nullable(),
  requestUrl: z.url(),
  createdAt: timestamp,
});

export const suggestionQuery = z
  .object({ projectId: idSchema.optional().meta({ description: 'the project the command serves; omit for /gitlab' }) })
  .strict();

export const commandSuggestion = z.object({
  projectId: z.string().nullable(),
  displayName: z.string(),
  description: z.string(),
  trigger: z.string(),
  requestUrl: z.url(),
  requestMethod: z.literal('POST'),
  responseUsername: z.string(),
  responseIconUrl: z.url(),
  autocomplete: z.literal(true),
  autocompleteHint: z.string(),
  autocompleteDescription: z.string(),
});

export const mattermostTeam = z.object({
  id: z.string(),
  /** The team's URL name. */
  name: z.string(),
  displayName: z.string(),
  /** `O` open, `I` invite only. */
  type: z.string(),
});

export const createInMattermostBody = z
  .object({
    teamId: teamIdSchema,
    /** Serve this project only; omit for the shared command that picks projects by path or alias. */
    projectId: idSchema.optional(),
    /** Default: the suggestion's (the project's path, or `gitlab`). */
    trigger: triggerSchema.optional().meta({ description: MATTERMOST_TRIGGER_RULE }),
  })
  .strict();

export const deleteCommandQuery = z
  .object({
    /** `keep` leaves a command chatops created in Mattermost there (say, when that server is gone). */
    remote: z.enum(['delete', 'keep']).default('delete'),
  })
  .strict();

export const commandDeletion = z.object({
  id: z.string(),
  trigger: z.string(),
  remote: z.enum(['deleted', 'already_deleted', 'kept', 'not_created_here']),
  message: z.string(),
});

import { z } from 'zod';
import { idSchema, timestamp } from './common';

export const createProjectBody = z
  .object({
    gitlabProjectId: z.number().int().positive(),
    pathWithNamespace: z
      .string()
      .trim()
      .regex(/^[\w.-]+(\/[\w.-]+)+$/, { error: 'must be a GitLab path such as group/project' })
      .max(255),
    name: z.string().trim().min(1, { error: 'must not be empty' }).max(255),
    webUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    defaultBranch: z.string().trim().min(1).max(255).default('main'),
  })
  .strict();

export const projectView = z.object({
  id: z.string(),
  gitlabProjectId: z.number().int(),
  pathWithNamespace: z.string(),
  name: z.string(),
  webUrl: z.string(),
  defaultBranch: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ProjectView = z.input<typeof projectView>;

export const ENDPOINT_SCOPES = ['project', 'group'] as const;

const endpointScope = z
  .enum(ENDPOINT_SCOPES)
  .describe(
    "`project`: only events about the endpoint's own project (a payload about another is refused with 403); " +
      "`group`: any project's events (a GitLab group hook), posted under the endpoint's project's integrations",
  );

export const createEndpointBody = z
  .object({
    description: z.string().max(255).default(''),
    /** Also issue a signing token for GitLab's signed webhooks (`webhook-signature`). */
    signing: z.boolean().default(false),
    /** Explicitly `group` for a group hook; anything else accepts its own project's events only. */
    scope: endpointScope.default('project'),
  })
  .strict();

export const endpointsQuery = z.object({ projectId: idSchema.optional() }).strict();

export const rotateEndpointSecretBody = z
  .object({
    signing: z
      .boolean()
      .default(false)
      .describe('Also replace the signing token (or issue one, making the endpoint signed)'),
  })
  .strict();

export const projectDeletionView = z.object({
  deleted: z.object({
    project: z.object({ id: z.string(), gitlabProjectId: z.number().int(), pathWithNamespace: z.string() }),
    endpointIds: z.array(z.string()),
    integrations: z.array(z.object({ id: z.string(), name: z.string() })),
    aliases: z.array(z.string()),
    mattermostCommandIds: z.array(z.string()),
  }),
});

export const endpointView = z.object({
  id: z.string(),
  projectId: z.string(),
  description: z.string(),
  url: z.url(),
  signed: z.boolean(),
  scope: endpointScope,
  createdAt: timestamp,
  lastEventAt: timestamp.nullable().describe('When it last accepted an event (written at most about once a minute)'),
  disabledAt: timestamp.nullable().describe('Set while disabled: GitLab is answered 403 endpoint_disabled'),
});
export type EndpointView = z.input<typeof endpointView>;

export const createdEndpointView = z.object({
  id: z.string(),
  url: z.url(),
  secret: z.string().describe("GitLab's secret token (X-Gitlab-Token); shown once, stored hashed"),
  signingSecret: z.string().optional().describe('The signing token (whsec_…), when asked for; shown once'),
});

export const rotatedEndpointView = createdEndpointView.describe(
  'The new secret token (and signing token, when asked for), shown once; the old ones stop working within 5 s',
);

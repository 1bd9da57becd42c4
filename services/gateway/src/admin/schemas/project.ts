import { z } from 'zod';
import { timestamp } from './common';

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

export const createEndpointBody = z
  .object({
    description: z.string().max(255).default(''),
    /** Also issue a signing token for GitLab's signed webhooks (`webhook-signature`). */
    signing: z.boolean().default(false),
  })
  .strict();

export const endpointView = z.object({
  id: z.string(),
  projectId: z.string(),
  description: z.string(),
  url: z.url(),
  signed: z.boolean(),
  createdAt: timestamp,
  lastEventAt: timestamp.nullable(),
  disabledAt: timestamp.nullable(),
});
export type EndpointView = z.input<typeof endpointView>;

export const createdEndpointView = z.object({
  id: z.string(),
  url: z.url(),
  secret: z.string().describe("GitLab's secret token (X-Gitlab-Token); shown once, stored hashed"),
  signingSecret: z.string().optional().describe('The signing token (whsec_…), when asked for; shown once'),
});

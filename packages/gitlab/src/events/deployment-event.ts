import { z } from 'zod';
import { webhookUserSchema } from './user';
import { projectSchema } from './project';

/** `Deployment Hook` payloads (only the fields DeploymentMessage and the ref filter read). */
export const deploymentEventSchema = z.object({
  object_kind: z.literal('deployment'),
  /** `running`, `success`, `failed` or `canceled`; kept open so a new status still parses. */
  status: z.string(),
  environment: z.string(),
  short_sha: z.string().default(''),
  commit_url: z.string().default(''),
  commit_title: z.string().nullish(),
  // Deployments created through the API or a trigger have no job: both are null then.
  deployable_id: z.number().int().nullish(),
  deployable_url: z.string().nullish(),
  user: webhookUserSchema.nullish(),
  user_url: z.string().nullish(),
  /** Newer GitLab versions send the deployed ref; the branch filter uses it when present. */
  ref: z.string().nullish(),
  project: projectSchema,
});
export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;

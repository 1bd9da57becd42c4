import { CHAT_PLATFORMS } from '@chatops/chat';
import { z } from 'zod';
import { jobMetaSchema } from './meta';

/** A form's values by action id (see @chatops/chat FormValues). */
const formValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()]));

/** The declare form's callback id (GitLab's `incident_modal`): interactions with it go to the incident service. */
export const INCIDENT_FORM_CALLBACK = 'incident_modal';
/** The declare form's project select (GitLab's action id): choosing another project updates the form. */
export const INCIDENT_PROJECT_ACTION = 'incident_management_project';
/** The buttons of the "which incident?" chooser; a button's value is the pending choice's id. */
export const INCIDENT_CHOICE_ACTION = 'incident_choice';
/** Where the incident service keeps its open forms (@chatops/chat FormSessions), for the options route. */
export const INCIDENT_FORM_SESSIONS = 'incident';

/** The follow-up commands that act on an incident the user picks. */
export const INCIDENT_FOLLOW_UPS = ['comment', 'timeline', 'close'] as const;

/**
 * An incident action from chat, for the incident service: a slash command (from the
 * command-handler, once the user is known to be linked), or what the user did with a form or a
 * button (from the gateway). The form itself (its project, the command's response URL) is kept by
 * the incident service under `formId`.
 */
export const incidentJobSchema = z.object({
  meta: jobMetaSchema,
  provider: z.enum(CHAT_PLATFORMS),
  teamId: z.string().min(1),
  userId: z.string().min(1),
  channelId: z.string().optional(),
  action: z.discriminatedUnion('kind', [
    /** `/gitlab incident declare`: open the form with the command's trigger id. */
    z.object({
      kind: z.literal('declare_requested'),
      identityId: z.string().min(1),
      triggerId: z.string().min(1),
      responseUrl: z.url(),
      /** The Mattermost slash command it came through (its connection opens the dialog). */
      mattermostCommandId: z.string().optional(),
    }),
    /** `/gitlab incident comment|timeline|close`: ask which incident, then act on it. */
    z.object({
      kind: z.literal('follow_up_requested'),
      identityId: z.string().min(1),
      command: z.enum(INCIDENT_FOLLOW_UPS),
      text: z.string(),
      responseUrl: z.url(),
    }),
    z.object({
      kind: z.literal('form_submitted'),
      formId: z.string().min(1),
      callbackId: z.string().min(1),
      /** Slack: the values by action id. */
      values: formValuesSchema.optional(),
      /** Mattermost: the dialog's submission as sent (read with the form it was opened with). */
      submission: z.record(z.string(), z.unknown()).optional(),
    }),
    z.object({ kind: z.literal('form_closed'), formId: z.string().min(1), callbackId: z.string().min(1) }),
    z.object({
      kind: z.literal('form_project_switched'),
      formId: z.string().min(1),
      projectId: z.coerce.number().int().positive(),
    }),
    /** The user picked an incident for a pending follow-up (a button of the chooser). */
    z.object({ kind: z.literal('incident_chosen'), choiceId: z.string().min(1), responseUrl: z.url().optional() }),
  ]),
  receivedAt: z.iso.datetime(),
});
export type IncidentJob = z.infer<typeof incidentJobSchema>;
export type IncidentAction = IncidentJob['action'];

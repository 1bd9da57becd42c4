import { type FormValues, slackFormValues } from '@chatops/chat';
import { AppError, ErrorCode } from '@chatops/errors';
import {
  type IncidentAction,
  INCIDENT_CHOICE_ACTION,
  INCIDENT_FORM_CALLBACK,
  INCIDENT_PROJECT_ACTION,
} from '@chatops/jobs';
import { z } from 'zod';

/** The fields of Slack's interaction payloads that chatops reads (block_actions, view_*, block_suggestion). */
const interactionSchema = z.object({
  type: z.string(),
  team: z.object({ id: z.string().min(1) }).nullish(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  channel: z.object({ id: z.string() }).nullish(),
  response_url: z.string().optional(),
  action_id: z.string().optional(),
  value: z.string().optional(),
  view: z
    .object({
      id: z.string().min(1),
      callback_id: z.string().optional(),
      team_id: z.string().optional(),
      state: z.object({ values: z.unknown() }).optional(),
    })
    .nullish(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    )
    .optional(),
});
export type SlackInteraction = z.output<typeof interactionSchema>;

/** Reads the `payload` form field of an interaction (the body's signature was checked before). */
export function parseInteraction(raw: Buffer | undefined): SlackInteraction {
  const payload = new URLSearchParams(raw?.toString('utf8') ?? '').get('payload');
  if (payload === null) throw new AppError(ErrorCode.MalformedBody, 'the form field `payload` is required');
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    throw new AppError(ErrorCode.MalformedBody, 'the form field `payload` is not JSON');
  }
  const parsed = interactionSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(ErrorCode.ValidationFailed, `not a Slack interaction: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The team an interaction happened in (a view carries it when the payload's `team` is null, e.g. org installs). */
export function teamOf(interaction: SlackInteraction): string | undefined {
  return interaction.team?.id ?? interaction.view?.team_id ?? interaction.user.team_id;
}

/**
 * What the incident service is asked to do for an interaction, or null when it is not one of
 * ours (another app's view, an action we do not handle): such payloads are answered and dropped.
 */
export function incidentActionOf(interaction: SlackInteraction): IncidentAction | null {
  const { view } = interaction;
  switch (interaction.type) {
    case 'view_submission': {
      if (!view || view.callback_id !== INCIDENT_FORM_CALLBACK) return null;
      const values: FormValues = slackFormValues(view.state?.values);
      return { kind: 'form_submitted', formId: view.id, callbackId: view.callback_id, values };
    }
    case 'view_closed':
      if (!view || view.callback_id !== INCIDENT_FORM_CALLBACK) return null;
      return { kind: 'form_closed', formId: view.id, callbackId: view.callback_id };
    case 'block_actions': {
      const project = interaction.actions?.find((a) => a.action_id === INCIDENT_PROJECT_ACTION);
      if (view && project?.selected_option)
        return { kind: 'form_project_switched', formId: view.id, projectId: Number(project.selected_option.value) };
      const choice = interaction.actions?.find((a) => a.action_id === INCIDENT_CHOICE_ACTION);
      if (choice?.value)
        return {
          kind: 'incident_chosen',
          choiceId: choice.value,
          ...(interaction.response_url ? { responseUrl: interaction.response_url } : {}),
        };
      return null;
    }
    default:
      return null;
  }
}

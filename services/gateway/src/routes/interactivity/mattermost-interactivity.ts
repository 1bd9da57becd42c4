import { readFormState } from '@chatops/chat';
import { AppError, ErrorCode } from '@chatops/errors';
import { type JobQueues, QueueName } from '@chatops/jobs';
import { toAppError } from '@chatops/runtime';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type GatewayRateLimits, retryAfterSecondsOf } from '../rate-limits';

export interface MattermostDialogsOptions {
  queues: JobQueues;
  /** The key form states are signed with (see @chatops/chat formStateKey). */
  formStateKey: Buffer;
  now: () => number;
  /** Each team's request budget (shared with its slash commands), taken before queuing. */
  rateLimits: Pick<GatewayRateLimits, 'team'>;
}

const UNAVAILABLE = 'GitLab is unavailable right now, so nothing was done. Please try again in a minute.';

/** What Mattermost posts to a dialog's URL when it is submitted or cancelled. */
const dialogSubmissionSchema = z.object({
  type: z.literal('dialog_submission'),
  callback_id: z.string().min(1),
  state: z.string(),
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  team_id: z.string().min(1),
  submission: z.record(z.string(), z.unknown()).nullish(),
  cancelled: z.boolean().optional(),
});

/** What Mattermost posts to a message button's URL (an integration action). */
const postActionSchema = z.object({
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  team_id: z.string().min(1),
  context: z.object({ choice: z.string() }).passthrough(),
});

/**
 * `POST /mattermost/dialogs`: the submit URL of the dialogs chatops opens. Mattermost signs
 * nothing, so the dialog's `state` carries the form's id signed by chatops: anything else is a
 * 401 and nothing runs. Accepted submissions go to the incident service; the 200 with an empty
 * JSON object closes the dialog.
 */
export async function mattermostInteractivityRoutes(
  app: FastifyInstance,
  options: MattermostDialogsOptions,
): Promise<void> {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    // A team over its budget: nothing was queued; the dialog or the button says when to retry.
    if (appError.code === ErrorCode.RateLimited) {
      const text = `Too many requests from this team right now. Please try again in ${retryAfterSecondsOf(appError)} s.`;
      return reply
        .status(200)
        .header('retry-after', retryAfterSecondsOf(appError))
        .send(request.url.startsWith('/mattermost/dialogs') ? { error: text } : { ephemeral_text: text });
    }
    if (appError.httpStatus < 500)
      return reply.status(appError.httpStatus).send({ error: { code: appError.code, message: appError.message } });
    // Ours (Redis down): Mattermost shows `error` in the dialog, `ephemeral_text` under a button.
    request.log.error({ err: error, code: appError.code }, 'mattermost interaction could not be accepted');
    return reply
      .status(200)
      .send(request.url.startsWith('/mattermost/dialogs') ? { error: UNAVAILABLE } : { ephemeral_text: UNAVAILABLE });
  });

  app.post('/mattermost/dialogs', async (request, reply) => {
    const parsed = dialogSubmissionSchema.safeParse(request.body);
    if (!parsed.success)
      throw new AppError(
        ErrorCode.ValidationFailed,
        `not a Mattermost dialog submission: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const dialog = parsed.data;
    const formId = readFormState(options.formStateKey, dialog.state);
    if (!formId) throw new AppError(ErrorCode.InvalidSignature, 'the dialog state was not signed by this server');
    const action = dialog.cancelled
      ? { kind: 'form_closed' as const, formId, callbackId: dialog.callback_id }
      : {
          kind: 'form_submitted' as const,
          formId,
          callbackId: dialog.callback_id,
          submission: dialog.submission ?? {},
        };
    await options.rateLimits.team('mattermost', dialog.team_id, request.log);
    await options.queues.enqueue(QueueName.Incidents, {
      provider: 'mattermost',
      teamId: dialog.team_id,
      userId: dialog.user_id,
      ...(dialog.channel_id ? { channelId: dialog.channel_id } : {}),
      action,
      receivedAt: new Date(options.now()).toISOString(),
      meta: { requestId: request.id },
    });
    return reply.status(200).send({});
  });

  // A button of the "which incident?" chooser: its context carries the pending choice, signed.
  app.post('/mattermost/actions', async (request, reply) => {
    const parsed = postActionSchema.safeParse(request.body);
    if (!parsed.success)
      throw new AppError(
        ErrorCode.ValidationFailed,
        `not a Mattermost action: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const choiceId = readFormState(options.formStateKey, parsed.data.context.choice);
    if (!choiceId) throw new AppError(ErrorCode.InvalidSignature, 'the action context was not signed by this server');
    await options.rateLimits.team('mattermost', parsed.data.team_id, request.log);
    await options.queues.enqueue(QueueName.Incidents, {
      provider: 'mattermost',
      teamId: parsed.data.team_id,
      userId: parsed.data.user_id,
      ...(parsed.data.channel_id ? { channelId: parsed.data.channel_id } : {}),
      action: { kind: 'incident_chosen', choiceId },
      receivedAt: new Date(options.now()).toISOString(),
      meta: { requestId: request.id },
    });
    return reply.status(200).send({});
  });
}

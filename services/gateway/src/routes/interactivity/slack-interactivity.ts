import { type FormSessions } from '@chatops/chat';
import { ErrorCode } from '@chatops/errors';
import { type JobQueues, QueueName } from '@chatops/jobs';
import { type SlackAppConfigSource } from '@chatops/slack-app';
import { toAppError } from '@chatops/runtime';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { type GatewayRateLimits, retryAfterSecondsOf } from '../rate-limits';
import { slackSignatureCheck } from '../slack-signature';
import { acceptFormBodies } from '../slash-commands/form';
import { incidentActionOf, parseInteraction, teamOf } from './slack-interaction';

export interface SlackInteractivityOptions {
  queues: JobQueues;
  /** The incident service's open forms, whose prefetched options answer `/slack/options`. */
  forms: FormSessions<{ userId: string }>;
  /** The Slack app's settings in effect (its signing secret). */
  slackApp: SlackAppConfigSource;
  now: () => number;
  registry: Registry;
  /** Each workspace's request budget (shared with its slash commands), taken before queuing. */
  rateLimits: Pick<GatewayRateLimits, 'team'>;
}

/** What a user sees in the modal when we could not take its submission: nothing was done. */
export const SUBMIT_UNAVAILABLE_TEXT =
  'GitLab is unavailable right now, so nothing was created. Please try again in a minute.';

/**
 * `POST /slack/interactions` and `POST /slack/options` (the Slack app's interactivity and
 * options-load URLs), signed like slash commands. Interactions are queued for the incident
 * service and acknowledged at once with an empty 200 (a submitted modal closes); options are
 * answered from the options the incident service prefetched for the open form, so Slack's
 * 3-second window never waits for GitLab. A payload that is not ours gets an empty 200 and
 * nothing runs; Slack never sees a 5xx.
 */
export async function slackInteractivityRoutes(
  app: FastifyInstance,
  options: SlackInteractivityOptions,
): Promise<void> {
  acceptFormBodies(app);
  const interactions = new Counter({
    name: 'chatops_slack_interactions_total',
    help: 'Slack interactions and options requests received, by type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [options.registry],
  });
  app.setErrorHandler((error, request, reply) => answerFailure(error, request, reply, interactions));
  const verify = slackSignatureCheck(options);

  app.post('/slack/interactions', { preHandler: verify }, async (request, reply) => {
    const interaction = parseInteraction(request.rawForm);
    const action = incidentActionOf(interaction);
    const teamId = teamOf(interaction);
    if (!action || !teamId) {
      interactions.inc({ type: interaction.type, outcome: 'ignored' });
      return reply.status(200).send();
    }
    request.isViewSubmission = interaction.type === 'view_submission';
    await options.rateLimits.team('slack', teamId, request.log);
    await options.queues.enqueue(QueueName.Incidents, {
      provider: 'slack',
      teamId,
      userId: interaction.user.id,
      ...(interaction.channel?.id ? { channelId: interaction.channel.id } : {}),
      action,
      receivedAt: new Date(options.now()).toISOString(),
      meta: { requestId: request.id },
    });
    interactions.inc({ type: interaction.type, outcome: 'accepted' });
    return reply.status(200).send();
  });

  app.post('/slack/options', { preHandler: verify }, async (request, reply) => {
    const interaction = parseInteraction(request.rawForm);
    const viewId = interaction.view?.id;
    if (interaction.type !== 'block_suggestion' || !viewId || !interaction.action_id) {
      interactions.inc({ type: interaction.type, outcome: 'ignored' });
      return reply.status(200).send({ options: [] });
    }
    const session = await options.forms.load(viewId);
    // Only the user the form was opened for sees its options (they were fetched with their rights).
    const found =
      session && session.state.userId === interaction.user.id
        ? await options.forms.matchingOptions(viewId, interaction.action_id, interaction.value ?? '')
        : [];
    interactions.inc({ type: 'block_suggestion', outcome: 'answered' });
    return reply.status(200).send({
      options: found.map((o) => ({ text: { type: 'plain_text', text: o.text.slice(0, 75) }, value: o.value })),
    });
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** A modal's submission: a failure is shown in the modal rather than as an error. */
    isViewSubmission?: boolean;
  }
}

/**
 * Bad requests keep their 4xx (a forged or stale signature is a 401; a workspace over its rate
 * limit a 429 with Retry-After, or in a modal an error saying when to submit again). When the fault is ours
 * (Redis down), Slack gets a 200: a modal's submission keeps the modal open with the reason on
 * its title; anything else is dropped, and the user can act again.
 */
function answerFailure(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  counter: Counter<'type' | 'outcome'>,
) {
  const appError = toAppError(error);
  if (appError.code === ErrorCode.RateLimited) {
    // Nothing was queued. A modal stays open and says when to submit again; a button click gets
    // the 429 (Slack marks the click as failed).
    counter.inc({ type: 'unknown', outcome: appError.code });
    const seconds = retryAfterSecondsOf(appError);
    void reply.header('retry-after', seconds);
    if (request.isViewSubmission)
      return reply.status(200).send({
        response_action: 'errors',
        errors: {
          title_input: `Too many requests from this workspace right now. Please submit again in ${seconds} s.`,
        },
      });
    return reply.status(429).send({ error: { code: appError.code, message: appError.message } });
  }
  if (appError.httpStatus < 500) {
    request.log.info({ code: appError.code, reason: appError.message }, 'slack interaction rejected');
    counter.inc({ type: 'unknown', outcome: appError.code });
    return reply.status(appError.httpStatus).send({ error: { code: appError.code, message: appError.message } });
  }
  request.log.error({ err: error, code: appError.code }, 'slack interaction could not be accepted');
  counter.inc({ type: 'unknown', outcome: 'unavailable' });
  if (request.isViewSubmission)
    return reply.status(200).send({ response_action: 'errors', errors: { title_input: SUBMIT_UNAVAILABLE_TEXT } });
  return reply.status(200).send();
}

import { type ChatPlatform } from '@chatops/chat';
import { ErrorCode } from '@chatops/errors';
import { type JobQueues, QueueName } from '@chatops/jobs';
import { toAppError } from '@chatops/runtime';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { type GatewayRateLimits, retryAfterSecondsOf } from '../rate-limits';
import { type SlashCommandForm } from './form';

/** What the user sees when we could not take the command: it did not run, and may be repeated. */
export const UNAVAILABLE_TEXT =
  'GitLab commands are unavailable right now, so nothing was done. Please try again in a minute.';

/** What the user sees when their workspace or team is over its budget: nothing ran. */
export const rateLimitedText = (provider: ChatPlatform, seconds: number) =>
  `Too many commands from this ${provider === 'slack' ? 'workspace' : 'team'} right now, so nothing was done. Please try again in ${seconds} s.`;

/** Slack's signature window: a replay of the same signed request within it is recognised. */
const REPLAY_WINDOW_MS = 5 * 60 * 1000;

export interface SlashAckOptions {
  queues: JobQueues;
  registry: Registry;
  /** Each team's request budget, taken before the command is queued. */
  rateLimits: Pick<GatewayRateLimits, 'team'>;
}

export interface SlashAcknowledger {
  commands: Counter<'provider' | 'outcome'>;
  /** Queues the command; resolves with the body to answer (undefined: an empty 200). */
  accept(request: FastifyRequest, command: AcceptedCommand): Promise<Record<string, unknown> | undefined>;
}

export interface AcceptedCommand {
  provider: ChatPlatform;
  form: SlashCommandForm;
  /** Identifies this one invocation, so a replayed request is not run twice. */
  replayKey: string | undefined;
  mattermostCommandId?: string;
}

/**
 * The part both providers share: hand the verified command to the command-handler and answer at
 * once (Slack gives us 3 s; the result follows on response_url). The answer is empty for Slack
 * (nothing is echoed until the result arrives) and an empty ephemeral JSON for Mattermost, which
 * needs a JSON body.
 */
export function createSlashAcknowledger(options: SlashAckOptions): SlashAcknowledger {
  const commands = new Counter({
    name: 'chatops_slash_commands_total',
    help: 'Slash commands received, by provider and outcome',
    labelNames: ['provider', 'outcome'],
    registers: [options.registry],
  });

  return {
    commands,
    async accept(request, command) {
      const { form, provider } = command;
      await options.rateLimits.team(provider, form.team_id, request.log);
      const result = await options.queues.enqueue(
        QueueName.Commands,
        {
          provider,
          teamId: form.team_id,
          teamDomain: form.team_domain,
          enterpriseId: form.enterprise_id,
          mattermostCommandId: command.mattermostCommandId,
          channelId: form.channel_id,
          channelName: form.channel_name,
          userId: form.user_id,
          userName: form.user_name,
          command: form.command,
          text: form.text,
          responseUrl: form.response_url,
          triggerId: form.trigger_id,
          receivedAt: new Date().toISOString(),
          meta: { requestId: request.id },
        },
        command.replayKey ? { dedupe: { key: `slash:${provider}:${command.replayKey}`, ttlMs: REPLAY_WINDOW_MS } } : {},
      );
      commands.inc({ provider, outcome: result.duplicate ? 'replayed' : 'accepted' });
      request.log.info(
        { provider, teamId: form.team_id, jobId: result.jobId, duplicate: result.duplicate },
        result.duplicate ? 'slash command replayed: ignored' : 'slash command accepted',
      );
      return provider === 'mattermost' ? { response_type: 'ephemeral', text: '' } : undefined;
    },
  };
}

/**
 * Slack and Mattermost show any 5xx to the user as a broken integration. When the fault is ours
 * (Redis or PostgreSQL down) the user gets a 200 with an ephemeral "unavailable" text instead —
 * nothing ran, so trying again is safe; so does a team over its rate limit (with Retry-After).
 * Other caller errors keep their 4xx.
 */
export function neverFailToChat(
  app: FastifyInstance,
  counter: Counter<'provider' | 'outcome'>,
  provider: ChatPlatform,
): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    // Over budget: the user sees why and when to retry (Slack shows any other status as a bare
    // failure; see docs/http.md). Nothing was queued.
    if (appError.code === ErrorCode.RateLimited) {
      counter.inc({ provider, outcome: appError.code });
      const seconds = retryAfterSecondsOf(appError);
      return reply
        .status(200)
        .header('retry-after', seconds)
        .send({ response_type: 'ephemeral', text: rateLimitedText(provider, seconds) });
    }
    if (appError.httpStatus < 500) {
      request.log.info({ code: appError.code, reason: appError.message }, 'slash command rejected');
      counter.inc({ provider, outcome: appError.code });
      const details = appError.details ? { details: appError.details } : {};
      return reply
        .status(appError.httpStatus)
        .send({ error: { code: appError.code, message: appError.message, ...details } });
    }
    request.log.error({ err: error, code: appError.code }, 'slash command could not be accepted');
    counter.inc({ provider, outcome: 'unavailable' });
    return reply.status(200).send({ response_type: 'ephemeral', text: UNAVAILABLE_TEXT });
  });
}

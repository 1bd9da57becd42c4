import { type FastifyInstance } from 'fastify';
import { InvalidJson, webhookPayload } from '../shared/body.js';
import { type FaultPlan } from '../shared/faults.js';
import { randomHex, slackId } from '../shared/ids.js';
import { type TokenBuckets } from '../shared/token-bucket.js';
import { postInbound } from './inbound-message.js';
import { type SlackState } from './slack-state.js';
import { type SlackInboundPost } from './types.js';
import { SlackApiError } from './web-api/method.js';

export interface IncomingWebhook {
  path: string;
  teamId: string;
  channelId: string;
  posts: SlackInboundPost[];
}

export interface IncomingWebhookDeps {
  state: SlackState;
  hooks: Map<string, IncomingWebhook>;
  faults: FaultPlan;
  recordCalls: boolean;
  rateLimiter(): TokenBuckets | undefined;
}

/** A new hook path, `/services/T…/B…/<secret>`, bound to one channel like Slack app webhooks are. */
export function newWebhookPath(teamId: string): string {
  return `/services/${teamId}/${slackId('B')}/${randomHex(12)}`;
}

/**
 * Incoming webhooks answer in plain text: `ok`, or an error string with a 4xx status. The
 * `channel` field of the payload is ignored, as for Slack app webhooks.
 */
export function registerIncomingWebhooks(app: FastifyInstance, deps: IncomingWebhookDeps): void {
  app.post('/services/:team/:bot/:secret', async (request, reply) => {
    const hook = deps.hooks.get(request.url.split('?')[0] ?? '');
    const payload = webhookPayload(request.body);
    const answer = (status: number, response: string) => {
      if (hook !== undefined && deps.recordCalls) {
        hook.posts.push({
          payload: payload instanceof InvalidJson ? undefined : payload,
          status,
          response,
          at: deps.state.now(),
        });
      }
      return reply.code(status).type('text/plain').send(response);
    };

    const fault = deps.faults.take(['incoming-webhook', '*']);
    if (fault !== undefined) {
      if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
      const status = fault.status ?? (fault.retryAfterSeconds !== undefined ? 429 : 500);
      return answer(status, fault.error ?? (status === 429 ? 'rate_limited' : 'internal_error'));
    }
    if (hook === undefined) return answer(404, 'no_service');
    if (payload === undefined || payload instanceof InvalidJson) return answer(400, 'invalid_payload');
    const channel = deps.state.directory.channels.get(hook.channelId);
    if (channel === undefined) return answer(404, 'channel_not_found');
    if (channel.isArchived) return answer(410, 'channel_is_archived');
    const limiter = deps.rateLimiter();
    if (limiter !== undefined) {
      const verdict = limiter.take(`${channel.teamId}:${channel.id}`);
      if (!verdict.ok) {
        reply.header('retry-after', String(verdict.retryAfterSeconds));
        return answer(429, 'rate_limited');
      }
    }
    try {
      postInbound(deps.state, channel, payload, 'incoming_webhook');
    } catch (error) {
      if (error instanceof SlackApiError) return answer(400, error.error);
      throw error;
    }
    return answer(200, 'ok');
  });
}

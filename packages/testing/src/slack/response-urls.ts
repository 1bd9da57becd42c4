import { type FastifyInstance } from 'fastify';
import { InvalidJson, webhookPayload } from '../shared/body.js';
import { type FaultPlan } from '../shared/faults.js';
import { type ResponseUrlStore } from '../shared/response-urls.js';
import { postInbound } from './inbound-message.js';
import { type SlackState } from './slack-state.js';
import { type SlackInboundPost } from './types.js';
import { messageContent } from './web-api/message-content.js';
import { SlackApiError } from './web-api/method.js';

/** Where a response_url posts: the channel of the slash command that produced it, if the test gave one. */
export interface SlackResponseContext {
  channelId: string | undefined;
}

export interface ResponseUrlDeps {
  state: SlackState;
  store: ResponseUrlStore<SlackResponseContext>;
  /** Records by URL id, including refused posts. */
  records: Map<string, SlackInboundPost[]>;
  faults: FaultPlan;
  recordCalls: boolean;
}

const REFUSAL: Readonly<Record<string, string>> = { unknown: 'no_service', used: 'used_url', expired: 'expired_url' };

/**
 * `${url}/commands/<id>`: slash command response URLs, 5 posts within 30 minutes. Only
 * `in_channel` responses become channel messages; ephemeral ones are only recorded.
 */
export function registerResponseUrls(app: FastifyInstance, deps: ResponseUrlDeps): void {
  app.post<{ Params: { id: string } }>('/commands/:id', async (request, reply) => {
    const id = request.params.id;
    const payload = webhookPayload(request.body);
    const answer = (status: number, response: string) => {
      const records = deps.records.get(id);
      if (records !== undefined && deps.recordCalls) {
        records.push({
          payload: payload instanceof InvalidJson ? undefined : payload,
          status,
          response,
          at: deps.state.now(),
        });
      }
      return reply.code(status).type('text/plain').send(response);
    };

    const fault = deps.faults.take(['response-url', '*']);
    if (fault !== undefined) {
      if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
      return answer(
        fault.status ?? (fault.retryAfterSeconds !== undefined ? 429 : 500),
        fault.error ?? 'internal_error',
      );
    }
    if (payload === undefined || payload instanceof InvalidJson) return answer(400, 'invalid_payload');
    try {
      if (payload['delete_original'] !== true) messageContent(payload);
    } catch (error) {
      if (error instanceof SlackApiError) return answer(400, error.error);
      throw error;
    }
    const use = deps.store.use(id);
    if (!use.ok) return answer(404, REFUSAL[use.reason] ?? 'no_service');
    const channel =
      use.context.channelId === undefined ? undefined : deps.state.directory.channels.get(use.context.channelId);
    if (channel !== undefined && payload['response_type'] === 'in_channel')
      postInbound(deps.state, channel, payload, 'response_url');
    return answer(200, 'ok');
  });
}

import { type FastifyInstance } from 'fastify';
import { InvalidJson, isRecord, parseJson } from '../shared/body.js';
import { type ResponseUrlStore } from '../shared/response-urls.js';
import { MattermostError, sendAppError } from './app-error.js';
import { type MattermostState } from './mattermost-state.js';
import { type MattermostInboundPost } from './types.js';

/** The slash command invocation a response URL belongs to. */
export interface MattermostResponseContext {
  channelId: string | undefined;
  userId: string | undefined;
  rootId: string;
}

export interface MattermostResponseUrlDeps {
  state: MattermostState;
  store: ResponseUrlStore<MattermostResponseContext>;
  records: Map<string, MattermostInboundPost[]>;
  recordCalls: boolean;
}

/**
 * Like Mattermost's CommandResponseFromHTTPBody: a JSON body is a command response, any other
 * body is the plain text of one.
 */
function commandResponse(body: unknown): Record<string, unknown> | InvalidJson {
  if (body instanceof InvalidJson || isRecord(body)) return body;
  if (typeof body === 'string') return { text: body };
  if (body === undefined) return {};
  const parsed = parseJson(JSON.stringify(body));
  return isRecord(parsed) ? parsed : new InvalidJson(String(body));
}

/** `${url}/hooks/commands/<id>`: delayed slash command responses, 5 uses within 30 minutes. */
export function registerMattermostResponseUrls(app: FastifyInstance, deps: MattermostResponseUrlDeps): void {
  app.post<{ Params: { id: string } }>('/hooks/commands/:id', async (request, reply) => {
    const { state } = deps;
    const id = request.params.id;
    const response = commandResponse(request.body);
    const record = (status: number, answer: string) => {
      const records = deps.records.get(id);
      if (records !== undefined && deps.recordCalls)
        records.push({
          payload: response instanceof InvalidJson ? undefined : response,
          status,
          response: answer,
          at: state.now(),
        });
    };
    const fail = (error: MattermostError) => {
      record(error.statusCode, error.id);
      return sendAppError(reply, error);
    };

    if (response instanceof InvalidJson)
      return fail(new MattermostError('app.command_webhook.handle_command_webhook.parse', 400));
    const use = deps.store.use(id);
    if (!use.ok) {
      // Expired hooks are no longer found; over-used ones fail TryUse.
      return fail(
        use.reason === 'used'
          ? new MattermostError('app.command_webhook.try_use.invalid', 400)
          : new MattermostError('app.command_webhook.get.missing', 404),
      );
    }
    const { channelId, userId, rootId } = use.context;
    const text = typeof response['text'] === 'string' ? response['text'] : '';
    if (response['response_type'] === 'in_channel' && channelId !== undefined) {
      const props = isRecord(response['props']) ? { ...response['props'] } : {};
      if (Array.isArray(response['attachments'])) props['attachments'] = response['attachments'];
      state.newPost({
        user_id: userId ?? '',
        channel_id: channelId,
        message: text,
        root_id: rootId,
        props,
        type: Array.isArray(response['attachments']) ? 'slack_attachment' : '',
      });
    }
    record(200, 'ok');
    return reply.type('text/plain').send('ok');
  });
}

import { type FastifyInstance, type FastifyReply } from 'fastify';
import { InvalidJson, webhookPayload } from '../shared/body.js';
import { MattermostError, sendAppError } from './app-error.js';
import { type MattermostState } from './mattermost-state.js';
import { MAX_POST_RUNES } from './routes/posts.js';
import { type MattermostChannel, type MattermostInboundPost } from './types.js';

export interface MattermostIncomingWebhook {
  id: string;
  teamId: string;
  channelId: string;
  userId: string;
  displayName: string;
  username: string;
  iconUrl: string;
  channelLocked: boolean;
  posts: MattermostInboundPost[];
}

export interface MattermostWebhookDeps {
  state: MattermostState;
  hooks: Map<string, MattermostIncomingWebhook>;
  recordCalls: boolean;
}

/** Mattermost splits over-long webhook text into several posts rather than refusing it. */
function splitMessage(text: string): string[] {
  const runes = [...text];
  if (runes.length <= MAX_POST_RUNES) return [text];
  const parts: string[] = [];
  for (let i = 0; i < runes.length; i += MAX_POST_RUNES) parts.push(runes.slice(i, i + MAX_POST_RUNES).join(''));
  return parts;
}

function targetChannel(state: MattermostState, hook: MattermostIncomingWebhook, requested: unknown): MattermostChannel {
  if (typeof requested !== 'string' || requested === '') {
    const channel = state.channels.get(hook.channelId);
    if (channel === undefined) throw new MattermostError('app.channel.get.existing.app_error', 404);
    return channel;
  }
  if (requested.startsWith('@')) {
    const user = [...state.users.values()].find((u) => u.username === requested.slice(1));
    if (user === undefined) throw new MattermostError('web.incoming_webhook.user.app_error', 400);
    return state.directChannel(hook.userId, user.id);
  }
  const channel = state.channelByName(hook.teamId, requested.startsWith('#') ? requested.slice(1) : requested);
  if (channel === undefined) throw new MattermostError('web.incoming_webhook.channel.app_error', 404);
  return channel;
}

/** `${url}/hooks/<id>`: Mattermost incoming webhooks, following HandleIncomingWebhook's checks in order. */
export function registerMattermostWebhooks(app: FastifyInstance, deps: MattermostWebhookDeps): void {
  app.post<{ Params: { id: string } }>('/hooks/:id', async (request, reply) => {
    const { state } = deps;
    const hook = deps.hooks.get(request.params.id);
    const payload = webhookPayload(request.body);
    const record = (status: number, response: string) => {
      if (hook === undefined || !deps.recordCalls) return;
      hook.posts.push({
        payload: payload instanceof InvalidJson ? undefined : payload,
        status,
        response,
        at: state.now(),
      });
    };
    const fail = (error: MattermostError): FastifyReply => {
      record(error.statusCode, error.id);
      return sendAppError(reply, error);
    };

    if (payload === undefined || payload instanceof InvalidJson)
      return fail(new MattermostError('web.incoming_webhook.parse.app_error', 400));
    const text = typeof payload['text'] === 'string' ? payload['text'] : '';
    const attachments = Array.isArray(payload['attachments']) ? payload['attachments'] : undefined;
    // Mattermost checks for text before it even looks the hook up.
    if (text === '' && attachments === undefined)
      return fail(new MattermostError('web.incoming_webhook.text.app_error', 400));
    if (hook === undefined) return fail(new MattermostError('web.incoming_webhook.invalid.app_error', 400));
    let channel: MattermostChannel;
    try {
      channel = targetChannel(state, hook, payload['channel']);
    } catch (error) {
      if (error instanceof MattermostError) return fail(error);
      throw error;
    }
    if (hook.channelLocked && channel.id !== hook.channelId)
      return fail(new MattermostError('web.incoming_webhook.channel_locked.app_error', 403));
    if (channel.type !== 'O' && !channel.members.has(hook.userId))
      return fail(new MattermostError('web.incoming_webhook.permissions.app_error', 403));

    const props: Record<string, unknown> =
      typeof payload['props'] === 'object' && payload['props'] !== null ? { ...payload['props'] } : {};
    props['from_webhook'] = 'true';
    props['webhook_display_name'] = hook.displayName;
    const username =
      typeof payload['username'] === 'string' && payload['username'] !== '' ? payload['username'] : hook.username;
    if (username !== '') props['override_username'] = username;
    const iconUrl =
      typeof payload['icon_url'] === 'string' && payload['icon_url'] !== '' ? payload['icon_url'] : hook.iconUrl;
    if (iconUrl !== '') props['override_icon_url'] = iconUrl;
    if (attachments !== undefined && attachments.length > 0) props['attachments'] = attachments;
    const type =
      attachments !== undefined && attachments.length > 0
        ? 'slack_attachment'
        : typeof payload['type'] === 'string'
          ? payload['type']
          : '';
    for (const part of splitMessage(text))
      state.newPost({ user_id: hook.userId, channel_id: channel.id, message: part, props, type });
    record(200, 'ok');
    return reply.type('text/plain').send('ok');
  });
}

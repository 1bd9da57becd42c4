import { type FastifyInstance } from 'fastify';
import { isRecord } from '../../shared/body.js';
import { mattermostId } from '../../shared/ids.js';
import { MattermostError } from '../app-error.js';
import { type MattermostState } from '../mattermost-state.js';
import { type MattermostPost } from '../types.js';
import { requireUser } from './auth.js';

/** Mattermost refuses posts longer than this many characters (runes). */
export const MAX_POST_RUNES = 16_383;

function runeLength(text: string): number {
  let n = 0;
  for (const _char of text) n += 1;
  return n;
}

function visiblePost(state: MattermostState, userId: string, postId: string): MattermostPost {
  const post = state.posts.get(postId);
  const channel = post === undefined ? undefined : state.channels.get(post.channel_id);
  if (post === undefined || post.delete_at !== 0 || channel === undefined)
    throw new MattermostError('app.post.get.app_error', 404);
  if (!state.canRead(userId, channel)) throw MattermostError.permission();
  return post;
}

/** Post.GenerateActionIds: attachment actions without an id get one, so clients can trigger them. */
function generateActionIds(props: Record<string, unknown>): void {
  const attachments = Array.isArray(props['attachments']) ? props['attachments'] : [];
  for (const attachment of attachments) {
    const actions = isRecord(attachment) && Array.isArray(attachment['actions']) ? attachment['actions'] : [];
    for (const action of actions) if (isRecord(action) && !action['id']) action['id'] = mattermostId();
  }
}

/** Create, read, patch and delete posts; threads via root_id. */
export function registerPostRoutes(app: FastifyInstance, state: MattermostState): void {
  app.post('/api/v4/posts', async (request, reply) => {
    const user = requireUser(state, request);
    const body = request.body;
    if (!isRecord(body) || typeof body['channel_id'] !== 'string' || body['channel_id'] === '')
      throw MattermostError.invalidBody('post');
    const channel = state.channels.get(body['channel_id']);
    if (channel === undefined || !state.canPost(user.id, channel)) throw MattermostError.permission();
    if (channel.deleteAt !== 0) throw new MattermostError('api.post.create_post.can_not_post_to_deleted.error', 400);
    const message = typeof body['message'] === 'string' ? body['message'] : '';
    if (runeLength(message) > MAX_POST_RUNES)
      throw new MattermostError('model.post.is_valid.msg.app_error', 400, `id=, length=${runeLength(message)}`);
    const rootId = typeof body['root_id'] === 'string' ? body['root_id'] : '';
    if (rootId !== '') {
      const root = state.posts.get(rootId);
      if (root === undefined || root.channel_id !== channel.id || root.root_id !== '' || root.delete_at !== 0) {
        throw new MattermostError('api.post.create_post.root_id.app_error', 400);
      }
    }
    const props = isRecord(body['props']) ? { ...body['props'] } : {};
    generateActionIds(props);
    if (user.isBot) props['from_bot'] = 'true';
    const post = state.newPost({
      user_id: user.id,
      channel_id: channel.id,
      message,
      root_id: rootId,
      props,
      type: typeof body['type'] === 'string' ? body['type'] : '',
      pending_post_id: typeof body['pending_post_id'] === 'string' ? body['pending_post_id'] : '',
    });
    return reply.code(201).send(post);
  });

  app.get<{ Params: { id: string } }>('/api/v4/posts/:id', async (request) => {
    const user = requireUser(state, request);
    return visiblePost(state, user.id, request.params.id);
  });

  app.put<{ Params: { id: string } }>('/api/v4/posts/:id/patch', async (request) => {
    const user = requireUser(state, request);
    const post = visiblePost(state, user.id, request.params.id);
    if (post.user_id !== user.id && !state.hasRole(user.id, 'system_admin')) throw MattermostError.permission();
    const patch = request.body;
    if (!isRecord(patch)) throw MattermostError.invalidBody('post');
    const now = state.millis();
    if (typeof patch['message'] === 'string' && patch['message'] !== post.message) {
      if (runeLength(patch['message']) > MAX_POST_RUNES)
        throw new MattermostError('model.post.is_valid.msg.app_error', 400);
      post.message = patch['message'];
      post.edit_at = now;
    }
    if (isRecord(patch['props'])) post.props = { ...patch['props'] };
    if (typeof patch['is_pinned'] === 'boolean') post.is_pinned = patch['is_pinned'];
    post.update_at = now;
    return post;
  });

  app.delete<{ Params: { id: string } }>('/api/v4/posts/:id', async (request) => {
    const user = requireUser(state, request);
    const post = visiblePost(state, user.id, request.params.id);
    if (post.user_id !== user.id && !state.hasRole(user.id, 'system_admin')) throw MattermostError.permission();
    post.delete_at = state.millis();
    return { status: 'OK' };
  });
}

import { isRecord } from '../../shared/body.js';
import { randomHex, slackId } from '../../shared/ids.js';
import { type SlackView } from '../types.js';
import { initialState, normalizeBlocks } from '../view-state.js';
import { checkBlocks } from './message-content.js';
import { optionalString, requiredString, SlackApiError, type SlackMethod, type TokenContext } from './method.js';

/** Slack gives an app 3 seconds to exchange a trigger_id for a modal. */
export const TRIGGER_TTL_MS = 3_000;
const MAX_VIEW_BLOCKS = 100;
/** views.push may add at most two views on top of the root modal. */
const MAX_STACK = 3;

function viewPayload(ctx: TokenContext, expectedType?: string): Record<string, unknown> {
  const view = ctx.params['view'];
  if (!isRecord(view))
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] missing required field: view'] },
    });
  const type = view['type'];
  if (typeof type !== 'string' || (expectedType !== undefined && type !== expectedType)) {
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] invalid view type [json-pointer:/view/type]'] },
    });
  }
  if (view['blocks'] !== undefined && !Array.isArray(view['blocks'])) throw new SlackApiError('invalid_arguments');
  checkBlocks((view['blocks'] as unknown[] | undefined) ?? [], MAX_VIEW_BLOCKS, 'invalid_arguments');
  normalizeBlocks(view);
  return view;
}

/** Checks and consumes a trigger_id the way views.open and views.push do. */
function exchangeTrigger(ctx: TokenContext): { viewId: string | undefined } {
  const triggerId = requiredString(ctx.params, 'trigger_id', 'invalid_trigger_id');
  const trigger = ctx.state.triggers.get(triggerId);
  if (trigger === undefined || trigger.teamId !== ctx.workspace.teamId) throw new SlackApiError('invalid_trigger_id');
  if (trigger.exchanged) throw new SlackApiError('exchanged_trigger_id');
  if (ctx.state.now() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackApiError('expired_trigger_id');
  trigger.exchanged = true;
  return { viewId: trigger.viewId };
}

/** Stores a new view (views.open/push/publish, or a view_submission answered with `push`). */
export function storeView(
  ctx: { state: TokenContext['state']; workspace: { teamId: string } },
  view: Record<string, unknown>,
  opened: SlackView['opened_by'],
  previous?: SlackView,
): SlackView {
  const externalId = typeof view['external_id'] === 'string' ? view['external_id'] : '';
  if (externalId !== '') {
    for (const existing of ctx.state.views.values()) {
      if (existing.team_id === ctx.workspace.teamId && existing.external_id === externalId)
        throw new SlackApiError('duplicate_external_id');
    }
  }
  const id = slackId('V');
  const stored: SlackView = {
    id,
    team_id: ctx.workspace.teamId,
    type: String(view['type']),
    view,
    hash: `${Math.floor(ctx.state.now() / 1000)}.${randomHex(4)}`,
    external_id: externalId,
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: previous?.id ?? null,
    opened_by: opened,
    state_values: initialState(view['blocks']),
    closed: false,
  };
  ctx.state.views.set(id, stored);
  return stored;
}

/** New contents for a view: values the user entered survive where the block and action ids stay the same. */
export function replaceView(existing: SlackView, view: Record<string, unknown>): void {
  const previous = existing.state_values;
  const next = initialState(view['blocks']);
  for (const [blockId, actions] of Object.entries(next)) {
    for (const actionId of Object.keys(actions)) {
      const kept = previous[blockId]?.[actionId];
      if (kept !== undefined) actions[actionId] = kept;
    }
  }
  existing.view = view;
  existing.type = String(view['type']);
  existing.state_values = next;
}

/** The view object Slack returns: the app's payload plus the fields Slack fills in. */
export function viewJson(
  ctx: { workspace: { appId: string; botId: string } },
  view: SlackView,
): Record<string, unknown> {
  return {
    private_metadata: '',
    callback_id: '',
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    blocks: [],
    ...view.view,
    id: view.id,
    team_id: view.team_id,
    type: view.type,
    state: { values: view.state_values },
    hash: view.hash,
    external_id: view.external_id,
    root_view_id: view.root_view_id,
    previous_view_id: view.previous_view_id,
    app_id: ctx.workspace.appId,
    app_installed_team_id: view.team_id,
    bot_id: ctx.workspace.botId,
  };
}

function findView(ctx: TokenContext): SlackView {
  const viewId = optionalString(ctx.params, 'view_id');
  const externalId = optionalString(ctx.params, 'external_id');
  if (viewId === undefined && externalId === undefined) throw new SlackApiError('invalid_arguments');
  for (const view of ctx.state.views.values()) {
    if (view.team_id !== ctx.workspace.teamId || view.closed) continue;
    if (viewId !== undefined ? view.id === viewId : view.external_id === externalId) return view;
  }
  throw new SlackApiError('not_found');
}

const open: SlackMethod = {
  auth: 'token',
  run(ctx) {
    const view = viewPayload(ctx, 'modal');
    exchangeTrigger(ctx);
    return { ok: true, view: viewJson(ctx, storeView(ctx, view, 'views.open')) };
  },
};

const push: SlackMethod = {
  auth: 'token',
  run(ctx) {
    const view = viewPayload(ctx, 'modal');
    const { viewId } = exchangeTrigger(ctx);
    const parent = viewId === undefined ? undefined : ctx.state.views.get(viewId);
    if (parent !== undefined) {
      const stackSize = [...ctx.state.views.values()].filter((v) => v.root_view_id === parent.root_view_id).length;
      if (stackSize >= MAX_STACK) throw new SlackApiError('push_limit_reached');
    }
    return { ok: true, view: viewJson(ctx, storeView(ctx, view, 'views.push', parent)) };
  },
};

const update: SlackMethod = {
  auth: 'token',
  run(ctx) {
    const existing = findView(ctx);
    const hash = optionalString(ctx.params, 'hash');
    if (hash !== undefined && hash !== existing.hash) throw new SlackApiError('hash_conflict');
    const view = viewPayload(ctx);
    replaceView(existing, view);
    existing.hash = `${Math.floor(ctx.state.now() / 1000)}.${randomHex(4)}`;
    return { ok: true, view: viewJson(ctx, existing) };
  },
};

const publish: SlackMethod = {
  auth: 'token',
  run(ctx) {
    const userId = requiredString(ctx.params, 'user_id', 'invalid_arguments');
    if (!ctx.workspace.users.has(userId)) throw new SlackApiError('user_not_found');
    const view = viewPayload(ctx, 'home');
    const key = `${ctx.workspace.teamId}:${userId}`;
    const previousId = ctx.state.homeViews.get(key);
    if (previousId !== undefined) ctx.state.views.delete(previousId);
    const stored = storeView(ctx, view, 'views.publish');
    stored.user_id = userId;
    ctx.state.homeViews.set(key, stored.id);
    return { ok: true, view: viewJson(ctx, stored) };
  },
};

export const viewMethods: Record<string, SlackMethod> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};

import { randomBytes } from 'node:crypto';
import { type FastifyInstance } from 'fastify';
import { isRecord, parseJson } from '../shared/body.js';
import { mattermostId } from '../shared/ids.js';
import { MattermostError } from './app-error.js';
import { checkSubmission, dialogProblems } from './dialog-validation.js';
import { type MattermostState } from './mattermost-state.js';
import { requireUser } from './routes/auth.js';
import { type MattermostAppAnswer, type MattermostDialog, type MattermostPost } from './types.js';

interface TriggerGrant {
  userId: string;
  channelId: string;
  teamId: string;
  issuedAt: number;
}

export interface InteractiveOptions {
  /**
   * How long a trigger id stays valid. Mattermost up to 9.x: 3 s; newer servers use
   * OutgoingIntegrationRequestsTimeout (30 s by default). The fake keeps the stricter 3 s.
   */
  triggerTtlMs: number;
  /** Mattermost only logs invalid dialogs; `reject` (the default) refuses them so tests notice. */
  dialogValidation: 'reject' | 'warn';
}

// Mattermost's outgoing integration request timeout (OutgoingIntegrationRequestsTimeout, 30 s).
const APP_TIMEOUT_MS = 30_000;

/**
 * Interactive dialogs and message buttons: trigger ids (signed and short-lived in Mattermost; issued
 * and remembered here), dialogs/open, and the requests the server makes to the app when a user
 * submits a dialog or clicks a button.
 */
export class MattermostInteractive {
  readonly dialogs = new Map<string, MattermostDialog>();
  private readonly triggers = new Map<string, TriggerGrant>();

  constructor(
    private readonly state: MattermostState,
    private readonly options: InteractiveOptions,
  ) {}

  /** Mattermost's trigger id: base64 of `<client id>:<user id>:<millis>:<signature>`. */
  issueTrigger(userId: string, context: { channelId?: string; teamId?: string } = {}): string {
    if (!this.state.users.has(userId)) throw new Error(`unknown Mattermost user ${userId}`);
    const issuedAt = this.state.now();
    const signature = randomBytes(24).toString('base64');
    const id = Buffer.from(`${mattermostId()}:${userId}:${issuedAt}:${signature}`).toString('base64');
    const channel = context.channelId === undefined ? undefined : this.state.channels.get(context.channelId);
    this.triggers.set(id, {
      userId,
      channelId: context.channelId ?? '',
      teamId: context.teamId ?? channel?.teamId ?? '',
      issuedAt,
    });
    return id;
  }

  /** DecodeAndVerifyTriggerId's checks, in its order. */
  private verifyTrigger(triggerId: string): TriggerGrant {
    const decoded = Buffer.from(triggerId, 'base64').toString('utf8');
    if (triggerId === '' || Buffer.from(decoded, 'utf8').toString('base64') !== triggerId)
      throw new MattermostError('interactive_message.decode_trigger_id.base64_decode_failed', 400);
    const parts = decoded.split(':');
    if (parts.length !== 4) throw new MattermostError('interactive_message.decode_trigger_id.missing_data', 400);
    if (this.state.now() - Number(parts[2]) > this.options.triggerTtlMs) {
      throw new MattermostError('interactive_message.decode_trigger_id.expired', 400, '', {
        Seconds: String(this.options.triggerTtlMs / 1000),
      });
    }
    const grant = this.triggers.get(triggerId);
    if (grant === undefined)
      throw new MattermostError('interactive_message.decode_trigger_id.verify_signature_failed', 400);
    return grant;
  }

  open(body: unknown): MattermostDialog {
    if (!isRecord(body)) throw MattermostError.invalidBody('dialog');
    const url = typeof body['url'] === 'string' ? body['url'] : '';
    if (url === '') throw MattermostError.invalidBody('url');
    const grant = this.verifyTrigger(typeof body['trigger_id'] === 'string' ? body['trigger_id'] : '');
    const problems = dialogProblems(body);
    if (problems.length > 0 && this.options.dialogValidation === 'reject')
      throw new MattermostError('api.fake.dialog_invalid.app_error', 400, '', { Problems: problems.join('; ') });
    const dialog: MattermostDialog = {
      id: mattermostId(),
      url,
      userId: grant.userId,
      channelId: grant.channelId,
      teamId: grant.teamId,
      dialog: isRecord(body['dialog']) ? body['dialog'] : {},
      problems,
      status: 'open',
      errors: {},
      error: undefined,
      openedAt: this.state.now(),
    };
    this.dialogs.set(dialog.id, dialog);
    return dialog;
  }

  /** The user submits (or cancels) a dialog: the server POSTs the submission to the dialog's URL. */
  async submit(
    dialogId: string,
    userId: string,
    submission: Record<string, unknown>,
    cancelled: boolean,
  ): Promise<MattermostAppAnswer | undefined> {
    const dialog = this.dialogs.get(dialogId);
    if (dialog === undefined || dialog.status !== 'open') throw new Error(`no open dialog ${dialogId}`);
    if (dialog.userId !== userId) throw new Error(`dialog ${dialogId} was opened for ${dialog.userId}, not ${userId}`);
    if (cancelled) {
      dialog.status = 'cancelled';
      if (dialog.dialog['notify_on_cancel'] !== true) return undefined;
    }
    const values = cancelled ? {} : checkSubmission(dialog.dialog, submission);
    const answer = await this.post(dialog.url, {
      type: 'dialog_submission',
      callback_id: dialog.dialog['callback_id'] ?? '',
      state: dialog.dialog['state'] ?? '',
      user_id: userId,
      channel_id: dialog.channelId,
      team_id: dialog.teamId,
      submission: values,
      cancelled,
    });
    if (cancelled) return answer;
    const body = isRecord(answer.body) ? answer.body : {};
    dialog.errors = isRecord(body['errors'])
      ? Object.fromEntries(Object.entries(body['errors']).map(([k, v]) => [k, String(v)]))
      : {};
    dialog.error = typeof body['error'] === 'string' && body['error'] !== '' ? body['error'] : undefined;
    // The dialog closes unless the app answered with errors (or the request failed).
    if (answer.status >= 200 && answer.status < 300 && Object.keys(dialog.errors).length === 0 && !dialog.error)
      dialog.status = 'submitted';
    return answer;
  }

  /** DoPostAction: a click on a message button (or a pick in a message menu) by `userId`. */
  async doAction(
    postId: string,
    actionId: string,
    userId: string,
    selectedOption = '',
  ): Promise<{ answer: MattermostAppAnswer; triggerId: string; post: MattermostPost }> {
    const post = this.state.posts.get(postId);
    const channel = post === undefined ? undefined : this.state.channels.get(post.channel_id);
    if (post === undefined || channel === undefined || post.delete_at !== 0)
      throw new MattermostError('app.post.get.app_error', 404);
    if (!this.state.canRead(userId, channel)) throw MattermostError.permission();
    const attachments = Array.isArray(post.props['attachments']) ? post.props['attachments'].filter(isRecord) : [];
    const action = attachments
      .flatMap((a) => (Array.isArray(a['actions']) ? a['actions'].filter(isRecord) : []))
      .find((a) => a['id'] === actionId);
    const integration = isRecord(action?.['integration']) ? action['integration'] : undefined;
    if (action === undefined || integration === undefined || typeof integration['url'] !== 'string')
      throw new MattermostError('api.post.do_action.action_id.app_error', 404);
    const user = this.state.users.get(userId);
    const team = this.state.teams.get(channel.teamId);
    const triggerId = this.issueTrigger(userId, { channelId: channel.id, teamId: channel.teamId });
    const context = isRecord(integration['context']) ? { ...integration['context'] } : {};
    if (selectedOption !== '') context['selected_option'] = selectedOption;
    const answer = await this.post(integration['url'], {
      user_id: userId,
      user_name: user?.username ?? '',
      channel_id: channel.id,
      channel_name: channel.name,
      team_id: channel.teamId,
      team_domain: team?.name ?? '',
      post_id: post.id,
      trigger_id: triggerId,
      type: typeof action['type'] === 'string' ? action['type'] : 'button',
      data_source: typeof action['data_source'] === 'string' ? action['data_source'] : '',
      context,
    });
    if (answer.status < 200 || answer.status >= 300)
      throw new MattermostError('api.post.do_action.action_integration.app_error', 400, `status=${answer.status}`);
    // PostActionIntegrationResponse.update replaces the post's message and props.
    const update = isRecord(answer.body) && isRecord(answer.body['update']) ? answer.body['update'] : undefined;
    if (update !== undefined) {
      if (typeof update['message'] === 'string') post.message = update['message'];
      if (isRecord(update['props'])) post.props = { ...update['props'] };
      post.update_at = this.state.millis();
      post.edit_at = post.update_at;
    }
    return { answer, triggerId, post };
  }

  registerRoutes(app: FastifyInstance): void {
    // APIHandler, not APISessionRequired: integrations open dialogs with the trigger id alone.
    app.post('/api/v4/actions/dialogs/open', async (request) => {
      this.open(request.body);
      return { status: 'OK' };
    });

    app.post('/api/v4/actions/dialogs/submit', async (request) => {
      const user = requireUser(this.state, request);
      const body = isRecord(request.body) ? request.body : {};
      const dialog = [...this.dialogs.values()].find(
        (d) => d.status === 'open' && d.userId === user.id && d.url === body['url'],
      );
      if (dialog === undefined) throw MattermostError.invalidBody('url');
      const submission = isRecord(body['submission']) ? body['submission'] : {};
      const answer = await this.submit(dialog.id, user.id, submission, body['cancelled'] === true);
      return isRecord(answer?.body) ? answer.body : {};
    });

    app.post<{ Params: { postId: string; actionId: string } }>(
      '/api/v4/posts/:postId/actions/:actionId',
      async (request) => {
        const user = requireUser(this.state, request);
        const body = isRecord(request.body) ? request.body : {};
        const selected = typeof body['selected_option'] === 'string' ? body['selected_option'] : '';
        const { triggerId } = await this.doAction(request.params.postId, request.params.actionId, user.id, selected);
        return { status: 'OK', trigger_id: triggerId };
      },
    );
  }

  clear(): void {
    this.dialogs.clear();
    this.triggers.clear();
  }

  private async post(url: string, payload: Record<string, unknown>): Promise<MattermostAppAnswer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(APP_TIMEOUT_MS),
    });
    const text = await response.text();
    const parsed = text.trim() === '' ? '' : parseJson(text);
    return { status: response.status, body: isRecord(parsed) ? parsed : text };
  }
}

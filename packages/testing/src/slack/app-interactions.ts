import { createHmac } from 'node:crypto';
import { isRecord, parseJson } from '../shared/body.js';
import { randomHex, slackId } from '../shared/ids.js';
import { type SlackWorkspace } from './slack-directory.js';
import { type SlackState } from './slack-state.js';
import { type SlackView } from './types.js';
import { findElement, isFilled, type SlackInputValue, stateValue, viewElements } from './view-state.js';
import { replaceView, storeView, viewJson } from './web-api/views.js';

/** Where Slack sends an app's interactions, options requests and events, and how it signs them. */
export interface SlackAppConfig {
  signingSecret: string;
  /** Interactivity Request URL: block_actions, view_submission, view_closed. */
  interactivityUrl?: string;
  /** Select Menus Options Load URL: block_suggestion. */
  optionsUrl?: string;
  /** Event Subscriptions Request URL: event_callback, url_verification. */
  eventsUrl?: string;
  /** The legacy verification token Slack still puts in payloads (`token`). */
  verificationToken?: string;
}

/** What the app answered; `body` is parsed JSON when it was JSON, else the text ('' when empty). */
export interface SlackAppAnswer {
  status: number;
  body: unknown;
  /** For view_submission: the `response_action` the fake applied (`close` for an empty answer). */
  responseAction?: 'close' | 'errors' | 'update' | 'push' | 'clear' | 'invalid';
  /** The modal stays open showing these per-block errors (response_action `errors`). */
  errors?: Record<string, string>;
  /** A view pushed by `response_action: push`. */
  pushedView?: SlackView;
}

/** One request the fake sent to the app, for tests that check what went out. */
export interface SlackAppRequest {
  kind: string;
  url: string;
  payload: Record<string, unknown>;
  status: number;
  body: unknown;
}

// Slack gives an app 3 seconds to acknowledge an interaction or event.
const APP_TIMEOUT_MS = 3_000;

/** The `v0=` signature Slack puts in X-Slack-Signature. */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * Plays the user's side of Slack's interactive surfaces: builds the payloads Slack posts to the app
 * (form-encoded `payload=<json>`, or JSON for events), signs them with the app's signing secret,
 * and applies what the app answers to the fake's views.
 */
export class SlackAppInteractions {
  app: SlackAppConfig | undefined;
  readonly sent: SlackAppRequest[] = [];

  constructor(
    private readonly state: SlackState,
    private readonly issueTrigger: (teamId: string, userId: string, viewId?: string) => string,
  ) {}

  async submitView(viewId: string, userId: string, values: Record<string, Record<string, SlackInputValue>>) {
    const view = this.openView(viewId);
    const blocks = view.view['blocks'];
    for (const [blockId, actions] of Object.entries(values)) {
      for (const [actionId, input] of Object.entries(actions)) {
        const { element } = findElement(blocks, blockId, actionId);
        (view.state_values[blockId] ??= {})[actionId] = stateValue(element, input);
      }
    }
    for (const e of viewElements(blocks)) {
      if (e.required && !isFilled(view.state_values[e.blockId]?.[e.actionId]))
        throw new Error(`required input ${e.blockId}/${e.actionId} is empty: Slack would not let the user submit`);
    }
    const answer = await this.post('view_submission', this.url('interactivityUrl'), {
      ...this.common(view.team_id, userId),
      trigger_id: this.issueTrigger(view.team_id, userId, view.id),
      view: this.viewPayload(view),
      response_urls: [],
    });
    return this.applySubmission(view, answer);
  }

  async closeView(viewId: string, userId: string): Promise<SlackAppAnswer | undefined> {
    const view = this.openView(viewId);
    view.closed = true;
    if (view.view['notify_on_close'] !== true) return undefined;
    return this.post('view_closed', this.url('interactivityUrl'), {
      ...this.common(view.team_id, userId),
      view: this.viewPayload(view),
      is_cleared: false,
    });
  }

  async selectInView(
    viewId: string,
    userId: string,
    target: { blockId?: string; actionId: string; selectedOption: SlackInputValue },
  ): Promise<SlackAppAnswer> {
    const view = this.openView(viewId);
    const found = findElement(view.view['blocks'], target.blockId, target.actionId);
    const value = stateValue(found.element, target.selectedOption);
    (view.state_values[found.blockId] ??= {})[found.actionId] = value;
    return this.post('block_actions', this.url('interactivityUrl'), {
      ...this.common(view.team_id, userId),
      container: { type: 'view', view_id: view.id },
      trigger_id: this.issueTrigger(view.team_id, userId, view.id),
      view: this.viewPayload(view),
      actions: [{ ...value, action_id: found.actionId, block_id: found.blockId, action_ts: this.actionTs() }],
    });
  }

  async requestOptions(
    viewId: string,
    userId: string,
    target: { blockId?: string; actionId: string; value: string },
  ): Promise<SlackAppAnswer> {
    const view = this.openView(viewId);
    const found = findElement(view.view['blocks'], target.blockId, target.actionId);
    if (!String(found.element['type']).includes('external_select'))
      throw new Error(`${found.actionId} is a ${String(found.element['type'])}: Slack only asks for external options`);
    return this.post('block_suggestion', this.url('optionsUrl'), {
      ...this.common(view.team_id, userId),
      container: { type: 'view', view_id: view.id },
      action_id: found.actionId,
      block_id: found.blockId,
      value: target.value,
      view: this.viewPayload(view),
    });
  }

  async clickButton(
    message: { teamId: string; channel: { id: string; name: string }; ts: string; ephemeral: boolean; blocks: unknown },
    message_json: Record<string, unknown> | undefined,
    userId: string,
    target: { blockId?: string; actionId: string },
    responseUrl: string,
  ): Promise<SlackAppAnswer> {
    const found = findElement(message.blocks, target.blockId, target.actionId);
    const el = found.element;
    return this.post('block_actions', this.url('interactivityUrl'), {
      ...this.common(message.teamId, userId),
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel.id,
        is_ephemeral: message.ephemeral,
      },
      trigger_id: this.issueTrigger(message.teamId, userId),
      channel: message.channel,
      ...(message_json === undefined ? {} : { message: message_json }),
      state: { values: {} },
      response_url: responseUrl,
      actions: [
        {
          action_id: found.actionId,
          block_id: found.blockId,
          text: el['text'],
          ...(el['value'] === undefined ? {} : { value: el['value'] }),
          ...(el['style'] === undefined ? {} : { style: el['style'] }),
          type: String(el['type']),
          action_ts: this.actionTs(),
        },
      ],
    });
  }

  async sendEvent(teamId: string, event: Record<string, unknown>): Promise<SlackAppAnswer> {
    const workspace = this.state.directory.workspace(teamId);
    const seconds = Math.floor(this.state.now() / 1000);
    return this.post(
      'event_callback',
      this.url('eventsUrl'),
      {
        token: this.token(),
        team_id: teamId,
        api_app_id: workspace.appId,
        event: { event_ts: `${seconds}.${randomHex(3)}`, ...event },
        type: 'event_callback',
        event_id: slackId('Ev'),
        event_time: seconds,
        authorizations: [
          {
            enterprise_id: null,
            team_id: teamId,
            user_id: workspace.botUserId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
        event_context: `4-${randomHex(16)}`,
      },
      'json',
    );
  }

  async urlVerification(): Promise<SlackAppAnswer & { challenge: string }> {
    const challenge = randomHex(24);
    const answer = await this.post(
      'url_verification',
      this.url('eventsUrl'),
      { token: this.token(), challenge, type: 'url_verification' },
      'json',
    );
    return { ...answer, challenge };
  }

  clear(): void {
    this.app = undefined;
    this.sent.length = 0;
  }

  private openView(viewId: string): SlackView {
    const view = this.state.views.get(viewId);
    if (view === undefined || view.closed) throw new Error(`no open view ${viewId}`);
    return view;
  }

  private workspace(teamId: string): SlackWorkspace {
    return this.state.directory.workspace(teamId);
  }

  private viewPayload(view: SlackView): Record<string, unknown> {
    return viewJson({ workspace: this.workspace(view.team_id) }, view);
  }

  /** The fields every interaction payload carries: team, user, app, token. */
  private common(teamId: string, userId: string): Record<string, unknown> {
    const workspace = this.workspace(teamId);
    const user = workspace.users.get(userId);
    if (user === undefined) throw new Error(`unknown Slack user ${userId} in ${teamId}`);
    return {
      team: { id: teamId, domain: workspace.domain },
      user: { id: user.id, username: user.name, name: user.name, team_id: teamId },
      api_app_id: workspace.appId,
      token: this.token(),
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  private actionTs(): string {
    return `${(this.state.now() / 1000).toFixed(6)}`;
  }

  private token(): string {
    return this.app?.verificationToken ?? 'fakeverificationtoken0000';
  }

  private url(key: 'interactivityUrl' | 'optionsUrl' | 'eventsUrl'): string {
    const url = this.app?.[key];
    if (url === undefined) throw new Error(`setApp({ ${key} }) first: Slack has nowhere to send this`);
    return url;
  }

  private applySubmission(view: SlackView, answer: SlackAppAnswer): SlackAppAnswer {
    if (answer.status !== 200) return { ...answer, responseAction: 'invalid' };
    const body = isRecord(answer.body) ? answer.body : {};
    const action = body['response_action'];
    const workspace = this.workspace(view.team_id);
    if (action === undefined && (answer.body === '' || Object.keys(body).length === 0)) {
      view.closed = true;
      return { ...answer, responseAction: 'close' };
    }
    if (action === 'errors' && isRecord(body['errors'])) {
      const inputs = new Set(
        viewElements(view.view['blocks'])
          .filter((e) => e.blockType === 'input')
          .map((e) => e.blockId),
      );
      const errors = Object.fromEntries(Object.entries(body['errors']).map(([k, v]) => [k, String(v)]));
      // Slack refuses errors for blocks that are not input blocks of the view (the user sees a generic failure).
      if (!Object.keys(errors).every((blockId) => inputs.has(blockId))) return { ...answer, responseAction: 'invalid' };
      return { ...answer, responseAction: 'errors', errors };
    }
    if ((action === 'update' || action === 'push') && isRecord(body['view'])) {
      const next = body['view'];
      if (action === 'update') {
        replaceView(view, next);
        return { ...answer, responseAction: 'update' };
      }
      const pushed = storeView({ state: this.state, workspace }, next, 'views.push', view);
      return { ...answer, responseAction: 'push', pushedView: pushed };
    }
    if (action === 'clear') {
      for (const other of this.state.views.values()) if (other.root_view_id === view.root_view_id) other.closed = true;
      return { ...answer, responseAction: 'clear' };
    }
    return { ...answer, responseAction: 'invalid' };
  }

  private async post(
    kind: string,
    url: string,
    payload: Record<string, unknown>,
    encoding: 'form' | 'json' = 'form',
  ): Promise<SlackAppAnswer> {
    const app = this.app;
    if (app === undefined) throw new Error('setApp() first');
    const full = encoding === 'form' ? { type: kind, ...payload } : payload;
    const body =
      encoding === 'form' ? new URLSearchParams({ payload: JSON.stringify(full) }).toString() : JSON.stringify(full);
    const timestamp = String(Math.floor(this.state.now() / 1000));
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': slackSignature(app.signingSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(APP_TIMEOUT_MS),
    });
    const text = await response.text();
    const parsed = text.trim() === '' ? '' : parseJson(text);
    const answerBody = parsed === '' || isRecord(parsed) || Array.isArray(parsed) ? parsed : text;
    this.sent.push({ kind, url, payload: full, status: response.status, body: answerBody });
    return { status: response.status, body: answerBody };
  }
}

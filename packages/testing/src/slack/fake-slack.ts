import { type FastifyInstance } from 'fastify';
import { CallLog } from '../shared/call-log.js';
import { FakeHttpServer, type FakeServerOptions } from '../shared/fake-http-server.js';
import { FaultPlan, type FaultSpec } from '../shared/faults.js';
import { randomHex } from '../shared/ids.js';
import { RESPONSE_URL_LIMITS, ResponseUrlStore } from '../shared/response-urls.js';
import { type RateLimit, TokenBuckets } from '../shared/token-bucket.js';
import {
  type SlackAppAnswer,
  type SlackAppConfig,
  SlackAppInteractions,
  type SlackAppRequest,
} from './app-interactions.js';
import { type IncomingWebhook, newWebhookPath, registerIncomingWebhooks } from './incoming-webhooks.js';
import { type InstallingUser, registerOAuthAuthorize } from './oauth-authorize.js';
import { registerResponseUrls, type SlackResponseContext } from './response-urls.js';
import { SlackState } from './slack-state.js';
import {
  type SlackCall,
  type SlackChannelInput,
  type SlackEphemeralMessage,
  type SlackInboundPost,
  type SlackInstallation,
  type SlackMessage,
  type SlackUserInput,
  type SlackView,
  type SlackWorkspaceInput,
} from './types.js';
import { type SlackInputValue } from './view-state.js';
import { registerWebApi } from './web-api/routes.js';

/** A Slack app's OAuth settings as a test declares them. */
export interface OAuthAppInput {
  clientId: string;
  clientSecret: string;
  appId?: string;
  /** Its Redirect URLs (OAuth & Permissions); the consent screen refuses others. Default: any. */
  redirectUrls?: string[];
}

export interface FakeSlackOptions extends FakeServerOptions {
  /** Per-channel limit for chat.postMessage and incoming webhooks; off unless given (Slack: ~1/s with bursts). */
  rateLimit?: RateLimit;
  /** The app's OAuth credentials, for oauth.v2.access and the consent screen (also settable with setOAuthApp). */
  oauth?: OAuthAppInput;
}

/**
 * A local Slack: Web API under `${url}/api/` (point WebClient's `slackApiUrl` there), incoming
 * webhooks and slash-command response URLs, with in-memory workspaces and a record of every call.
 */
export class FakeSlack extends FakeHttpServer {
  private readonly state: SlackState;
  private readonly callLog: CallLog<SlackCall>;
  private readonly faults = new FaultPlan();
  private readonly hooks = new Map<string, IncomingWebhook>();
  private readonly responseUrls: ResponseUrlStore<SlackResponseContext>;
  private readonly responseRecords = new Map<string, SlackInboundPost[]>();
  private limiter: TokenBuckets | undefined;
  private readonly interactions: SlackAppInteractions;

  constructor(private readonly options: FakeSlackOptions = {}) {
    super(options);
    this.state = new SlackState(this.now);
    this.callLog = new CallLog(this.recordCalls);
    this.responseUrls = new ResponseUrlStore(RESPONSE_URL_LIMITS, this.now);
    this.interactions = new SlackAppInteractions(this.state, (teamId, userId, viewId) =>
      this.issueTriggerId(teamId, { userId, viewId }),
    );
    this.resetState();
  }

  /** Every Web API call received, in order (empty when constructed with `recordCalls: false`). */
  get calls(): readonly SlackCall[] {
    return this.callLog.entries;
  }

  /** Web API calls received for one method (or all), counted even when `recordCalls` is false. */
  callCount(method?: string): number {
    return this.callLog.count(method);
  }

  addWorkspace(workspace: SlackWorkspaceInput): void {
    this.state.directory.addWorkspace(workspace);
  }

  addChannel(teamId: string, channel: SlackChannelInput): void {
    this.state.directory.addChannel(teamId, channel);
  }

  addUser(teamId: string, user: SlackUserInput): void {
    this.state.directory.addUser(teamId, user);
  }

  /** Archives a channel: posts then fail with `is_archived` (Web API) or 410 `channel_is_archived` (webhooks). */
  archiveChannel(channel: string, teamId?: string): void {
    this.channel(channel, teamId).isArchived = true;
  }

  /** Calls with this token now fail with `token_revoked`, like after an uninstall. */
  revokeToken(token: string): void {
    const grant = this.state.directory.tokens.get(token);
    if (grant === undefined) throw new Error(`unknown token ${token}`);
    grant.revoked = true;
  }

  /**
   * A trigger_id as an interaction payload would carry it, valid for 3 s (by the injected clock) and
   * exchangeable once. Pass `viewId` to model an interaction inside an open modal (for views.push).
   */
  issueTriggerId(teamId: string, options: { userId?: string; viewId?: string } = {}): string {
    this.state.directory.workspace(teamId);
    const now = this.now();
    const id = `${Math.floor(now / 1000)}.${Math.floor(Math.random() * 1e12)}.${randomHex(16)}`;
    this.state.triggers.set(id, {
      teamId,
      userId: options.userId,
      viewId: options.viewId,
      issuedAt: now,
      exchanged: false,
    });
    return id;
  }

  setOAuthApp(app: OAuthAppInput): void {
    this.state.oauthApp = {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      appId: app.appId ?? 'A0FAKEAPP01',
      ...(app.redirectUrls === undefined ? {} : { redirectUrls: [...app.redirectUrls] }),
    };
  }

  /**
   * Who is signed in to Slack in the test's browser: `GET /oauth/v2/authorize` (the consent screen)
   * answers as they would, Allow unless `approve: false`. Null: nobody.
   */
  setInstallingUser(user: InstallingUser | null): void {
    this.state.installingUser = user === null ? undefined : { ...user };
  }

  /** The authorize URL of this fake (`https://slack.com/oauth/v2/authorize` on Slack). */
  get authorizeUrl(): string {
    return `${this.url}/oauth/v2/authorize`;
  }

  /**
   * A workspace removes the app: every token of the workspace stops working (`token_revoked`), and
   * Slack sends `tokens_revoked` then `app_uninstalled` to the events URL, as it does.
   */
  async uninstallApp(teamId: string): Promise<{ tokensRevoked: SlackAppAnswer; appUninstalled: SlackAppAnswer }> {
    const tokens = this.revokeWorkspaceTokens(teamId);
    const tokensRevoked = await this.sendEvent(teamId, { type: 'tokens_revoked', tokens });
    const appUninstalled = await this.sendEvent(teamId, { type: 'app_uninstalled' });
    return { tokensRevoked, appUninstalled };
  }

  /**
   * The workspace's tokens are revoked (an admin revoked them, or the app was removed without an
   * uninstall event reaching it) and Slack sends `tokens_revoked` with whose tokens they were.
   */
  async revokeTokensWithEvent(teamId: string): Promise<SlackAppAnswer> {
    return this.sendEvent(teamId, { type: 'tokens_revoked', tokens: this.revokeWorkspaceTokens(teamId) });
  }

  private revokeWorkspaceTokens(teamId: string): { oauth: string[]; bot: string[] } {
    const revoked = { oauth: new Set<string>(), bot: new Set<string>() };
    for (const grant of this.state.directory.tokens.values()) {
      if (grant.teamId !== teamId || grant.revoked) continue;
      grant.revoked = true;
      (grant.kind === 'bot' ? revoked.bot : revoked.oauth).add(grant.userId);
    }
    return { oauth: [...revoked.oauth], bot: [...revoked.bot] };
  }

  /** The `code` Slack would append to the redirect after a user approves the install; valid once, for 10 minutes. */
  issueOAuthCode(installation: SlackInstallation): string {
    const code = `${Math.floor(this.now() / 1000)}.${randomHex(20)}`;
    this.state.oauthCodes.set(code, { installation, issuedAt: this.now(), used: false });
    return code;
  }

  /** An incoming webhook URL posting into `channel` (id or name); requires the fake to be started. */
  createIncomingWebhook(options: { channel: string; teamId?: string }): string {
    const channel = this.channel(options.channel, options.teamId);
    const path = newWebhookPath(channel.teamId);
    this.hooks.set(path, { path, teamId: channel.teamId, channelId: channel.id, posts: [] });
    return this.url + path;
  }

  /** Stops a webhook URL from working (404 `no_service`), as when the app is uninstalled. */
  removeIncomingWebhook(url: string): void {
    this.hooks.delete(new URL(url).pathname);
  }

  /** Posts received by one incoming webhook URL, including refused ones. */
  webhookPosts(url: string): SlackInboundPost[] {
    return this.hooks.get(new URL(url).pathname)?.posts ?? [];
  }

  /** A slash-command response_url; `in_channel` responses are posted into `channel` when given. */
  createResponseUrl(options: { channel?: string; teamId?: string } = {}): string {
    const channelId = options.channel === undefined ? undefined : this.channel(options.channel, options.teamId).id;
    const id = this.responseUrls.create({ channelId });
    this.responseRecords.set(id, []);
    return `${this.url}/commands/${id}`;
  }

  /** Posts received by one response_url, including refused ones. */
  responses(url: string): SlackInboundPost[] {
    const id = new URL(url).pathname.split('/').pop() ?? '';
    return this.responseRecords.get(id) ?? [];
  }

  /** Messages currently in a channel (id, `#name` or name), thread replies included, in posting order. */
  messages(channel: string, teamId?: string): SlackMessage[] {
    const found = this.state.directory.findChannel(channel, teamId);
    return found === undefined ? [] : this.state.messages.list(found.id);
  }

  ephemeralMessages(channel?: string): SlackEphemeralMessage[] {
    const id = channel === undefined ? undefined : (this.state.directory.findChannel(channel)?.id ?? channel);
    return this.state.messages.ephemeral.filter((m) => id === undefined || m.channel === id);
  }

  /** Views opened, pushed or published, in order (updates change them in place). */
  views(): SlackView[] {
    return [...this.state.views.values()];
  }

  /** The app's configuration: where user actions and events are sent, and the secret that signs them. */
  setApp(app: SlackAppConfig): void {
    this.interactions.app = { ...app };
  }

  /**
   * The user submits a modal: `values` by block_id and action_id (a string for text or an option's
   * value, a list for multi-selects and checkboxes, null to clear, or a raw Slack state object).
   * Values for ids the view does not have, options it does not offer, or an empty required input
   * throw, since Slack could not send them. The app's answer is applied to the view
   * (`response_action` errors / update / push / clear; an empty 200 closes it).
   */
  submitView(
    viewId: string,
    options: { userId: string; values?: Record<string, Record<string, SlackInputValue>> },
  ): Promise<SlackAppAnswer> {
    return this.interactions.submitView(viewId, options.userId, options.values ?? {});
  }

  /** The user closes a modal; `view_closed` is sent only when the view asked for `notify_on_close`. */
  closeView(viewId: string, options: { userId: string }): Promise<SlackAppAnswer | undefined> {
    return this.interactions.closeView(viewId, options.userId);
  }

  /** The user picks in a select (or any element) of a modal: `block_actions` with the view and its state. */
  selectInView(
    viewId: string,
    options: { userId: string; blockId?: string; actionId: string; selectedOption: SlackInputValue },
  ): Promise<SlackAppAnswer> {
    return this.interactions.selectInView(viewId, options.userId, options);
  }

  /** The user types into an external select: `block_suggestion` to the options URL; returns the app's answer. */
  requestOptions(
    viewId: string,
    options: { userId: string; blockId?: string; actionId: string; value: string },
  ): Promise<SlackAppAnswer> {
    return this.interactions.requestOptions(viewId, options.userId, options);
  }

  /** The user clicks a button of a message (or ephemeral message): `block_actions` with a fresh response_url. */
  clickButton(options: {
    channel: string;
    messageTs: string;
    userId: string;
    actionId: string;
    blockId?: string;
    teamId?: string;
  }): Promise<SlackAppAnswer> {
    const channel = this.channel(options.channel, options.teamId);
    const stored = this.state.messages.get(channel.id, options.messageTs);
    const ephemeral = this.state.messages.ephemeral.find(
      (m) => m.channel === channel.id && m.message_ts === options.messageTs,
    );
    if (stored === undefined && ephemeral === undefined)
      throw new Error(`no message ${options.messageTs} in ${options.channel}`);
    const responseUrl = this.createResponseUrl({ channel: channel.id });
    const messageJson =
      stored === undefined
        ? undefined
        : {
            type: 'message',
            user: stored.user,
            ...(stored.bot_id === undefined ? {} : { bot_id: stored.bot_id }),
            text: stored.text,
            ts: stored.ts,
            team: stored.team,
            ...(stored.blocks === undefined ? {} : { blocks: stored.blocks }),
            ...(stored.thread_ts === undefined ? {} : { thread_ts: stored.thread_ts }),
          };
    return this.interactions.clickButton(
      {
        teamId: channel.teamId,
        channel: { id: channel.id, name: channel.name },
        ts: options.messageTs,
        ephemeral: stored === undefined,
        blocks: stored?.blocks ?? ephemeral?.blocks,
      },
      messageJson,
      options.userId,
      options,
      responseUrl,
    );
  }

  /** An Events API delivery (`event_callback` envelope, JSON, signed) to the events URL. */
  sendEvent(teamId: string, event: Record<string, unknown>): Promise<SlackAppAnswer> {
    return this.interactions.sendEvent(teamId, event);
  }

  /** The `url_verification` handshake; the app should answer with the returned `challenge`. */
  urlVerification(): Promise<SlackAppAnswer & { challenge: string }> {
    return this.interactions.urlVerification();
  }

  /** Everything sent to the app (interactions, options requests, events) and what it answered. */
  appRequests(): SlackAppRequest[] {
    return [...this.interactions.sent];
  }

  /**
   * Makes the next `times` calls of a Web API method (or "*" for any) fail. Also accepts
   * "incoming-webhook" and "response-url". Default: HTTP 500; with only `error`, HTTP 200
   * `{ok:false,error}`; with `retryAfterSeconds`, HTTP 429 and a Retry-After header.
   */
  failNext(method: string, times = 1, fault: FaultSpec = {}): void {
    this.faults.add(method, times, fault);
  }

  /** Turns the per-channel rate limiter on (or off with null); it starts with full buckets. */
  setRateLimit(limit: RateLimit | null): void {
    this.limiter = limit === null ? undefined : new TokenBuckets(limit, this.now);
  }

  protected registerRoutes(app: FastifyInstance): void {
    const rateLimiter = () => this.limiter;
    registerWebApi(app, { state: this.state, calls: this.callLog, faults: this.faults, rateLimiter });
    registerOAuthAuthorize(app, this.state);
    registerIncomingWebhooks(app, {
      state: this.state,
      hooks: this.hooks,
      faults: this.faults,
      recordCalls: this.recordCalls,
      rateLimiter,
    });
    registerResponseUrls(app, {
      state: this.state,
      store: this.responseUrls,
      records: this.responseRecords,
      faults: this.faults,
      recordCalls: this.recordCalls,
    });
  }

  protected resetState(): void {
    this.state.clear();
    this.callLog.clear();
    this.faults.clear();
    this.hooks.clear();
    this.responseUrls.clear();
    this.responseRecords.clear();
    this.interactions.clear();
    this.setRateLimit(this.options.rateLimit ?? null);
    if (this.options.oauth !== undefined) this.setOAuthApp(this.options.oauth);
  }

  private channel(ref: string, teamId?: string) {
    const channel = this.state.directory.findChannel(ref, teamId);
    if (channel === undefined)
      throw new Error(`unknown Slack channel ${ref}: add it with addWorkspace/addChannel first`);
    return channel;
  }
}

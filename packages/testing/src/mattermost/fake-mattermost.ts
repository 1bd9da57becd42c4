import { type FastifyInstance } from 'fastify';
import { CallLog } from '../shared/call-log.js';
import { FakeHttpServer, type FakeServerOptions } from '../shared/fake-http-server.js';
import { FaultPlan, type FaultSpec } from '../shared/faults.js';
import { mattermostId } from '../shared/ids.js';
import { RESPONSE_URL_LIMITS, ResponseUrlStore } from '../shared/response-urls.js';
import { routeKeys } from '../shared/route-keys.js';
import { MattermostError, sendAppError } from './app-error.js';
import { type MattermostIncomingWebhook, registerMattermostWebhooks } from './incoming-webhooks.js';
import { type CommandRunDeps, runSlashCommand } from './command-runs.js';
import { MattermostInteractive } from './interactive.js';
import { MattermostState } from './mattermost-state.js';
import { type MattermostResponseContext, registerMattermostResponseUrls } from './response-urls.js';
import { userIdOf } from './routes/auth.js';
import { registerCommandRoutes } from './routes/commands.js';
import { registerPostRoutes } from './routes/posts.js';
import { registerUserAndTeamRoutes } from './routes/users-teams.js';
import {
  type MattermostAppAnswer,
  type MattermostChannelInput,
  type MattermostDialog,
  type MattermostCommand,
  type MattermostCommandRun,
  type MattermostInboundPost,
  type MattermostPost,
  type MattermostRequest,
  type MattermostTeamInput,
  type MattermostUserInput,
} from './types.js';

/** Author of webhook posts when the test does not name the hook's creator. */
const WEBHOOK_CREATOR_ID = 'fakewebhookcreator00000000';

export interface IncomingWebhookOptions {
  channelId: string;
  /** Used to create the channel (open, in `teamId`) when it does not exist yet. */
  channelName?: string;
  teamId?: string;
  /** The hook's creator, who authors its posts; must be a member to post into private channels. */
  userId?: string;
  displayName?: string;
  username?: string;
  iconUrl?: string;
  /** Refuse payloads that name another channel. */
  channelLocked?: boolean;
}

export interface FakeMattermostOptions extends FakeServerOptions {
  /** Trigger id lifetime (default 3000 ms, Mattermost's fixed TTL before 10.x; newer servers allow 30 s). */
  dialogTriggerTtlMs?: number;
  /**
   * Mattermost only logs dialogs its OpenDialogRequest.IsValid rejects; `reject` (the default)
   * answers them 400 `api.fake.dialog_invalid.app_error` so tests notice; `warn` behaves like Mattermost.
   */
  dialogValidation?: 'reject' | 'warn';
  /**
   * Mattermost's default permissions (true, the default): only team admins (`teamAdminIds`) and
   * system admins may create and delete slash commands; false lets every team member do it.
   */
  onlyAdminIntegrations?: boolean;
}

/**
 * A local Mattermost: REST API v4 for personal-access/bot tokens (what Client4 calls), incoming
 * webhooks under /hooks/<id> and slash-command response URLs under /hooks/commands/<id>.
 */
export class FakeMattermost extends FakeHttpServer {
  private readonly state: MattermostState;
  private readonly requestLog: CallLog<MattermostRequest>;
  private readonly faults = new FaultPlan();
  private readonly hooks = new Map<string, MattermostIncomingWebhook>();
  private readonly responseUrls: ResponseUrlStore<MattermostResponseContext>;
  private readonly responseRecords = new Map<string, MattermostInboundPost[]>();
  private readonly interactive: MattermostInteractive;

  constructor(options: FakeMattermostOptions = {}) {
    super(options);
    this.state = new MattermostState(this.now, options.onlyAdminIntegrations ?? true);
    this.requestLog = new CallLog(this.recordCalls);
    this.responseUrls = new ResponseUrlStore(RESPONSE_URL_LIMITS, this.now);
    this.interactive = new MattermostInteractive(this.state, {
      triggerTtlMs: options.dialogTriggerTtlMs ?? 3_000,
      dialogValidation: options.dialogValidation ?? 'reject',
    });
  }

  /** REST API requests received, in order (empty with `recordCalls: false`). */
  get requests(): readonly MattermostRequest[] {
    return this.requestLog.entries;
  }

  /** REST requests per route pattern, e.g. `requestCount('POST /api/v4/posts')`; counted even when not recorded. */
  requestCount(route?: string): number {
    return this.requestLog.count(route);
  }

  addUser(user: MattermostUserInput): void {
    this.state.addUser(user);
  }

  addTeam(team: MattermostTeamInput): void {
    this.state.addTeam(team);
  }

  addChannel(channel: MattermostChannelInput): void {
    this.state.addChannel(channel);
  }

  /** Makes the token stop working (401), as when it is revoked in the System Console. */
  revokeToken(token: string): void {
    this.state.tokens.delete(token);
  }

  /** Posts in creation order, optionally for one channel (deleted posts keep a non-zero delete_at). */
  posts(channelId?: string): MattermostPost[] {
    const all = [...this.state.posts.values()];
    return channelId === undefined ? all : all.filter((post) => post.channel_id === channelId);
  }

  commands(teamId?: string): MattermostCommand[] {
    return [...this.state.commands.values()].filter((command) => teamId === undefined || command.team_id === teamId);
  }

  /**
   * A user types `/<trigger> <text>` in a channel: Mattermost POSTs the command's form (token,
   * team_id, team_domain, channel_id, channel_name, user_id, user_name, command, text, trigger_id,
   * response_url) to the URL of the channel team's command with that trigger, with
   * `Authorization: Token <token>`. Resolves to the app's 200 answer; Mattermost's AppErrors
   * (`api.command.execute_command.not_found|failed|failed_resp.app_error`) reject.
   * `POST /api/v4/commands/execute` (Client4.executeCommand) does the same for the token's user.
   */
  executeCommand(options: { userId: string; channelId: string; command: string }): Promise<MattermostCommandRun> {
    return runSlashCommand(this.commandRunDeps(), options);
  }

  private commandRunDeps(): CommandRunDeps {
    return {
      state: this.state,
      issueTrigger: (userId, context) => this.interactive.issueTrigger(userId, context),
      createResponseUrl: (context) => this.createResponseUrl(context),
    };
  }

  /** An incoming webhook URL `${url}/hooks/<id>`; creates the channel if it is unknown. Requires start(). */
  createIncomingWebhook(options: IncomingWebhookOptions): string {
    let channel = this.state.channels.get(options.channelId);
    if (channel === undefined) {
      const teamId = options.teamId ?? [...this.state.teams.keys()][0] ?? 'faketeam000000000000000000';
      channel = this.state.addChannel({
        id: options.channelId,
        teamId,
        name: options.channelName ?? options.channelId,
        type: 'O',
      });
    }
    const id = mattermostId();
    this.hooks.set(id, {
      id,
      teamId: channel.teamId,
      channelId: channel.id,
      userId: options.userId ?? WEBHOOK_CREATOR_ID,
      displayName: options.displayName ?? '',
      username: options.username ?? '',
      iconUrl: options.iconUrl ?? '',
      channelLocked: options.channelLocked ?? false,
      posts: [],
    });
    return `${this.url}/hooks/${id}`;
  }

  /** Posts received by one webhook URL, including refused ones. */
  webhookPosts(url: string): MattermostInboundPost[] {
    return this.hooks.get(new URL(url).pathname.split('/').pop() ?? '')?.posts ?? [];
  }

  /** A slash command response_url; `in_channel` responses become posts by `userId` in `channelId`. */
  createResponseUrl(options: { channelId?: string; userId?: string; rootId?: string } = {}): string {
    const id = this.responseUrls.create({
      channelId: options.channelId,
      userId: options.userId,
      rootId: options.rootId ?? '',
    });
    this.responseRecords.set(id, []);
    return `${this.url}/hooks/commands/${id}`;
  }

  responses(url: string): MattermostInboundPost[] {
    return this.responseRecords.get(new URL(url).pathname.split('/').pop() ?? '') ?? [];
  }

  /**
   * The `trigger_id` a slash command request (or an action) carries for `userId`; valid for
   * `dialogTriggerTtlMs` by the injected clock. `channelId`/`teamId` are what a submission reports.
   */
  issueTriggerId(userId: string, context: { channelId?: string; teamId?: string } = {}): string {
    return this.interactive.issueTrigger(userId, context);
  }

  /** Dialogs opened through POST /api/v4/actions/dialogs/open, in order. */
  dialogs(): MattermostDialog[] {
    return [...this.interactive.dialogs.values()];
  }

  /**
   * The user submits (or, with `cancelled`, cancels) a dialog: Mattermost POSTs
   * `{type: "dialog_submission", callback_id, state, user_id, channel_id, team_id, submission, cancelled}`
   * to the dialog's URL. Element names the dialog lacks, empty required elements and values outside
   * the options throw (the dialog would not send them). An answer with `errors` or `error` keeps the
   * dialog open (see `dialogs()`); a cancel without `notify_on_cancel` sends nothing.
   */
  submitDialog(
    dialogId: string,
    options: { userId: string; submission?: Record<string, unknown>; cancelled?: boolean },
  ): Promise<MattermostAppAnswer | undefined> {
    return this.interactive.submit(dialogId, options.userId, options.submission ?? {}, options.cancelled ?? false);
  }

  /**
   * The user clicks a message button (attachment action with an `integration`): Mattermost POSTs
   * `{user_id, user_name, channel_id, channel_name, team_id, team_domain, post_id, trigger_id, type,
   * data_source, context}` to `integration.url` and applies the answer's `update` to the post.
   */
  async clickAction(
    postId: string,
    actionId: string,
    userId: string,
    options: { selectedOption?: string } = {},
  ): Promise<MattermostAppAnswer & { triggerId: string }> {
    const { answer, triggerId } = await this.interactive.doAction(postId, actionId, userId, options.selectedOption);
    return { ...answer, triggerId };
  }

  /**
   * Makes the next `times` requests to a route fail: "<METHOD> <route>" as registered
   * (`POST /api/v4/posts`, `POST /hooks/:id`), a concrete path, or "*". Default HTTP 500; with
   * `retryAfterSeconds`, 429 + Retry-After. The body has Mattermost's AppError shape, `id` = `error`.
   */
  failNext(route: string, times = 1, fault: FaultSpec = {}): void {
    this.faults.add(route, times, fault);
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.addHook('preHandler', async (request, reply) => {
      const keys = routeKeys(request);
      if (request.url.startsWith('/api/v4/')) {
        const path = request.url.split('?')[0] ?? request.url;
        const route = request.routeOptions.url ?? path;
        const entry = {
          method: request.method,
          path,
          route,
          userId: userIdOf(this.state, request),
          body: request.body,
          at: this.now(),
        };
        this.requestLog.add(`${request.method} ${route}`, entry);
      }
      const fault = this.faults.take(keys);
      if (fault === undefined) return;
      if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
      const status = fault.status ?? (fault.retryAfterSeconds !== undefined ? 429 : 500);
      return sendAppError(reply, new MattermostError(fault.error ?? 'api.fake.injected_fault.app_error', status));
    });
    // Client4 only parses bodies whose Content-Type is exactly `application/json`, as Mattermost sends it.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('application/json'))
        reply.header('content-type', 'application/json');
      return payload;
    });
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof MattermostError) return sendAppError(reply, error);
      const status =
        typeof (error as { statusCode?: unknown }).statusCode === 'number'
          ? (error as { statusCode: number }).statusCode
          : 500;
      // Fastify's own errors (body too large, bad content type) keep their status; anything else is a fake bug.
      const id = status < 500 ? 'api.context.invalid_body_param.app_error' : 'api.fake.internal.app_error';
      return sendAppError(reply, new MattermostError(id, status, String(error), { Name: 'body' }));
    });
    app.setNotFoundHandler((request, reply) =>
      sendAppError(
        reply,
        new MattermostError(
          'api.context.404.app_error',
          404,
          `There doesn't appear to be an api call for the url='${request.url}'.`,
        ),
      ),
    );
    registerUserAndTeamRoutes(app, this.state);
    registerPostRoutes(app, this.state);
    registerCommandRoutes(app, this.state, { run: (options) => this.executeCommand(options) });
    this.interactive.registerRoutes(app);
    registerMattermostWebhooks(app, { state: this.state, hooks: this.hooks, recordCalls: this.recordCalls });
    registerMattermostResponseUrls(app, {
      state: this.state,
      store: this.responseUrls,
      records: this.responseRecords,
      recordCalls: this.recordCalls,
    });
  }

  protected resetState(): void {
    this.state.clear();
    this.requestLog.clear();
    this.faults.clear();
    this.hooks.clear();
    this.responseUrls.clear();
    this.responseRecords.clear();
    this.interactive.clear();
  }
}

import { CHAT_PLATFORMS, type ChatPlatform } from '@chatops/chat';
import { loadConfig } from '@chatops/config';
import {
  type ChatIdentity,
  createMattermostCommand,
  findChatIdentity,
  type Project,
  saveChatIdentity,
  saveSlackInstallation,
  SecretBox,
  upsertProject,
} from '@chatops/db';
import { createPkcePair, GitLabOAuth, LinkRequests, OAUTH_CALLBACK_PATH, type OAuthTokens } from '@chatops/identity';
import { createProducerConnection, JobQueues, QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { AccessLevel, FakeGitLab, FakeMattermost, FakeSlack, freePort } from '@chatops/testing';
import { type Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { waitFor } from '@chatops/test-support/wait';
import { buildCommandHandler, type CommandHandlerService } from '../src/app';
import { commandHandlerEnvSchema } from '../src/env';

/*
 * The command-handler in-process, against the real Redis and PostgreSQL, with GitLab, Slack and
 * Mattermost faked over real HTTP. Commands are queued the way the gateway queues them; replies
 * are read where the chat would receive them, at the command's response_url.
 *
 */

export const PROVIDERS = CHAT_PLATFORMS;

export type Role = 'maintainer' | 'developer' | 'guest' | 'outsider';
/** GitLab user ids; each user has a personal access token `glpat-<role>`. */
export const USERS: Record<Role, { id: number; username: string; name: string }> = {
  maintainer: { id: 1, username: 'alice', name: 'Alice Maintainer' },
  developer: { id: 2, username: 'dave', name: 'Dave Developer' },
  guest: { id: 3, username: 'gus', name: 'Gus Guest' },
  outsider: { id: 4, username: 'olga', name: 'Olga Outsider' },
};
export const personalToken = (role: Role) => `glpat-${role}`;

/** acme/backend: private, every role but the outsider a member; CI defines `lint` and `hello`. */
export const BACKEND = { id: 10, path: 'acme/backend' };
/** acme/docs: public, the maintainer owns it. */
export const DOCS = { id: 11, path: 'acme/docs' };
/** acme/secret: private, only the maintainer is a member. */
export const SECRET = { id: 12, path: 'acme/secret' };
/** acme/archive: archived (read-only), the developer is a Developer there. */
export const ARCHIVE = { id: 13, path: 'acme/archive' };

export const SLACK_TEAM = 'T0TEAM0001';
export const MATTERMOST_TEAM = 'mmteamaaaaaaaaaaaaaaaaaaaa';
export const CHANNEL: Record<ChatPlatform, string> = { slack: 'C0GENERAL1', mattermost: 'mmtownsquareaaaaaaaaaaaaaa' };
export const TEAM: Record<ChatPlatform, string> = { slack: SLACK_TEAM, mattermost: MATTERMOST_TEAM };
export const OAUTH_APP = { clientId: 'chatops-client-id', clientSecret: 'chatops-client-secret' };
export const PUBLIC_URL = 'http://127.0.0.1:3999';

/** The chat user id of a role in each chat. */
export function chatUser(provider: ChatPlatform, role: Role): string {
  return provider === 'slack' ? `U0${role.toUpperCase()}` : `mm${role}aaaaaaaaaaaaaaaaaaa`.slice(0, 26);
}

/** One post a chat received at a response_url (refused ones included). */
export interface ResponsePost {
  payload: Record<string, unknown> | undefined;
  status: number;
}

export interface SendOptions {
  /** Slack team id (default: the one with the installation). */
  teamId?: string;
  /** Mattermost command id (default: the alias-based command). */
  mattermostCommandId?: string;
}

export interface Harness {
  readonly database: TestDatabase;
  readonly gitlab: FakeGitLab;
  readonly slack: FakeSlack;
  readonly mattermost: FakeMattermost;
  readonly box: SecretBox;
  /** The registered projects, by GitLab project id. */
  readonly projects: Map<number, Project>;
  readonly slackInstallationId: string;
  readonly mattermostConnectionId: string;
  /** The Mattermost command that takes a project alias, and the one fixed to acme/backend. */
  readonly mattermostCommandId: string;
  readonly mattermostBackendCommandId: string;
  /** This test's queue prefix (the service's QUEUE_PREFIX). */
  readonly prefix: string;
  readonly links: LinkRequests;
  /** Queues a slash command as the gateway does; resolves with its response_url. */
  send(provider: ChatPlatform, role: Role, text: string, options?: SendOptions): Promise<string>;
  responses(provider: ChatPlatform, responseUrl: string): ResponsePost[];
  /** Waits for the `count`-th accepted post at a response_url and returns its payload. */
  reply(provider: ChatPlatform, responseUrl: string, count?: number): Promise<Record<string, unknown>>;
  /** Like reply, but the body exactly as posted. */
  rawReply(provider: ChatPlatform, responseUrl: string, count?: number): Promise<Record<string, unknown>>;
  /** Links a chat user with the role's personal access token (no refresh token, no expiry). */
  link(provider: ChatPlatform, role: Role): Promise<ChatIdentity>;
  /** Links a chat user through GitLab's OAuth flow (PKCE), as the gateway does; returns the identity and its tokens. */
  linkWithOAuth(provider: ChatPlatform, role: Role): Promise<{ identity: ChatIdentity; tokens: OAuthTokens }>;
  identity(provider: ChatPlatform, role: Role): Promise<ChatIdentity | null>;
  oauthClient(): GitLabOAuth;
  /** A raw GitLab API call as a role (setting up issues etc.). */
  gitlabApi(
    role: Role,
    method: string,
    path: string,
    body?: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  projectUrl(project: { path: string }): string;
}

const logger = createLogger({ service: 'command-handler-test', level: 'silent' });

/**
 * Registers the jest hooks (of the enclosing describe block): fakes and database once; per test a
 * fresh GitLab, a fresh queue prefix and a fresh command-handler, and no links or subscriptions
 * left from earlier tests. With `gitlabUnreachable`, the command-handler's GitLab URL is a closed port.
 */
export function useCommandHandler(settings: { gitlabUnreachable?: boolean } = {}): Harness {
  const gitlab = new FakeGitLab();
  const slack = new FakeSlack();
  const mattermost = new FakeMattermost();
  const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
  const projects = new Map<number, Project>();
  let service: CommandHandlerService | undefined;
  let database: TestDatabase;
  let redis: Redis;
  let queues: JobQueues;
  let links: LinkRequests;
  let prefix = '';
  let slackInstallationId = '';
  let mattermostConnectionId = '';
  let mattermostCommandId = '';
  let mattermostBackendCommandId = '';

  const projectUrl = (project: { path: string }) => `${gitlab.url}/${project.path}`;

  async function startService(): Promise<void> {
    // A port nobody listens on: GitLab is down.
    const gitlabUrl = settings.gitlabUnreachable ? `http://127.0.0.1:${await freePort()}` : gitlab.url;
    const env = loadConfig(commandHandlerEnvSchema, {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: testInfra().redisUrl,
      QUEUE_PREFIX: prefix,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      LOG_LEVEL: 'silent',
      GITLAB_URL: gitlabUrl,
      GITLAB_OAUTH_CLIENT_ID: OAUTH_APP.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: OAUTH_APP.clientSecret,
      PUBLIC_URL,
      CHATOPS_POLL_INTERVAL_MS: '200',
    });
    service = await buildCommandHandler(env, logger);
  }

  function seedGitLab(): void {
    gitlab.reset();
    for (const [role, user] of Object.entries(USERS) as Array<[Role, (typeof USERS)[Role]]>) {
      gitlab.addUser({ ...user, tokens: [personalToken(role)] });
    }
    const { maintainer, developer, guest } = USERS;
    gitlab.addProject({
      id: BACKEND.id,
      path_with_namespace: BACKEND.path,
      name: 'backend',
      visibility: 'private',
      members: {
        [maintainer.id]: AccessLevel.Maintainer,
        [developer.id]: AccessLevel.Developer,
        [guest.id]: AccessLevel.Guest,
      },
      ciJobs: [
        { name: 'lint', stage: 'test' },
        { name: 'hello', stage: 'chatops' },
      ],
    });
    gitlab.addProject({
      id: DOCS.id,
      path_with_namespace: DOCS.path,
      name: 'docs',
      visibility: 'public',
      members: { [maintainer.id]: AccessLevel.Owner },
    });
    gitlab.addProject({
      id: SECRET.id,
      path_with_namespace: SECRET.path,
      name: 'secret',
      visibility: 'private',
      members: { [maintainer.id]: AccessLevel.Maintainer },
    });
    gitlab.addProject({
      id: ARCHIVE.id,
      path_with_namespace: ARCHIVE.path,
      name: 'archive',
      visibility: 'private',
      archived: true,
      members: { [developer.id]: AccessLevel.Developer },
    });
    gitlab.addOAuthApplication({ ...OAUTH_APP, redirectUri: `${PUBLIC_URL}${OAUTH_CALLBACK_PATH}` });
  }

  async function seedDatabase(): Promise<void> {
    const db = database.db;
    for (const project of [BACKEND, DOCS, SECRET, ARCHIVE]) {
      const name = project.path.split('/').pop() ?? project.path;
      projects.set(
        project.id,
        await upsertProject(db, {
          gitlabProjectId: project.id,
          pathWithNamespace: project.path,
          name,
          webUrl: projectUrl(project),
        }),
      );
    }
    slackInstallationId = (
      await saveSlackInstallation(db, box, {
        teamId: SLACK_TEAM,
        teamName: 'Acme',
        botUserId: 'U0BOT00001',
        botToken: 'xoxb-test',
        scopes: ['commands', 'chat:write'],
      })
    ).id;
    const connection = await db.mattermostConnection.create({
      data: { name: 'mm', url: mattermost.url, botTokenSealed: box.seal('mm-bot-token') },
    });
    mattermostConnectionId = connection.id;
    mattermostCommandId = (
      await createMattermostCommand(db, {
        connectionId: connection.id,
        teamId: MATTERMOST_TEAM,
        trigger: '/gitlab',
        token: 'mm-command-token-all',
      })
    ).id;
    const backend = projects.get(BACKEND.id);
    mattermostBackendCommandId = (
      await createMattermostCommand(db, {
        connectionId: connection.id,
        teamId: MATTERMOST_TEAM,
        trigger: '/backend',
        token: 'mm-command-token-backend',
        projectId: backend?.id ?? null,
      })
    ).id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([gitlab.start(), slack.start(), mattermost.start()]);
    redis = createProducerConnection(testInfra().redisUrl);
    await seedDatabase();
  });

  beforeEach(async () => {
    seedGitLab();
    prefix = uniquePrefix('commands');
    queues = new JobQueues(redis, prefix);
    links = new LinkRequests(redis, prefix);
    await startService();
  });

  afterEach(async () => {
    await service?.close();
    service = undefined;
    await queues.close();
    await deletePrefix(prefix);
    await database.db.integration.deleteMany();
    await database.db.chatIdentity.deleteMany();
  });

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([gitlab.stop(), slack.stop(), mattermost.stop()]);
    await database?.drop();
  });

  async function send(provider: ChatPlatform, role: Role, text: string, options: SendOptions = {}): Promise<string> {
    const responseUrl = provider === 'slack' ? slack.createResponseUrl() : mattermost.createResponseUrl();
    await queues.enqueue(QueueName.Commands, {
      provider,
      teamId: provider === 'slack' ? (options.teamId ?? SLACK_TEAM) : MATTERMOST_TEAM,
      teamDomain: 'acme',
      ...(provider === 'mattermost' ? { mattermostCommandId: options.mattermostCommandId ?? mattermostCommandId } : {}),
      channelId: CHANNEL[provider],
      channelName: 'general',
      userId: chatUser(provider, role),
      userName: USERS[role].username,
      command: '/gitlab',
      text,
      responseUrl,
      receivedAt: new Date().toISOString(),
    });
    return responseUrl;
  }

  function responses(provider: ChatPlatform, responseUrl: string): ResponsePost[] {
    return provider === 'slack' ? slack.responses(responseUrl) : mattermost.responses(responseUrl);
  }

  function reply(provider: ChatPlatform, responseUrl: string, count = 1): Promise<Record<string, unknown>> {
    return rawReply(provider, responseUrl, count);
  }

  async function rawReply(provider: ChatPlatform, responseUrl: string, count = 1): Promise<Record<string, unknown>> {
    return waitFor(
      () => {
        const accepted = responses(provider, responseUrl).filter((post) => post.status === 200);
        return accepted.length >= count ? (accepted[count - 1]?.payload ?? {}) : undefined;
      },
      { timeoutMs: 15_000, what: `reply #${count} at ${responseUrl}` },
    );
  }

  const identityInput = (provider: ChatPlatform, role: Role) => ({
    provider,
    teamId: TEAM[provider],
    chatUserId: chatUser(provider, role),
    gitlabUserId: USERS[role].id,
    gitlabUsername: USERS[role].username,
  });

  const oauthClient = () =>
    new GitLabOAuth({
      gitlabUrl: gitlab.url,
      clientId: OAUTH_APP.clientId,
      clientSecret: OAUTH_APP.clientSecret,
      redirectUri: `${PUBLIC_URL}${OAUTH_CALLBACK_PATH}`,
    });

  async function linkWithOAuth(
    provider: ChatPlatform,
    role: Role,
  ): Promise<{ identity: ChatIdentity; tokens: OAuthTokens }> {
    const oauth = oauthClient();
    gitlab.setBrowserUser(USERS[role].id);
    const { verifier, challenge } = createPkcePair();
    const consent = await fetch(oauth.authorizationUrl('state-1', challenge), { redirect: 'manual' });
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
    if (!code) throw new Error(`GitLab did not authorize: ${consent.status} ${consent.headers.get('location') ?? ''}`);
    const tokens = await oauth.exchangeCode(code, verifier);
    const identity = await saveChatIdentity(database.db, box, {
      ...identityInput(provider, role),
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenExpiresAt: tokens.expiresAt,
    });
    return { identity, tokens };
  }

  async function gitlabApi(role: Role, method: string, path: string, body?: Record<string, unknown>) {
    const response = await fetch(`${gitlab.url}/api/v4${path}`, {
      method,
      headers: { 'private-token': personalToken(role), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  return {
    get database() {
      return database;
    },
    gitlab,
    slack,
    mattermost,
    box,
    projects,
    get slackInstallationId() {
      return slackInstallationId;
    },
    get mattermostConnectionId() {
      return mattermostConnectionId;
    },
    get mattermostCommandId() {
      return mattermostCommandId;
    },
    get mattermostBackendCommandId() {
      return mattermostBackendCommandId;
    },
    get prefix() {
      return prefix;
    },
    get links() {
      return links;
    },
    send,
    responses,
    reply,
    rawReply,
    link: (provider, role) =>
      saveChatIdentity(database.db, box, {
        ...identityInput(provider, role),
        accessToken: personalToken(role),
        refreshToken: null,
        tokenExpiresAt: null,
      }),
    linkWithOAuth,
    identity: (provider, role) =>
      findChatIdentity(database.db, { provider, teamId: TEAM[provider], chatUserId: chatUser(provider, role) }),
    oauthClient,
    gitlabApi,
    projectUrl,
  };
}

/** Slack shows `[label](url)` links as `<url|label>`; Mattermost keeps the markdown. */
export function link(provider: ChatPlatform, label: string, url: string): string {
  return provider === 'slack' ? `<${url}|${label}>` : `[${label}](${url})`;
}

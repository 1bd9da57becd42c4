import { CHAT_PLATFORMS, type ChatPlatform, formStateKey, readFormState } from '@chatops/chat';
import { loadConfig } from '@chatops/config';
import {
  type ChatIdentity,
  findChatIdentity,
  type Incident,
  recordIncident,
  createMattermostCommand,
  saveChatIdentity,
  saveSlackInstallation,
  SecretBox,
  setIncidentChannel,
} from '@chatops/db';
import { OAUTH_CALLBACK_PATH } from '@chatops/identity';
import { createProducerConnection, type JobInput, JobQueues, QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { AccessLevel, FakeGitLab, FakeMattermost, FakeSlack } from '@chatops/testing';
import { type Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { waitFor } from '@chatops/test-support/wait';
import { buildIncident, type IncidentService } from '../src/app';
import { incidentEnvSchema } from '../src/env';

/*
 * The incident service in-process, against the real Redis and PostgreSQL, with GitLab, Slack and
 * Mattermost faked over real HTTP. Its jobs are queued as the command-handler (slash commands)
 * and the gateway (clicks) queue them; answers are read where the chat receives them, at the
 * command's (or the click's) response URL.
 */

export const PROVIDERS = CHAT_PLATFORMS;

export type Role = 'maintainer' | 'developer' | 'reporter' | 'guest';
/** GitLab user ids; each user has a personal access token `glpat-<role>`. */
export const USERS: Record<Role, { id: number; username: string; name: string }> = {
  maintainer: { id: 1, username: 'alice', name: 'Alice Maintainer' },
  developer: { id: 2, username: 'dave', name: 'Dave Developer' },
  reporter: { id: 3, username: 'rita', name: 'Rita Reporter' },
  guest: { id: 4, username: 'gus', name: 'Gus Guest' },
};
export const personalToken = (role: Role) => `glpat-${role}`;

/** acme/backend: private; maintainer, developer, reporter and guest are members with their roles. */
export const BACKEND = { id: 10, path: 'acme/backend' };
/** acme/web: private; the maintainer and the developer are members. */
export const WEB = { id: 11, path: 'acme/web' };
/** acme/secret: private; only the maintainer is a member. */
export const SECRET = { id: 12, path: 'acme/secret' };

export const TEAM: Record<ChatPlatform, string> = { slack: 'T0TEAM0001', mattermost: 'mmteamaaaaaaaaaaaaaaaaaaaa' };
export const CHANNEL: Record<ChatPlatform, string> = { slack: 'C0GENERAL1', mattermost: 'mmtownsquareaaaaaaaaaaaaaa' };
export const OAUTH_APP = { clientId: 'chatops-client-id', clientSecret: 'chatops-client-secret' };
export const PUBLIC_URL = 'http://127.0.0.1:3999';
const MATTERMOST_BOT_TOKEN = 'mm-bot-token';

/** The chat user id of a role in each chat. */
export function chatUser(provider: ChatPlatform, role: Role): string {
  return provider === 'slack' ? `U0${role.toUpperCase()}` : `mm${role}aaaaaaaaaaaaaaaaaaaaa`.slice(0, 26);
}

/** One post a chat received at a response URL (refused ones included). */
export interface ResponsePost {
  payload: Record<string, unknown> | undefined;
  status: number;
}

/** An incident created in the fake GitLab (REST's answer). */
export interface CreatedIncident {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  webUrl: string;
}

export interface IncidentHarness {
  readonly database: TestDatabase;
  /** The Mattermost slash command incidents are declared through (its connection opens dialogs). */
  readonly mattermostCommandId: string;
  /** This test's queue prefix (the service's QUEUE_PREFIX: where its form sessions are). */
  readonly prefix: string;
  readonly gitlab: FakeGitLab;
  readonly slack: FakeSlack;
  readonly mattermost: FakeMattermost;
  /** The key the service signs Mattermost button contexts with (the gateway's too). */
  readonly formStateKey: Buffer;
  /** Links a chat user with the role's personal access token. */
  link(provider: ChatPlatform, role: Role): Promise<ChatIdentity>;
  /** The id of a linked chat user's identity (what the command-handler puts in the job). */
  identityOf(provider: ChatPlatform, role: Role): Promise<string>;
  /** Queues an incident action of a chat user as the command-handler or the gateway does; resolves once it ran. */
  run(
    provider: ChatPlatform,
    role: Role,
    action: JobInput<typeof QueueName.Incidents>['action'],
    options?: { channelId?: string },
  ): Promise<void>;
  /** A trigger id as the chat hands one to a slash command of this user (valid 3 s). */
  triggerId(provider: ChatPlatform, role: Role): string;
  /** A new response URL of the chat (a slash command's, or a Slack click's). */
  responseUrl(provider: ChatPlatform): string;
  responses(provider: ChatPlatform, responseUrl: string): ResponsePost[];
  /** Waits for the `count`-th accepted post at a response URL and returns its payload. */
  reply(provider: ChatPlatform, responseUrl: string, count?: number): Promise<Record<string, unknown>>;
  /** Creates an incident in the fake GitLab as a role. */
  createIncident(role: Role, project: { id: number }, title: string): Promise<CreatedIncident>;
  /** Records an incident as the declare flow does, with a channel of its own. */
  recordIncident(provider: ChatPlatform, incident: CreatedIncident, channelId: string): Promise<Incident>;
  /** A raw GitLab REST call as a role. */
  gitlabApi(
    role: Role,
    method: string,
    path: string,
    body?: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

const logger = createLogger({ service: 'incident-test', level: 'silent' });

/**
 * Registers the jest hooks of the enclosing describe block: fakes and database once; per test a
 * fresh GitLab, queue prefix and incident service, and no links or incidents left from earlier tests.
 */
export function useIncidentService(): IncidentHarness {
  const gitlab = new FakeGitLab();
  const slack = new FakeSlack();
  const mattermost = new FakeMattermost();
  const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
  let service: IncidentService | undefined;
  let database: TestDatabase;
  let redis: Redis;
  let queues: JobQueues;
  let prefix = '';
  let mattermostCommandId = '';

  function seedGitLab(): void {
    gitlab.reset();
    for (const [role, user] of Object.entries(USERS) as Array<[Role, (typeof USERS)[Role]]>)
      gitlab.addUser({ ...user, tokens: [personalToken(role)] });
    const { maintainer, developer, reporter, guest } = USERS;
    gitlab.addProject({
      id: BACKEND.id,
      path_with_namespace: BACKEND.path,
      name: 'backend',
      visibility: 'private',
      members: {
        [maintainer.id]: AccessLevel.Maintainer,
        [developer.id]: AccessLevel.Developer,
        [reporter.id]: AccessLevel.Reporter,
        [guest.id]: AccessLevel.Guest,
      },
    });
    gitlab.addProject({
      id: WEB.id,
      path_with_namespace: WEB.path,
      name: 'web',
      visibility: 'private',
      members: { [maintainer.id]: AccessLevel.Maintainer, [developer.id]: AccessLevel.Developer },
    });
    gitlab.addProject({
      id: SECRET.id,
      path_with_namespace: SECRET.path,
      name: 'secret',
      visibility: 'private',
      members: { [maintainer.id]: AccessLevel.Maintainer },
    });
    gitlab.addOAuthApplication({ ...OAUTH_APP, redirectUri: `${PUBLIC_URL}${OAUTH_CALLBACK_PATH}` });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([gitlab.start(), slack.start(), mattermost.start()]);
    redis = createProducerConnection(testInfra().redisUrl);
    await saveSlackInstallation(database.db, box, {
      teamId: TEAM.slack,
      teamName: 'Acme',
      botUserId: 'U0BOT00001',
      botToken: 'xoxb-test',
      scopes: ['commands', 'chat:write'],
    });
    const connection = await database.db.mattermostConnection.create({
      data: { name: 'mm', url: mattermost.url, botTokenSealed: box.seal(MATTERMOST_BOT_TOKEN) },
    });
    mattermostCommandId = (
      await createMattermostCommand(database.db, {
        connectionId: connection.id,
        teamId: TEAM.mattermost,
        trigger: '/gitlab',
        token: 'mm-command-token',
      })
    ).id;
  });

  /** The fake chats' workspace and team: the bot, the channel and a user per role. */
  function seedChats(): void {
    slack.reset();
    slack.addWorkspace({
      teamId: TEAM.slack,
      teamName: 'Acme',
      botToken: 'xoxb-test',
      botUserId: 'U0BOT00001',
      channels: [{ id: CHANNEL.slack, name: 'general' }],
      users: (Object.keys(USERS) as Role[]).map((role) => ({
        id: chatUser('slack', role),
        name: USERS[role].username,
      })),
    });
    mattermost.reset();
    mattermost.addTeam({ id: TEAM.mattermost, name: 'acme' });
    mattermost.addUser({
      id: 'mmbotaaaaaaaaaaaaaaaaaaaaa',
      username: 'gitlab',
      token: MATTERMOST_BOT_TOKEN,
      teamIds: [TEAM.mattermost],
      isBot: true,
    });
    for (const role of Object.keys(USERS) as Role[])
      mattermost.addUser({
        id: chatUser('mattermost', role),
        username: USERS[role].username,
        teamIds: [TEAM.mattermost],
      });
    mattermost.addChannel({ id: CHANNEL.mattermost, teamId: TEAM.mattermost, name: 'town-square', type: 'O' });
  }

  beforeEach(async () => {
    seedGitLab();
    seedChats();
    prefix = uniquePrefix('incidents');
    queues = new JobQueues(redis, prefix);
    const env = loadConfig(incidentEnvSchema, {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: testInfra().redisUrl,
      QUEUE_PREFIX: prefix,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      LOG_LEVEL: 'silent',
      GITLAB_URL: gitlab.url,
      GITLAB_OAUTH_CLIENT_ID: OAUTH_APP.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: OAUTH_APP.clientSecret,
      PUBLIC_URL,
      SLACK_API_URL: `${slack.url}/api/`,
    });
    service = await buildIncident(env, logger);
  });

  afterEach(async () => {
    await service?.close();
    service = undefined;
    await queues.close();
    await deletePrefix(prefix);
    await database.db.incident.deleteMany();
    await database.db.chatIdentity.deleteMany();
  });

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([gitlab.stop(), slack.stop(), mattermost.stop()]);
    await database?.drop();
  });

  async function run(
    provider: ChatPlatform,
    role: Role,
    action: JobInput<typeof QueueName.Incidents>['action'],
    options: { channelId?: string } = {},
  ): Promise<void> {
    const { jobId } = await queues.enqueue(QueueName.Incidents, {
      provider,
      teamId: TEAM[provider],
      userId: chatUser(provider, role),
      channelId: options.channelId ?? CHANNEL[provider],
      action,
      receivedAt: new Date().toISOString(),
    });
    // Completed jobs are removed after a while: a job no longer found has run too.
    await waitFor(
      async () => {
        const state = await queues.queue(QueueName.Incidents).getJobState(jobId);
        return ['completed', 'failed', 'unknown'].includes(state) ? state : undefined;
      },
      { timeoutMs: 15_000, what: `incident job ${action.kind}` },
    );
  }

  const responseUrl = (provider: ChatPlatform) =>
    provider === 'slack' ? slack.createResponseUrl() : mattermost.createResponseUrl();

  const responses = (provider: ChatPlatform, url: string): ResponsePost[] =>
    provider === 'slack' ? slack.responses(url) : mattermost.responses(url);

  const reply = (provider: ChatPlatform, url: string, count = 1) =>
    waitFor(
      () => {
        const accepted = responses(provider, url).filter((post) => post.status === 200);
        return accepted.length >= count ? (accepted[count - 1]?.payload ?? {}) : undefined;
      },
      { timeoutMs: 15_000, what: `reply #${count} at ${url}` },
    );

  async function gitlabApi(role: Role, method: string, path: string, body?: Record<string, unknown>) {
    const response = await fetch(`${gitlab.url}/api/v4${path}`, {
      method,
      headers: { 'private-token': personalToken(role), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function createIncident(role: Role, project: { id: number }, title: string): Promise<CreatedIncident> {
    const created = await gitlabApi(role, 'POST', `/projects/${project.id}/issues`, { title, issue_type: 'incident' });
    if (created.status !== 201) throw new Error(`GitLab did not create the incident: ${created.status}`);
    const { id, iid, web_url: webUrl } = created.body as { id: number; iid: number; web_url: string };
    return { id, iid, projectId: project.id, title, webUrl };
  }

  async function recordOwnChannel(provider: ChatPlatform, incident: CreatedIncident, channelId: string) {
    const path = [BACKEND, WEB, SECRET].find((p) => p.id === incident.projectId)?.path ?? '';
    const record = await recordIncident(database.db, {
      gitlabProjectId: incident.projectId,
      projectPath: path,
      gitlabIssueIid: incident.iid,
      gitlabIssueId: incident.id,
      title: incident.title,
      webUrl: incident.webUrl,
      provider,
      teamId: TEAM[provider],
      channelId: CHANNEL[provider],
      declaredBy: chatUser(provider, 'maintainer'),
    });
    await setIncidentChannel(database.db, record.id, channelId);
    return { ...record, incidentChannelId: channelId };
  }

  return {
    get database() {
      return database;
    },
    get mattermostCommandId() {
      return mattermostCommandId;
    },
    get prefix() {
      return prefix;
    },
    gitlab,
    slack,
    mattermost,
    triggerId: (provider, role) =>
      provider === 'slack'
        ? slack.issueTriggerId(TEAM.slack, { userId: chatUser('slack', role) })
        : mattermost.issueTriggerId(chatUser('mattermost', role), {
            teamId: TEAM.mattermost,
            channelId: CHANNEL.mattermost,
          }),
    formStateKey: formStateKey(Buffer.from(TEST_ENCRYPTION_KEY, 'hex')),
    link: (provider, role) =>
      saveChatIdentity(database.db, box, {
        provider,
        teamId: TEAM[provider],
        chatUserId: chatUser(provider, role),
        gitlabUserId: USERS[role].id,
        gitlabUsername: USERS[role].username,
        accessToken: personalToken(role),
        refreshToken: null,
        tokenExpiresAt: null,
      }),
    async identityOf(provider, role) {
      const identity = await findChatIdentity(database.db, {
        provider,
        teamId: TEAM[provider],
        chatUserId: chatUser(provider, role),
      });
      if (!identity) throw new Error(`${role} is not linked on ${provider}`);
      return identity.id;
    },
    run,
    responseUrl,
    responses,
    reply,
    createIncident,
    recordIncident: recordOwnChannel,
    gitlabApi,
  };
}

/** What the gateway hands the incident service for a button: Mattermost's context is verified first. */
export function choiceIdOfButton(provider: ChatPlatform, key: Buffer, value: string): string {
  if (provider === 'slack') return value;
  const verified = readFormState(key, value);
  if (verified === null) throw new Error('the button value was not signed with the service key');
  return verified;
}

/** Slack shows `[label](url)` links as `<url|label>`; Mattermost keeps the markdown. */
export function link(provider: ChatPlatform, label: string, url: string): string {
  return provider === 'slack' ? `<${url}|${label}>` : `[${label}](${url})`;
}

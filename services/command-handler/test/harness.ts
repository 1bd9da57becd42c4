import { type ChatPlatform } from '@chatops/chat';
import { loadConfig } from '@chatops/config';
import {
  type ChatIdentity,
  createMattermostCommand,
  type Db,
  type Project,
  saveChatIdentity,
  upsertProject,
} from '@chatops/db';
import { createPkcePair, GitLabOAuth, LinkRequests, OAUTH_CALLBACK_PATH, type OAuthTokens } from '@chatops/identity';
import { QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { AccessLevel, type FakeGitLab, freePort } from '@chatops/testing';
import { CHANNEL, chatUser as anyChatUser, TEAM } from '@chatops/test-support/fake-chats';
import { linkedAccounts, type RoleTable } from '@chatops/test-support/roles';
import { addGitLabProject, OAUTH_APP, PUBLIC_URL, WorkerServiceHarness } from '@chatops/test-support/worker-service';
import { buildCommandHandler } from '../src/app';
import { commandHandlerEnvSchema } from '../src/env';

/*
 * The command-handler in-process (test/support/worker-service.ts). Commands are queued the way the
 * gateway queues them; replies are read where the chat would receive them, at the command's response_url.
 */

export { CHANNEL, link, PROVIDERS, TEAM } from '@chatops/test-support/fake-chats';
export { PUBLIC_URL } from '@chatops/test-support/worker-service';

export type Role = 'maintainer' | 'developer' | 'guest' | 'outsider';
/** GitLab user ids; each user has a personal access token `glpat-<role>`. */
export const USERS: RoleTable<Role> = {
  maintainer: { id: 1, username: 'alice', name: 'Alice Maintainer' },
  developer: { id: 2, username: 'dave', name: 'Dave Developer' },
  guest: { id: 3, username: 'gus', name: 'Gus Guest' },
  outsider: { id: 4, username: 'olga', name: 'Olga Outsider' },
};
/** The chat user id of a role in each chat. */
export const chatUser: (provider: ChatPlatform, role: Role) => string = anyChatUser;

/** acme/backend: private, every role but the outsider a member; CI defines `lint` and `hello`. */
export const BACKEND = { id: 10, path: 'acme/backend' };
/** acme/docs: public, the maintainer owns it. */
export const DOCS = { id: 11, path: 'acme/docs' };
/** acme/secret: private, only the maintainer is a member. */
export const SECRET = { id: 12, path: 'acme/secret' };
/** acme/archive: archived (read-only), the developer is a Developer there. */
export const ARCHIVE = { id: 13, path: 'acme/archive' };

export interface SendOptions {
  /** Slack team id (default: the one with the installation). */
  teamId?: string;
  /** Mattermost command id (default: the alias-based command). */
  mattermostCommandId?: string;
}

const logger = createLogger({ service: 'command-handler-test', level: 'silent' });

/**
 * The jest hooks of the enclosing describe block (see WorkerServiceHarness), and no subscriptions
 * left from earlier tests. With `gitlabUnreachable`, the command-handler's GitLab URL is a closed port.
 */
export function useCommandHandler(settings: { gitlabUnreachable?: boolean } = {}): Harness {
  return new Harness(settings);
}

export class Harness extends WorkerServiceHarness<Role> {
  /** The registered projects, by GitLab project id. */
  readonly projects = new Map<number, Project>();
  private backendCommandId = '';
  private linkRequests!: LinkRequests;

  constructor(private readonly settings: { gitlabUnreachable?: boolean }) {
    super(USERS, 'commands');
  }

  /** The Mattermost command fixed to acme/backend. */
  get mattermostBackendCommandId(): string {
    return this.backendCommandId;
  }
  get links(): LinkRequests {
    return this.linkRequests;
  }

  protected addProjects(gitlab: FakeGitLab): void {
    const { maintainer, developer, guest } = USERS;
    addGitLabProject(gitlab, BACKEND, {
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
    addGitLabProject(gitlab, DOCS, { visibility: 'public', members: { [maintainer.id]: AccessLevel.Owner } });
    addGitLabProject(gitlab, SECRET, { visibility: 'private', members: { [maintainer.id]: AccessLevel.Maintainer } });
    addGitLabProject(gitlab, ARCHIVE, {
      visibility: 'private',
      archived: true,
      members: { [developer.id]: AccessLevel.Developer },
    });
  }

  protected override async seedDatabase(db: Db): Promise<void> {
    for (const project of [BACKEND, DOCS, SECRET, ARCHIVE]) {
      const name = project.path.split('/').pop() ?? project.path;
      this.projects.set(
        project.id,
        await upsertProject(db, {
          gitlabProjectId: project.id,
          pathWithNamespace: project.path,
          name,
          webUrl: this.projectUrl(project),
        }),
      );
    }
    const backend = await createMattermostCommand(db, {
      connectionId: this.mattermostConnectionId,
      teamId: TEAM.mattermost,
      trigger: '/backend',
      token: 'mm-command-token-backend',
      projectId: this.projects.get(BACKEND.id)?.id ?? null,
    });
    this.backendCommandId = backend.id;
  }

  protected async startService() {
    this.linkRequests = new LinkRequests(this.redis, this.prefix);
    // A port nobody listens on: GitLab is down.
    const gitlabUrl = this.settings.gitlabUnreachable ? `http://127.0.0.1:${await freePort()}` : this.gitlab.url;
    const env = loadConfig(commandHandlerEnvSchema, {
      ...this.serviceEnv(),
      GITLAB_URL: gitlabUrl,
      CHATOPS_POLL_INTERVAL_MS: '200',
    });
    return buildCommandHandler(env, logger);
  }

  protected cleanUp(db: Db) {
    return db.integration.deleteMany();
  }

  /** Queues a slash command as the gateway does; resolves with its response_url. */
  async send(provider: ChatPlatform, role: Role, text: string, options: SendOptions = {}): Promise<string> {
    const responseUrl = this.responseUrl(provider);
    await this.queues.enqueue(QueueName.Commands, {
      provider,
      teamId: provider === 'slack' ? (options.teamId ?? TEAM.slack) : TEAM.mattermost,
      teamDomain: 'acme',
      ...(provider === 'mattermost'
        ? { mattermostCommandId: options.mattermostCommandId ?? this.mattermostCommandId }
        : {}),
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

  /** Like reply, but the body exactly as posted. */
  rawReply(provider: ChatPlatform, responseUrl: string, count = 1): Promise<Record<string, unknown>> {
    return this.reply(provider, responseUrl, count);
  }

  oauthClient(): GitLabOAuth {
    return new GitLabOAuth({
      gitlabUrl: this.gitlab.url,
      clientId: OAUTH_APP.clientId,
      clientSecret: OAUTH_APP.clientSecret,
      redirectUri: `${PUBLIC_URL}${OAUTH_CALLBACK_PATH}`,
    });
  }

  /** Links a chat user through GitLab's OAuth flow (PKCE), as the gateway does; returns the identity and its tokens. */
  async linkWithOAuth(provider: ChatPlatform, role: Role): Promise<{ identity: ChatIdentity; tokens: OAuthTokens }> {
    const oauth = this.oauthClient();
    this.gitlab.setBrowserUser(USERS[role].id);
    const { verifier, challenge } = createPkcePair();
    const consent = await fetch(oauth.authorizationUrl('state-1', challenge), { redirect: 'manual' });
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
    if (!code) throw new Error(`GitLab did not authorize: ${consent.status} ${consent.headers.get('location') ?? ''}`);
    const tokens = await oauth.exchangeCode(code, verifier);
    const identity = await saveChatIdentity(this.database.db, this.box, {
      ...linkedAccounts(USERS, provider, role),
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenExpiresAt: tokens.expiresAt,
    });
    return { identity, tokens };
  }

  projectUrl(project: { path: string }): string {
    return `${this.gitlab.url}/${project.path}`;
  }
}

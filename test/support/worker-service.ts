import { type ChatPlatform } from '@chatops/chat';
import { type ChatIdentity, type Db, SecretBox } from '@chatops/db';
import { OAUTH_CALLBACK_PATH } from '@chatops/identity';
import { createProducerConnection, JobQueues } from '@chatops/jobs';
import { FakeGitLab, FakeMattermost, FakeSlack, type GitLabProjectInput } from '@chatops/testing';
import { type Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from './database';
import {
  type ChatInstallations,
  type FakeChats,
  newResponseUrl,
  replyAt,
  responsesAt,
  type ResponsePost,
  seedChatInstallations,
} from './fake-chats';
import { TEST_ENCRYPTION_KEY, testInfra } from './infra';
import { deletePrefix, uniquePrefix } from './redis';
import { addGitLabUsers, findLinkedIdentity, gitlabApiAs, linkWithPersonalToken, type RoleTable } from './roles';

/** The GitLab OAuth application the services are configured with (the fake GitLab knows it too). */
export const OAUTH_APP = { clientId: 'chatops-client-id', clientSecret: 'chatops-client-secret' };
export const PUBLIC_URL = 'http://127.0.0.1:3999';

/** One of a harness's GitLab projects, as its tests name it. */
export interface ProjectRef {
  id: number;
  path: string;
}

/** Adds a harness's project to the fake GitLab (which names it after the path's last part). */
export function addGitLabProject(
  gitlab: FakeGitLab,
  project: ProjectRef,
  fields: Omit<GitLabProjectInput, 'id' | 'path_with_namespace'>,
): void {
  gitlab.addProject({ id: project.id, path_with_namespace: project.path, ...fields });
}

/** What the harness needs of a service it built: closing it after the test. */
interface RunningService {
  close(): Promise<void>;
}

/**
 * A worker service (command-handler, incident) in-process, against the real Redis and PostgreSQL,
 * with GitLab, Slack and Mattermost faked over real HTTP. A harness extends it with its roles, its
 * projects and how its service is built and its jobs queued; the life cycle is the same for all.
 * Jobs are queued under a prefix of each test's own, so tests never see each other's jobs.
 */
export abstract class WorkerServiceHarness<R extends string> implements FakeChats {
  readonly gitlab = new FakeGitLab();
  readonly slack = new FakeSlack();
  readonly mattermost = new FakeMattermost();
  readonly box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
  /** Set once per describe block (beforeAll). */
  private block!: { database: TestDatabase; redis: Redis; installations: ChatInstallations };
  /** Set per test (beforeEach). */
  private current!: { prefix: string; queues: JobQueues; service?: RunningService };

  /**
   * Registers the jest hooks of the enclosing describe block: fakes, database and chat installations
   * once; per test a freshly seeded GitLab, a new queue prefix and a new service, and no links left
   * from earlier tests. `queueLabel` names the prefixes.
   */
  protected constructor(
    protected readonly users: RoleTable<R>,
    queueLabel: string,
  ) {
    beforeAll(async () => {
      const database = await createTestDatabase();
      await Promise.all([this.gitlab.start(), this.slack.start(), this.mattermost.start()]);
      const redis = createProducerConnection(testInfra().redisUrl);
      const installations = await seedChatInstallations(database.db, this.box, this.mattermost.url);
      this.block = { database, redis, installations };
      await this.seedDatabase(database.db);
    });

    beforeEach(async () => {
      this.gitlab.reset();
      addGitLabUsers(this.gitlab, users);
      this.addProjects(this.gitlab);
      this.gitlab.addOAuthApplication({ ...OAUTH_APP, redirectUri: `${PUBLIC_URL}${OAUTH_CALLBACK_PATH}` });
      const prefix = uniquePrefix(queueLabel);
      this.current = { prefix, queues: new JobQueues(this.block.redis, prefix) };
      this.current.service = await this.startService();
    });

    afterEach(async () => {
      await this.current.service?.close();
      await this.current.queues.close();
      await deletePrefix(this.current.prefix);
      await this.cleanUp(this.database.db);
      await this.database.db.chatIdentity.deleteMany();
    });

    afterAll(async () => {
      this.block?.redis.disconnect();
      await Promise.all([this.gitlab.stop(), this.slack.stop(), this.mattermost.stop()]);
      await this.block?.database.drop();
    });
  }

  /** Adds the harness's projects to the fake GitLab, which holds just the roles' accounts then. */
  protected abstract addProjects(gitlab: FakeGitLab): void;
  /** Builds the service for a test: `serviceEnv()` plus its own settings. */
  protected abstract startService(): Promise<RunningService>;
  /** Deletes what a test left in the harness's own tables (links go anyway). */
  protected abstract cleanUp(db: Db): Promise<unknown>;
  /** Once per describe block, after the chat installations: the harness's own rows. */
  protected async seedDatabase(_db: Db): Promise<void> {}

  /** The settings every worker service takes, for this test. */
  protected serviceEnv(): Record<string, string> {
    return {
      DATABASE_URL: this.database.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: testInfra().redisUrl,
      QUEUE_PREFIX: this.prefix,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      LOG_LEVEL: 'silent',
      GITLAB_URL: this.gitlab.url,
      GITLAB_OAUTH_CLIENT_ID: OAUTH_APP.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: OAUTH_APP.clientSecret,
      PUBLIC_URL,
      // The fake Slack and Mattermost listen on loopback, which chatops refuses as a target by default.
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    };
  }

  get database(): TestDatabase {
    return this.block.database;
  }
  /** The producer connection the harness queues with. */
  protected get redis(): Redis {
    return this.block.redis;
  }
  get slackInstallationId(): string {
    return this.block.installations.slackInstallationId;
  }
  get mattermostConnectionId(): string {
    return this.block.installations.mattermostConnectionId;
  }
  /** The Mattermost command that takes a project alias. */
  get mattermostCommandId(): string {
    return this.block.installations.mattermostCommandId;
  }
  /** This test's queue prefix (the service's QUEUE_PREFIX). */
  get prefix(): string {
    return this.current.prefix;
  }
  /** This test's queues, to queue jobs as the gateway or the command-handler does. */
  protected get queues(): JobQueues {
    return this.current.queues;
  }

  /** A new response URL of the chat (a slash command's, or a Slack click's). */
  responseUrl(provider: ChatPlatform): string {
    return newResponseUrl(this, provider);
  }
  responses(provider: ChatPlatform, responseUrl: string): ResponsePost[] {
    return responsesAt(this, provider, responseUrl);
  }
  /** Waits for the `count`-th accepted post at a response URL and returns its payload. */
  reply(provider: ChatPlatform, responseUrl: string, count = 1): Promise<Record<string, unknown>> {
    return replyAt(this, provider, responseUrl, count);
  }

  /** Links a chat user with the role's personal access token (no refresh token, no expiry). */
  link(provider: ChatPlatform, role: R): Promise<ChatIdentity> {
    return linkWithPersonalToken(this.database.db, this.box, this.users, provider, role);
  }
  identity(provider: ChatPlatform, role: R): Promise<ChatIdentity | null> {
    return findLinkedIdentity(this.database.db, provider, role);
  }
  /** A raw GitLab API call as a role (setting up issues etc.). */
  gitlabApi(
    role: R,
    method: string,
    path: string,
    body?: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    return gitlabApiAs(this.gitlab.url, role, method, path, body);
  }
}

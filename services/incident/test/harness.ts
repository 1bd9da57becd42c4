import { type ChatPlatform, formStateKey, readFormState } from '@chatops/chat';
import { loadConfig } from '@chatops/config';
import { type Db, type Incident, recordIncident, setIncidentChannel } from '@chatops/db';
import { type JobInput, QueueName } from '@chatops/jobs';
import { createLogger } from '@chatops/observability';
import { AccessLevel, type FakeGitLab } from '@chatops/testing';
import { CHANNEL, chatUser as anyChatUser, seedFakeChats, TEAM } from '@chatops/test-support/fake-chats';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { type RoleTable } from '@chatops/test-support/roles';
import { waitFor } from '@chatops/test-support/wait';
import { addGitLabProject, WorkerServiceHarness } from '@chatops/test-support/worker-service';
import { buildIncident } from '../src/app';
import { incidentEnvSchema } from '../src/env';

/*
 * The incident service in-process (test/support/worker-service.ts). Its jobs are queued as the
 * command-handler (slash commands) and the gateway (clicks) queue them; answers are read where the
 * chat receives them, at the command's (or the click's) response URL.
 */

export { link, PROVIDERS, TEAM } from '@chatops/test-support/fake-chats';

export type Role = 'maintainer' | 'developer' | 'reporter' | 'guest';
/** GitLab user ids; each user has a personal access token `glpat-<role>`. */
export const USERS: RoleTable<Role> = {
  maintainer: { id: 1, username: 'alice', name: 'Alice Maintainer' },
  developer: { id: 2, username: 'dave', name: 'Dave Developer' },
  reporter: { id: 3, username: 'rita', name: 'Rita Reporter' },
  guest: { id: 4, username: 'gus', name: 'Gus Guest' },
};
/** The chat user id of a role in each chat. */
export const chatUser: (provider: ChatPlatform, role: Role) => string = anyChatUser;

/** acme/backend: private; maintainer, developer, reporter and guest are members with their roles. */
export const BACKEND = { id: 10, path: 'acme/backend' };
/** acme/web: private; the maintainer and the developer are members. */
export const WEB = { id: 11, path: 'acme/web' };
/** acme/secret: private; only the maintainer is a member. */
export const SECRET = { id: 12, path: 'acme/secret' };

/** An incident created in the fake GitLab (REST's answer). */
export interface CreatedIncident {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  webUrl: string;
}

const logger = createLogger({ service: 'incident-test', level: 'silent' });

/**
 * The jest hooks of the enclosing describe block (see WorkerServiceHarness), with the fake chats
 * reseeded and no incidents left from earlier tests.
 */
export function useIncidentService(): IncidentHarness {
  return new IncidentHarness();
}

export class IncidentHarness extends WorkerServiceHarness<Role> {
  /** The key the service signs Mattermost button contexts with (the gateway's too). */
  readonly formStateKey = formStateKey(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));

  constructor() {
    super(USERS, 'incidents');
  }

  protected addProjects(gitlab: FakeGitLab): void {
    const { maintainer, developer, reporter, guest } = USERS;
    addGitLabProject(gitlab, BACKEND, {
      visibility: 'private',
      members: {
        [maintainer.id]: AccessLevel.Maintainer,
        [developer.id]: AccessLevel.Developer,
        [reporter.id]: AccessLevel.Reporter,
        [guest.id]: AccessLevel.Guest,
      },
    });
    const web = { [maintainer.id]: AccessLevel.Maintainer, [developer.id]: AccessLevel.Developer };
    addGitLabProject(gitlab, WEB, { visibility: 'private', members: web });
    addGitLabProject(gitlab, SECRET, { visibility: 'private', members: { [maintainer.id]: AccessLevel.Maintainer } });
  }

  protected startService() {
    // Tests change the chats (channels opened, views and posts): each starts from the seeded ones.
    seedFakeChats(this, USERS);
    const env = loadConfig(incidentEnvSchema, { ...this.serviceEnv(), SLACK_API_URL: `${this.slack.url}/api/` });
    return buildIncident(env, logger);
  }

  protected cleanUp(db: Db) {
    return db.incident.deleteMany();
  }

  /** The id of a linked chat user's identity (what the command-handler puts in the job). */
  async identityOf(provider: ChatPlatform, role: Role): Promise<string> {
    const identity = await this.identity(provider, role);
    if (!identity) throw new Error(`${role} is not linked on ${provider}`);
    return identity.id;
  }

  /** Queues an incident action of a chat user as the command-handler or the gateway does; resolves once it ran. */
  async run(
    provider: ChatPlatform,
    role: Role,
    action: JobInput<typeof QueueName.Incidents>['action'],
    options: { channelId?: string } = {},
  ): Promise<void> {
    const { jobId } = await this.queues.enqueue(QueueName.Incidents, {
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
        const state = await this.queues.queue(QueueName.Incidents).getJobState(jobId);
        return ['completed', 'failed', 'unknown'].includes(state) ? state : undefined;
      },
      { timeoutMs: 15_000, what: `incident job ${action.kind}` },
    );
  }

  /** A trigger id as the chat hands one to a slash command of this user (valid 3 s). */
  triggerId(provider: ChatPlatform, role: Role): string {
    return provider === 'slack'
      ? this.slack.issueTriggerId(TEAM.slack, { userId: chatUser('slack', role) })
      : this.mattermost.issueTriggerId(chatUser('mattermost', role), {
          teamId: TEAM.mattermost,
          channelId: CHANNEL.mattermost,
        });
  }

  /** Creates an incident in the fake GitLab as a role. */
  async createIncident(role: Role, project: { id: number }, title: string): Promise<CreatedIncident> {
    const created = await this.gitlabApi(role, 'POST', `/projects/${project.id}/issues`, {
      title,
      issue_type: 'incident',
    });
    if (created.status !== 201) throw new Error(`GitLab did not create the incident: ${created.status}`);
    const { id, iid, web_url: webUrl } = created.body as { id: number; iid: number; web_url: string };
    return { id, iid, projectId: project.id, title, webUrl };
  }

  /** Records an incident as the declare flow does, with a channel of its own. */
  async recordIncident(provider: ChatPlatform, incident: CreatedIncident, channelId: string): Promise<Incident> {
    const path = [BACKEND, WEB, SECRET].find((p) => p.id === incident.projectId)?.path ?? '';
    const record = await recordIncident(this.database.db, {
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
    await setIncidentChannel(this.database.db, record.id, channelId);
    return { ...record, incidentChannelId: channelId };
  }
}

/** What the gateway hands the incident service for a button: Mattermost's context is verified first. */
export function choiceIdOfButton(provider: ChatPlatform, key: Buffer, value: string): string {
  if (provider === 'slack') return value;
  const verified = readFormState(key, value);
  if (verified === null) throw new Error('the button value was not signed with the service key');
  return verified;
}

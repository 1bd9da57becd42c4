import {
  createEndpoint,
  createIntegration,
  createMattermostCommand,
  type Db,
  generateSecret,
  saveChatIdentity,
  saveSlackInstallation,
  SecretBox,
  upsertProject,
} from '@chatops/db';
import { AccessLevel, type FakeGitLab } from '@chatops/testing';
import { ENCRYPTION_KEY } from './config';
import { BOT_TOKEN, channelId, TEAM_ID } from './slack';

export interface SeededEndpoint {
  id: string;
  secret: string;
  signingSecret: string | undefined;
  channel: string;
}

/**
 * `count` GitLab projects, each with a signed webhook endpoint and one Slack bot integration
 * (merge_request events, threading off, all branches) posting to a channel of its own.
 */
export async function seedProjects(db: Db, count: number): Promise<SeededEndpoint[]> {
  const box = new SecretBox(Buffer.from(ENCRYPTION_KEY, 'hex'));
  const installation = await saveSlackInstallation(db, box, {
    teamId: TEAM_ID,
    teamName: 'Bench',
    botUserId: 'UBENCHBOT',
    botToken: BOT_TOKEN,
    scopes: ['chat:write', 'chat:write.public'],
  });
  const endpoints: SeededEndpoint[] = [];
  for (let i = 0; i < count; i++) {
    const project = await upsertProject(db, {
      gitlabProjectId: 1000 + i,
      pathWithNamespace: `bench/project-${i}`,
      name: `Project ${i}`,
      webUrl: `http://gitlab.example.com/bench/project-${i}`,
    });
    const channel = channelId(i);
    await createIntegration(db, {
      projectId: project.id,
      name: 'bench',
      destination: 'slack_bot',
      slackInstallationId: installation.id,
      defaultChannel: channel,
      threading: false,
      branchesToBeNotified: 'all',
      routes: [{ event: 'merge_request' }],
    });
    const { endpoint, secret, signingSecret } = await createEndpoint(db, {
      projectId: project.id,
      description: 'bench',
      signingBox: box,
      // Every bench webhook is GitLab's merge_request fixture, about project 1: a project endpoint
      // would refuse it as another project's (403), so these take any project's, as a group hook does.
      scope: 'group',
    });
    endpoints.push({ id: endpoint.id, secret, signingSecret, channel });
  }
  return endpoints;
}

export interface SeededMattermostCommand {
  token: string;
  teamId: string;
}

/** A Mattermost connection and one `/gitlab` command on it, whose token authenticates `POST /mattermost/commands`. */
export async function seedMattermostCommand(db: Db): Promise<SeededMattermostCommand> {
  const teamId = 'mmbenchteam';
  const token = generateSecret();
  // @chatops/db has no query that creates a connection (the CLI upserts through Prisma directly).
  const connection = await db.mattermostConnection.create({ data: { name: 'bench', url: 'http://127.0.0.1:8065' } });
  await createMattermostCommand(db, { connectionId: connection.id, teamId, trigger: '/gitlab', token });
  return { token, teamId };
}

export interface LinkedUser {
  /** The chat user id a slash command carries. */
  chatUserId: string;
  gitlabUserId: number;
}

/** The incident template every seeded project has (`.gitlab/issue_templates/incident.md`). */
const INCIDENT_TEMPLATE = '## Summary\n\n## Impact\n\n## Timeline\n';

/**
 * `users` chat users of the bench Slack workspace (seedProjects installs the app there), linked
 * to users of the fake GitLab (a personal access token each, sealed as account linking stores
 * it, never expiring), and `projects` private projects where each of them is a Developer (may
 * create incidents), each with an incident template: what `/gitlab incident declare` lists and
 * prefills.
 */
export async function seedLinkedUsers(
  db: Db,
  gitlab: FakeGitLab,
  options: { users: number; projects: number },
): Promise<LinkedUser[]> {
  const box = new SecretBox(Buffer.from(ENCRYPTION_KEY, 'hex'));
  const users: LinkedUser[] = [];
  for (let i = 0; i < options.users; i++) {
    const id = 100 + i;
    const username = `bench-user-${i}`;
    const token = `glpat-bench-${i}-${generateSecret().slice(0, 12)}`;
    gitlab.addUser({ id, username, name: `Bench User ${i}`, tokens: [token] });
    const chatUserId = `UBENCH${String(i).padStart(4, '0')}`;
    await saveChatIdentity(db, box, {
      provider: 'slack',
      teamId: TEAM_ID,
      chatUserId,
      gitlabUserId: id,
      gitlabUsername: username,
      accessToken: token,
      refreshToken: null,
      tokenExpiresAt: null,
    });
    users.push({ chatUserId, gitlabUserId: id });
  }
  const members = Object.fromEntries(users.map((u) => [u.gitlabUserId, AccessLevel.Developer]));
  for (let j = 0; j < options.projects; j++) {
    const id = 5000 + j;
    gitlab.addProject({
      id,
      path_with_namespace: `bench/service-${j}`,
      name: `service-${j}`,
      visibility: 'private',
      members,
    });
    gitlab.setIssueTemplate(id, 'incident', INCIDENT_TEMPLATE);
  }
  return users;
}

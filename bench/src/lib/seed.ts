import {
  createEndpoint,
  createIntegration,
  createMattermostCommand,
  type Db,
  generateSecret,
  saveSlackInstallation,
  SecretBox,
  upsertProject,
} from '@chatops/db';
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

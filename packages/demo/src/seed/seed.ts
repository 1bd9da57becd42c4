import { DEMO, type DemoPorts, demoUrls } from '../config';
import { type WebhookTarget } from '../events/send';
import { AdminApi } from './admin-api';
import { type OperatorCli, printedId } from './operator-cli';

/** What the seeding leaves for the viewer and `demo:send`: the webhook endpoint to post to. */
export interface DemoState extends WebhookTarget {
  projectId: string;
  seededAt: string;
}

export interface SeedOptions {
  gatewayUrl: string;
  adminToken: string;
  /** The operator CLI, for what the admin API does not cover (Slack installation, Mattermost connection). */
  cli: OperatorCli;
  ports: DemoPorts;
  /** The previous run's state: its endpoint is kept while it exists (its secret is shown only once). */
  previous?: DemoState | undefined;
  log?: (line: string) => void;
}

interface Item {
  id: string;
  name?: string;
  gitlabProjectId?: number;
  connectionId?: string;
  teamId?: string;
  trigger?: string;
}

/** Every event the demo sends, each to the channel where a team would want it. */
function events(dev: string, ci: string) {
  return {
    push: { channels: [dev] },
    tag_push: { channels: [dev] },
    merge_request: { channels: [dev] },
    note: { channels: [dev] },
    issue: { channels: [dev] },
    pipeline: { channels: [ci] },
    deployment: { channels: [ci] },
  };
}

const channelId = (channels: ReadonlyArray<{ id: string; name: string }>, name: string) => {
  const found = channels.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no demo channel ${name}`);
  return found.id;
};

/**
 * Configures chatops for the demo through its real interfaces, the admin API and the operator CLI:
 * the project (and its alias), a Slack installation and a Mattermost connection pointing at the
 * fakes, one bot integration on each (threading on, every pipeline), the Mattermost slash command
 * and a webhook endpoint. Safe to run again: what exists is reused, and the two integrations are
 * created afresh, so threads never point at messages of an earlier fake Slack or Mattermost.
 */
export async function seedDemo(options: SeedOptions): Promise<DemoState> {
  const log = options.log ?? (() => undefined);
  const api = new AdminApi(options.gatewayUrl, options.adminToken);
  const urls = demoUrls(options.ports);
  const { gitlab, slack, mattermost, names } = DEMO;

  const projects = await api.expect<{ items: Item[] }>('GET', '/projects', undefined, [200]);
  let project = projects.items.find((p) => p.gitlabProjectId === gitlab.projectId);
  project ??= await api.expect<Item>(
    'POST',
    '/projects',
    {
      gitlabProjectId: gitlab.projectId,
      pathWithNamespace: gitlab.path,
      name: gitlab.name,
      webUrl: `${urls.gitlab}/${gitlab.path}`,
      defaultBranch: gitlab.defaultBranch,
    },
    [201],
  );
  log(`project ${gitlab.path} (${project.id})`);
  await api.expect('POST', `/projects/${project.id}/aliases`, { alias: gitlab.alias }, [201, 409]);

  const installation = printedId(
    await options.cli([
      'slack:install:add',
      '--team-id',
      slack.teamId,
      '--team-name',
      slack.teamName,
      '--bot-user-id',
      slack.botUserId,
      '--bot-token',
      slack.botToken,
      '--scopes',
      'chat:write,chat:write.public,commands',
    ]),
  );
  const connection = printedId(
    await options.cli([
      'mattermost:connection:add',
      '--name',
      names.mattermostConnection,
      '--url',
      urls.mattermost,
      '--bot-token',
      mattermost.botToken,
    ]),
  );
  log(`Slack workspace ${slack.teamId} → ${urls.slack}, Mattermost → ${urls.mattermost}`);

  const integrations = await api.expect<{ items: Item[] }>(
    'GET',
    `/projects/${project.id}/integrations`,
    undefined,
    [200],
  );
  for (const existing of integrations.items.filter(
    (i) => i.name === names.slackIntegration || i.name === names.mattermostIntegration,
  ))
    await api.expect('DELETE', `/integrations/${existing.id}`, undefined, [204, 404]);
  const common = { threading: true, notifyOnlyBrokenPipelines: false, branchesToBeNotified: 'all' };
  const slackDev = channelId(slack.channels, 'dev');
  const mattermostDev = channelId(mattermost.channels, 'dev');
  await api.expect(
    'POST',
    `/projects/${project.id}/integrations`,
    {
      ...common,
      name: names.slackIntegration,
      destination: 'slack_bot',
      slackInstallationId: installation,
      defaultChannel: slackDev,
      events: events(slackDev, channelId(slack.channels, 'ci')),
    },
    [201],
  );
  await api.expect(
    'POST',
    `/projects/${project.id}/integrations`,
    {
      ...common,
      name: names.mattermostIntegration,
      destination: 'mattermost_bot',
      mattermostConnectionId: connection,
      defaultChannel: mattermostDev,
      events: events(mattermostDev, channelId(mattermost.channels, 'ci')),
    },
    [201],
  );
  log(`integrations ${names.slackIntegration} and ${names.mattermostIntegration} (threading on, every pipeline)`);

  const commands = await api.expect<{ items: Item[] }>('GET', '/mattermost/commands', undefined, [200]);
  const registered = commands.items.some(
    (c) => c.connectionId === connection && c.teamId === mattermost.teamId && c.trigger === names.trigger,
  );
  if (!registered)
    await api.expect(
      'POST',
      '/mattermost/commands',
      { connectionId: connection, teamId: mattermost.teamId, trigger: names.trigger, token: mattermost.commandToken },
      [201, 409],
    );

  const endpoints = await api.expect<{ items: Item[] }>('GET', `/projects/${project.id}/endpoints`, undefined, [200]);
  const previous = options.previous;
  const kept =
    previous !== undefined && endpoints.items.some((e) => e.id === previous.endpointId) ? previous : undefined;
  const endpoint =
    kept === undefined
      ? await api.expect<{ id: string; secret: string }>('POST', `/projects/${project.id}/endpoints`, {}, [201])
      : { id: kept.endpointId, secret: kept.secret };
  log(`webhook endpoint ${options.gatewayUrl}/hooks/gitlab/${endpoint.id}${kept === undefined ? '' : ' (kept)'}`);

  return {
    gatewayUrl: options.gatewayUrl,
    endpointId: endpoint.id,
    secret: endpoint.secret,
    projectId: project.id,
    seededAt: new Date().toISOString(),
  };
}

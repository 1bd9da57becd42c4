import { createIntegration, type DestinationKind, findProjectByPathOrAlias } from '@chatops/db';
import { EVENT_KINDS, isEventKind } from '@chatops/gitlab';
import { type CliCommand, listOption, requireOption, UsageError } from '../command';
import { type CliContext } from '../context';

const DESTINATIONS: readonly DestinationKind[] = ['slack_bot', 'slack_webhook', 'mattermost_webhook', 'mattermost_bot'];
const BRANCHES = ['all', 'default', 'protected', 'default_and_protected'] as const;

export const integrationCreate: CliCommand = {
  name: 'integration:create',
  summary: "Send some of a project's events to Slack or Mattermost",
  options: {
    project: { description: 'project path or alias', required: true },
    name: { description: 'integration name, unique per project', required: true },
    destination: { description: `${DESTINATIONS.join(' | ')} (default: slack_bot)` },
    'team-id': { description: 'slack_bot: Slack team id of a stored installation' },
    'webhook-url': { description: 'slack_webhook / mattermost_webhook: the incoming-webhook URL (stored encrypted)' },
    connection: { description: 'mattermost_bot: name of a stored Mattermost connection' },
    channel: { description: 'default channel (name or id; webhooks may omit it to use their own)' },
    events: { description: `comma-separated events (default: push,tag_push); known: ${EVENT_KINDS.join(', ')}` },
    branches: { description: `branches to notify: ${BRANCHES.join(' | ')} (default: default)` },
    'branch-include': { description: 'comma-separated branch globs that must match (e.g. main,release/*)' },
    'branch-exclude': { description: 'comma-separated branch globs that must not match (e.g. dependabot-*)' },
    'event-channels': { description: 'channels per event, e.g. "push=C1,C2;pipeline=C3" (at most 10 per event)' },
    'confidential-channels': {
      description: 'comma-separated channels allowed to receive confidential issues and notes',
    },
    labels: { description: 'comma-separated labels an issue or merge request must carry' },
    'labels-behavior': { description: 'match_any | match_all (default: match_any)' },
    'labels-exclude': { description: 'comma-separated labels that must not be present' },
    pipelines: { description: 'broken (default) | all | changes (only when a ref breaks or is fixed)' },
    threading: { description: 'on (default) | off' },
    username: { description: 'username override for posts' },
  },
  async run(options, context) {
    const { db, print } = context;
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    const destination = (options.destination ?? 'slack_bot') as DestinationKind;
    if (!DESTINATIONS.includes(destination))
      throw new UsageError(`--destination must be one of ${DESTINATIONS.join(', ')}`);
    const events = options.events ? listOption(options.events) : ['push', 'tag_push'];
    const unknown = events.filter((e) => !isEventKind(e));
    if (unknown.length > 0) throw new UsageError(`unknown events: ${unknown.join(', ')}`);
    const branches = options.branches ?? 'default';
    if (!(BRANCHES as readonly string[]).includes(branches)) throw new UsageError(`invalid --branches: ${branches}`);
    const eventChannels = parseEventChannels(options['event-channels']);
    for (const event of eventChannels.keys())
      if (!events.includes(event)) throw new UsageError(`--event-channels names ${event}, which is not in --events`);
    const needsDefault = events.some((e) => !eventChannels.has(e));
    if (needsDefault && !options.channel && (destination === 'slack_bot' || destination === 'mattermost_bot'))
      throw new UsageError('--channel is required for bot destinations');

    const integration = await createIntegration(db, {
      projectId: project.id,
      name: requireOption(options, 'name'),
      destination,
      ...(await destinationFields(destination, options, context)),
      defaultChannel: options.channel ?? null,
      username: options.username ?? null,
      branchesToBeNotified: branches as (typeof BRANCHES)[number],
      ...filterFields(options),
      routes: events.map((event) => ({ event, channels: eventChannels.get(event) ?? [] })),
    });
    print(
      `integration ${integration.name} (id ${integration.id}): ${events.join(', ')} → ${destination} ${integration.defaultChannel ?? '(webhook channel)'}`,
    );
  },
};

async function destinationFields(
  destination: DestinationKind,
  options: Record<string, string>,
  { db, box }: CliContext,
) {
  switch (destination) {
    case 'slack_bot': {
      const teamId = requireOption(options, 'team-id');
      const installation = await db.slackInstallation.findFirst({ where: { teamId, revokedAt: null } });
      if (!installation) throw new UsageError(`no Slack installation for team ${teamId}; run slack:install:add first`);
      return { slackInstallationId: installation.id };
    }
    case 'slack_webhook':
    case 'mattermost_webhook': {
      const url = requireOption(options, 'webhook-url');
      if (!/^https?:\/\//.test(url)) throw new UsageError('--webhook-url must be an http(s) URL');
      return { webhookUrlSealed: box.seal(url) };
    }
    case 'mattermost_bot': {
      const connection = await db.mattermostConnection.findUnique({
        where: { name: requireOption(options, 'connection') },
      });
      if (!connection)
        throw new UsageError(
          `no Mattermost connection named ${options.connection}; run mattermost:connection:add first`,
        );
      return { mattermostConnectionId: connection.id };
    }
  }
}

/** `push=C1,C2;pipeline=C3` → push → [C1, C2], pipeline → [C3]; GitLab allows 10 channels per event. */
export function parseEventChannels(value: string | undefined): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  for (const part of (value ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [event, channels] = part.split('=', 2);
    if (!event || channels === undefined || !isEventKind(event.trim()))
      throw new UsageError(`--event-channels: "${part}" is not <event>=<channel>,<channel>`);
    const list = [...new Set(listOption(channels))];
    if (list.length > 10) throw new UsageError(`--event-channels: ${event.trim()} cannot have more than 10 channels`);
    routes.set(event.trim(), list);
  }
  return routes;
}

function filterFields(options: Record<string, string>) {
  const behavior = options['labels-behavior'] ?? 'match_any';
  if (behavior !== 'match_any' && behavior !== 'match_all')
    throw new UsageError('--labels-behavior must be match_any or match_all');
  const pipelines = options.pipelines ?? 'broken';
  if (!['broken', 'all', 'changes'].includes(pipelines))
    throw new UsageError('--pipelines must be broken, all or changes');
  const threading = options.threading ?? 'on';
  if (threading !== 'on' && threading !== 'off') throw new UsageError('--threading must be on or off');
  return {
    branchInclude: listOption(options['branch-include']),
    branchExclude: listOption(options['branch-exclude']),
    confidentialChannels: listOption(options['confidential-channels']),
    labelsToBeNotified: listOption(options.labels),
    labelsBehavior: behavior as 'match_any' | 'match_all',
    labelsExclude: listOption(options['labels-exclude']),
    notifyOnlyBrokenPipelines: pipelines === 'broken',
    notifyOnlyWhenPipelineStatusChanges: pipelines === 'changes',
    threading: threading === 'on',
  };
}

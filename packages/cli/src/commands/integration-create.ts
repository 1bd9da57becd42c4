import { createIntegration, type DestinationKind, findProjectByPathOrAlias } from '@chatops/db';
import { EVENT_KINDS, isEventKind } from '@chatops/gitlab';
import { defineCommand, listOption, type OptionSpecs, type OptionValues, requireOption, UsageError } from '../command';
import { type CliContext } from '../context';

const DESTINATIONS: readonly DestinationKind[] = ['slack_bot', 'slack_webhook', 'mattermost_webhook', 'mattermost_bot'];
const BRANCHES = ['all', 'default', 'protected', 'default_and_protected'] as const;

const OPTIONS = {
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
  threading: {
    description: 'post updates of one MR, issue or pipeline in its thread (default: on; --threading off)',
    type: 'flag',
  },
  username: { description: 'username override for posts' },
} satisfies OptionSpecs;

type Options = OptionValues<typeof OPTIONS>;

export const integrationCreate = defineCommand({
  name: 'integration:create',
  summary: "Send some of a project's events to Slack or Mattermost",
  options: OPTIONS,
  check: (options) => problemsOf(options),
  async run(options, context) {
    const { db, print } = context;
    const problems = problemsOf(options);
    if (problems.length > 0) throw new UsageError(problems);
    const destination = (options.destination ?? 'slack_bot') as DestinationKind;
    const events = eventsOf(options);
    const eventChannels = parseEventChannels(options['event-channels']);
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    const name = requireOption(options, 'name');
    const existing = await db.integration.findUnique({ where: { projectId_name: { projectId: project.id, name } } });
    if (existing)
      throw new UsageError(
        `integration ${name} already exists on ${project.pathWithNamespace} (id ${existing.id}); choose another --name`,
      );

    const integration = await createIntegration(db, {
      projectId: project.id,
      name,
      destination,
      ...(await destinationFields(destination, options, context)),
      defaultChannel: options.channel ?? null,
      username: options.username ?? null,
      branchesToBeNotified: (options.branches ?? 'default') as (typeof BRANCHES)[number],
      ...filterFields(options),
      routes: events.map((event) => ({ event, channels: eventChannels.get(event) ?? [] })),
    });
    print(
      `integration ${integration.name} (id ${integration.id}): ${events.join(', ')} → ${destination} ${integration.defaultChannel ?? '(webhook channel)'}`,
    );
    return {
      id: integration.id,
      project: project.pathWithNamespace,
      name: integration.name,
      destination,
      defaultChannel: integration.defaultChannel,
      routes: integration.routes.map((r) => ({ event: r.event, channels: r.channels })),
    };
  },
});

function eventsOf(options: Options): string[] {
  return options.events ? listOption(options.events) : ['push', 'tag_push'];
}

/** Everything wrong with the options that the database is not needed to see, all at once. */
function problemsOf(options: Options): string[] {
  const problems: string[] = [];
  const attempt = (check: () => void) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message);
    }
  };
  const destination = (options.destination ?? 'slack_bot') as DestinationKind;
  if (!DESTINATIONS.includes(destination)) problems.push(`--destination must be one of ${DESTINATIONS.join(', ')}`);
  const needs = (option: 'team-id' | 'webhook-url' | 'connection') => {
    if (!options[option]) problems.push(`--${option} is required for ${destination}`);
  };
  if (destination === 'slack_bot') needs('team-id');
  if (destination === 'slack_webhook' || destination === 'mattermost_webhook') needs('webhook-url');
  if (destination === 'mattermost_bot') needs('connection');
  const webhookUrl = options['webhook-url'];
  if (webhookUrl && !/^https?:\/\//.test(webhookUrl)) problems.push('--webhook-url must be an http(s) URL');

  const events = eventsOf(options);
  const unknown = events.filter((e) => !isEventKind(e));
  if (unknown.length > 0) problems.push(`unknown events: ${unknown.join(', ')}`);
  const branches = options.branches ?? 'default';
  if (!(BRANCHES as readonly string[]).includes(branches)) problems.push(`invalid --branches: ${branches}`);
  attempt(() => {
    const eventChannels = parseEventChannels(options['event-channels']);
    for (const event of eventChannels.keys())
      if (!events.includes(event)) problems.push(`--event-channels names ${event}, which is not in --events`);
    const needsDefault = events.some((e) => !eventChannels.has(e));
    if (needsDefault && !options.channel && (destination === 'slack_bot' || destination === 'mattermost_bot'))
      problems.push('--channel is required for bot destinations');
  });
  const behavior = options['labels-behavior'];
  if (behavior !== undefined && behavior !== 'match_any' && behavior !== 'match_all')
    problems.push('--labels-behavior must be match_any or match_all');
  const pipelines = options.pipelines;
  if (pipelines !== undefined && !['broken', 'all', 'changes'].includes(pipelines))
    problems.push('--pipelines must be broken, all or changes');
  return problems;
}

async function destinationFields(destination: DestinationKind, options: Options, { db, box, outbound }: CliContext) {
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
      // A host given by name is judged when chatops connects to it, by what it resolves to then.
      const refusal = outbound.refusalOfUrl(url);
      if (refusal) throw new UsageError(`--webhook-url ${refusal.message}`);
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

/** The filter columns, from options that passed problemsOf. */
function filterFields(options: Options) {
  const behavior = options['labels-behavior'] ?? 'match_any';
  const pipelines = options.pipelines ?? 'broken';
  return {
    branchInclude: listOption(options['branch-include']),
    branchExclude: listOption(options['branch-exclude']),
    confidentialChannels: listOption(options['confidential-channels']),
    labelsToBeNotified: listOption(options.labels),
    labelsBehavior: behavior as 'match_any' | 'match_all',
    labelsExclude: listOption(options['labels-exclude']),
    notifyOnlyBrokenPipelines: pipelines === 'broken',
    notifyOnlyWhenPipelineStatusChanges: pipelines === 'changes',
    threading: options.threading ?? true,
  };
}

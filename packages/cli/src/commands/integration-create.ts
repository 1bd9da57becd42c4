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
    username: { description: 'username override for posts' },
  },
  async run(options, context) {
    const { db, print } = context;
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    const destination = (options.destination ?? 'slack_bot') as DestinationKind;
    if (!DESTINATIONS.includes(destination)) throw new UsageError(`--destination must be one of ${DESTINATIONS.join(', ')}`);
    const events = options.events ? listOption(options.events) : ['push', 'tag_push'];
    const unknown = events.filter((e) => !isEventKind(e));
    if (unknown.length > 0) throw new UsageError(`unknown events: ${unknown.join(', ')}`);
    const branches = options.branches ?? 'default';
    if (!(BRANCHES as readonly string[]).includes(branches)) throw new UsageError(`invalid --branches: ${branches}`);
    if (!options.channel && (destination === 'slack_bot' || destination === 'mattermost_bot')) throw new UsageError('--channel is required for bot destinations');

    const integration = await createIntegration(db, {
      projectId: project.id,
      name: requireOption(options, 'name'),
      destination,
      ...(await destinationFields(destination, options, context)),
      defaultChannel: options.channel ?? null,
      username: options.username ?? null,
      branchesToBeNotified: branches as (typeof BRANCHES)[number],
      routes: events.map((event) => ({ event })),
    });
    print(`integration ${integration.name} (id ${integration.id}): ${events.join(', ')} → ${destination} ${integration.defaultChannel ?? '(webhook channel)'}`);
  },
};

async function destinationFields(destination: DestinationKind, options: Record<string, string>, { db, box }: CliContext) {
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
      const connection = await db.mattermostConnection.findUnique({ where: { name: requireOption(options, 'connection') } });
      if (!connection) throw new UsageError(`no Mattermost connection named ${options.connection}; run mattermost:connection:add first`);
      return { mattermostConnectionId: connection.id };
    }
  }
}

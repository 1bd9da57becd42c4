import { createIntegration, findProjectByPathOrAlias } from '@chatops/db';
import { EVENT_KINDS, isEventKind } from '@chatops/gitlab';
import { type CliCommand, listOption, requireOption, UsageError } from '../command';

export const integrationCreate: CliCommand = {
  name: 'integration:create',
  summary: 'Send some of a project\'s events to a Slack workspace\'s channel',
  options: {
    project: { description: 'project path or alias', required: true },
    name: { description: 'integration name, unique per project', required: true },
    'team-id': { description: 'Slack team id of a stored installation', required: true },
    channel: { description: 'default channel (name or id)', required: true },
    events: { description: `comma-separated events (default: push,tag_push); known: ${EVENT_KINDS.join(', ')}` },
    branches: { description: 'branches to notify: all | default | protected | default_and_protected (default: default)' },
    username: { description: 'username override for posts' },
  },
  async run(options, { db, print }) {
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    const teamId = requireOption(options, 'team-id');
    const installation = await db.slackInstallation.findFirst({ where: { teamId, revokedAt: null } });
    if (!installation) throw new UsageError(`no Slack installation for team ${teamId}; run slack:install:add first`);
    const events = options.events ? listOption(options.events) : ['push', 'tag_push'];
    const unknown = events.filter((e) => !isEventKind(e));
    if (unknown.length > 0) throw new UsageError(`unknown events: ${unknown.join(', ')}`);
    const branches = options.branches ?? 'default';
    if (!['all', 'default', 'protected', 'default_and_protected'].includes(branches)) throw new UsageError(`invalid --branches: ${branches}`);

    const integration = await createIntegration(db, {
      projectId: project.id,
      name: requireOption(options, 'name'),
      destination: 'slack_bot',
      slackInstallationId: installation.id,
      defaultChannel: requireOption(options, 'channel'),
      username: options.username ?? null,
      branchesToBeNotified: branches as 'all' | 'default' | 'protected' | 'default_and_protected',
      routes: events.map((event) => ({ event })),
    });
    print(`integration ${integration.name} (id ${integration.id}): ${events.join(', ')} → ${integration.defaultChannel}`);
  },
};

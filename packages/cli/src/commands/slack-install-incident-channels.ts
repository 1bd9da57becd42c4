import { missingIncidentChannelScopes, setAuditedSlackIncidentChannels } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';

export const slackInstallIncidentChannels = defineCommand({
  name: 'slack:install:incident-channels',
  summary: 'Give each incident declared from a Slack workspace a channel of its own, or stop doing so',
  options: {
    id: { description: 'installation id (slack:install:list)', required: true },
    on: { description: 'open a channel per declared incident', type: 'flag' },
    off: { description: 'stop opening them (existing ones stay)', type: 'flag' },
  },
  check: (options) => (options.on === !options.off ? [] : ['give exactly one of --on and --off']),
  async run(options, { db, print }) {
    const id = requireOption(options, 'id');
    const installation = await setAuditedSlackIncidentChannels(db, id, options.on === true, CLI_ACTOR);
    if (!installation) throw new UsageError(`no Slack installation ${id}`);
    const missingScopes = installation.incidentChannels ? missingIncidentChannelScopes(installation) : [];
    print(
      `incident channels ${installation.incidentChannels ? 'on' : 'off'} for ${installation.teamName} (${installation.teamId})`,
    );
    if (missingScopes.length > 0)
      print(
        `warning: the app was not granted ${missingScopes.join(', ')}: Slack refuses to create the channels until it is reinstalled with them`,
      );
    return { ...installation, missingScopes };
  },
});

import { saveSlackInstallation } from '@chatops/db';
import { defineCommand, listOption, requireOption } from '../command';

export const slackInstallAdd = defineCommand({
  name: 'slack:install:add',
  summary: "Store a Slack workspace's bot token (for an app installed outside the OAuth flow)",
  options: {
    'team-id': { description: 'Slack team id, e.g. T0123', required: true },
    'team-name': { description: 'workspace name' },
    'bot-user-id': { description: "the bot's user id, e.g. U0123", required: true },
    'bot-token': { description: 'xoxb- bot token (stored encrypted)', required: true },
    scopes: { description: 'comma-separated granted scopes (default: chat:write,chat:write.public)' },
  },
  async run(options, { db, box, print }) {
    const teamId = requireOption(options, 'team-id');
    const installation = await saveSlackInstallation(db, box, {
      teamId,
      teamName: options['team-name'] ?? teamId,
      botUserId: requireOption(options, 'bot-user-id'),
      botToken: requireOption(options, 'bot-token'),
      scopes: options.scopes ? listOption(options.scopes) : ['chat:write', 'chat:write.public'],
    });
    print(`slack installation ${installation.teamId} (id ${installation.id})`);
    return {
      id: installation.id,
      teamId: installation.teamId,
      teamName: installation.teamName,
      botUserId: installation.botUserId,
      scopes: installation.scopes,
    };
  },
});

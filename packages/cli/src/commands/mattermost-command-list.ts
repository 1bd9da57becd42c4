import { listMattermostCommands } from '@chatops/db';
import { defineCommand } from '../command';
import { printRows } from '../lifecycle';

export const mattermostCommandList = defineCommand({
  name: 'mattermost:command:list',
  summary: 'List the Mattermost slash commands chatops answers (never their tokens)',
  options: {},
  async run(_options, { db, print }) {
    const commands = await listMattermostCommands(db);
    printRows(
      print,
      commands.map((c) => [
        c.id,
        `/${c.trigger.replace(/^\//, '')}`,
        `team ${c.teamId}`,
        c.projectId ? `project ${c.projectId}` : 'any project (alias)',
        c.remoteId ? 'created in Mattermost by chatops' : 'registered by token',
      ]),
      'no Mattermost commands',
    );
    return commands;
  },
});

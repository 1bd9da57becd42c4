import { listMattermostConnections } from '@chatops/db';
import { defineCommand } from '../command';
import { printRows } from '../lifecycle';

export const mattermostConnectionList = defineCommand({
  name: 'mattermost:connection:list',
  summary: 'List Mattermost connections (never their tokens)',
  options: {},
  async run(_options, { db, print }) {
    const connections = await listMattermostConnections(db);
    printRows(
      print,
      connections.map((c) => [c.id, c.name, c.url, c.hasBotToken ? 'bot token set' : 'no bot token']),
      'no Mattermost connections',
    );
    return connections;
  },
});

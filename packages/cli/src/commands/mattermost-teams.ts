import { listMattermostTeams } from '@chatops/integrations';
import { defineCommand, requireOption } from '../command';
import { printRows } from '../lifecycle';
import { connectionNamed, withSetupDeps } from '../mattermost-options';

export const mattermostTeams = defineCommand({
  name: 'mattermost:teams',
  summary: "The Mattermost teams a connection's token belongs to (where mattermost:command:create may add commands)",
  options: { connection: { description: 'the Mattermost connection name', required: true } },
  async run(options, context) {
    const connection = await connectionNamed(context.db, requireOption(options, 'connection'));
    const teams = await withSetupDeps(context, (deps) => listMattermostTeams(deps, connection));
    printRows(
      context.print,
      teams.map((t) => [t.id, t.name, t.displayName]),
      `the token of ${connection.name} belongs to no team`,
    );
    return teams;
  },
});

import { createMattermostCommand, findProjectByPathOrAlias } from '@chatops/db';
import { type CliCommand, requireOption, UsageError } from '../command';

export const mattermostCommandAdd: CliCommand = {
  name: 'mattermost:command:add',
  summary:
    'Register a Mattermost slash command (created in Mattermost with Request URL <PUBLIC_URL>/mattermost/commands) by its token',
  options: {
    connection: { description: 'the Mattermost connection name (mattermost:connection:add)', required: true },
    team: { description: 'the Mattermost team id the command belongs to', required: true },
    trigger: { description: 'the trigger word, e.g. gitlab', required: true },
    token: {
      description: 'the token Mattermost generated for the command (only its digest is stored)',
      required: true,
    },
    project: { description: 'serve this project only (path or alias); omit to pick projects by alias' },
  },
  async run(options, { db, print }) {
    const connection = await db.mattermostConnection.findUnique({
      where: { name: requireOption(options, 'connection') },
    });
    if (!connection) throw new UsageError(`no Mattermost connection named ${options.connection ?? ''}`);
    const project = options.project ? await findProjectByPathOrAlias(db, options.project) : null;
    if (options.project && !project) throw new UsageError(`no project ${options.project}`);
    const command = await createMattermostCommand(db, {
      connectionId: connection.id,
      teamId: requireOption(options, 'team'),
      trigger: requireOption(options, 'trigger'),
      token: requireOption(options, 'token'),
      projectId: project?.id ?? null,
    });
    print(
      `mattermost command /${command.trigger} (id ${command.id})${project ? ` for ${project.pathWithNamespace}` : ' (projects by alias)'}`,
    );
  },
};

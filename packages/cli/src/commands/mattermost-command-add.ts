import { createAuditedMattermostCommand, findProjectByPathOrAlias, hashSecret } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';

export const mattermostCommandAdd = defineCommand({
  name: 'mattermost:command:add',
  summary: 'Register a slash command made by hand in Mattermost (values: mattermost:command:suggest) by its token',
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
    const teamId = requireOption(options, 'team');
    const trigger = requireOption(options, 'trigger').replace(/^\//, '');
    const token = requireOption(options, 'token');
    // Both keys are unique: say which registered command already holds them.
    const sameTrigger = await db.mattermostCommand.findUnique({
      where: { connectionId_teamId_trigger: { connectionId: connection.id, teamId, trigger } },
    });
    if (sameTrigger)
      throw new UsageError(
        `mattermost command /${trigger} already exists for team ${teamId} on ${connection.name} (id ${sameTrigger.id})`,
      );
    const sameToken = await db.mattermostCommand.findUnique({ where: { tokenHash: hashSecret(token) } });
    if (sameToken)
      throw new UsageError(
        `that token already belongs to mattermost command /${sameToken.trigger} of team ${sameToken.teamId} (id ${sameToken.id})`,
      );
    const command = await createAuditedMattermostCommand(
      db,
      { connectionId: connection.id, teamId, trigger, token, projectId: project?.id ?? null },
      CLI_ACTOR,
    );
    print(
      `mattermost command /${command.trigger} (id ${command.id})${project ? ` for ${project.pathWithNamespace}` : ' (projects by alias)'}`,
    );
    return {
      id: command.id,
      connection: connection.name,
      teamId: command.teamId,
      trigger: command.trigger,
      project: project?.pathWithNamespace ?? null,
    };
  },
});

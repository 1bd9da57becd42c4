import { createMattermostCommandInMattermost } from '@chatops/integrations';
import { defineCommand, requireOption } from '../command';
import { CLI_ACTOR } from '../lifecycle';
import { connectionNamed, projectNamed, teamIdOf, withSetupDeps } from '../mattermost-options';

export const mattermostCommandCreate = defineCommand({
  name: 'mattermost:command:create',
  summary:
    "Add to Mattermost: create the slash command in a team with GitLab's suggested values, using the connection's token, and register it",
  options: {
    connection: {
      description:
        "the Mattermost connection whose token may manage slash commands (a system or team admin's personal access token, or a bot with manage_own_slash_commands)",
      required: true,
    },
    team: { description: 'the team: its id, or its name (see mattermost:teams)', required: true },
    project: {
      description: 'serve this project only (path or alias); omit for /gitlab, which serves projects by path or alias',
    },
    trigger: { description: "the trigger word (default: the project's path, or gitlab)" },
  },
  async run(options, context) {
    const connection = await connectionNamed(context.db, requireOption(options, 'connection'));
    const project = await projectNamed(context.db, options.project);
    const team = requireOption(options, 'team');
    const { teamId, command } = await withSetupDeps(context, async (deps) => {
      const teamId = await teamIdOf(deps, connection, team);
      const created = await createMattermostCommandInMattermost(
        deps,
        { connection, teamId, project, trigger: options.trigger },
        CLI_ACTOR,
      );
      return { teamId, command: created };
    });
    context.print(
      `mattermost command /${command.trigger} (id ${command.id}) created in team ${teamId} on ${connection.name}` +
        (project ? ` for ${project.pathWithNamespace}` : ' (projects by path or alias)'),
    );
    return { ...command, connection: connection.name, project: project?.pathWithNamespace ?? null };
  },
});

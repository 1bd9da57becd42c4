import { deleteAuditedProject, findProjectByPathOrAlias } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR, requireConfirmation } from '../lifecycle';

export const projectDelete = defineCommand({
  name: 'project:delete',
  summary: 'Delete a project with its endpoints, integrations (and their delivery logs), aliases and bound commands',
  options: {
    project: { description: 'project path or alias', required: true },
    yes: { description: 'confirm the deletion', type: 'flag' },
  },
  async run(options, { db, print }) {
    const named = requireOption(options, 'project');
    const project = await findProjectByPathOrAlias(db, named);
    if (!project) throw new UsageError(`unknown project: ${named}`);
    requireConfirmation(options.yes, `project ${project.pathWithNamespace} and everything that is only its own`);
    const deletion = await deleteAuditedProject(db, project.id, CLI_ACTOR);
    if (!deletion) throw new UsageError(`unknown project: ${named}`);
    print(
      `project ${project.pathWithNamespace} deleted, with ${deletion.endpointIds.length} endpoint(s), ` +
        `${deletion.integrations.length} integration(s), ${deletion.aliases.length} alias(es) and ` +
        `${deletion.mattermostCommandIds.length} Mattermost command(s)`,
    );
    return deletion;
  },
});

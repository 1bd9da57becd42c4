import {
  addProjectAlias,
  describeAliasConflict,
  findProjectByPathOrAlias,
  PROJECT_ALIAS_PATTERN,
  PROJECT_ALIAS_RULE,
} from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';

export const projectAlias = defineCommand({
  name: 'project:alias',
  summary: 'Give a project a short name for slash commands (/gitlab <alias> issue show 1)',
  options: {
    project: { description: 'project path or an existing alias', required: true },
    alias: { description: 'the new alias: one word, not another project’s path or alias', required: true },
  },
  async run(options, { db, print }) {
    const alias = requireOption(options, 'alias');
    if (!PROJECT_ALIAS_PATTERN.test(alias)) throw new UsageError(`--alias ${PROJECT_ALIAS_RULE}`);
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`no project ${options.project ?? ''}`);
    const result = await addProjectAlias(db, project.id, alias);
    if (result.conflict) throw new UsageError(describeAliasConflict(alias, result.conflict));
    print(`alias ${alias} → ${project.pathWithNamespace}`);
    return { alias, projectId: project.id, project: project.pathWithNamespace };
  },
});

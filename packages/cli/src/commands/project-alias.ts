import { addProjectAlias, findProjectByPathOrAlias } from '@chatops/db';
import { type CliCommand, requireOption, UsageError } from '../command';

export const projectAlias: CliCommand = {
  name: 'project:alias',
  summary: 'Give a project a short name for slash commands (/gitlab <alias> issue show 1)',
  options: {
    project: { description: 'project path or an existing alias', required: true },
    alias: { description: 'the new alias: one word, not another project’s path or alias', required: true },
  },
  async run(options, { db, print }) {
    const alias = requireOption(options, 'alias');
    if (!/^[A-Za-z0-9][\w.\-/]{0,99}$/.test(alias)) throw new UsageError('--alias must be one word of letters, digits, ".", "-", "_" or "/"');
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`no project ${options.project ?? ''}`);
    const result = await addProjectAlias(db, project.id, alias);
    if (result.conflict) throw new UsageError(`alias ${alias} is ${result.conflict.reason === 'path_of_another_project' ? 'the path of another project' : 'already an alias of another project'}`);
    print(`alias ${alias} → ${project.pathWithNamespace}`);
  },
};

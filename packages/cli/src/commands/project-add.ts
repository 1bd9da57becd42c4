import { upsertProject } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';

export const projectAdd = defineCommand({
  name: 'project:add',
  summary: 'Register a GitLab project (or refresh it)',
  options: {
    'gitlab-id': { description: 'GitLab project id', required: true },
    path: { description: 'full path, e.g. group/project', required: true },
    name: { description: 'display name (default: last path segment)' },
    'web-url': { description: "project's web URL, e.g. https://gitlab.example.com/group/project", required: true },
    'default-branch': { description: 'default branch (default: main)' },
    'api-token': {
      description:
        "a read_api token for the project (stored encrypted): adds YAML errors and commit titles to pipeline messages, and lets the incident service poll the project's alerts (a Developer's token)",
    },
  },
  async run(options, { db, box, print }) {
    const gitlabProjectId = Number(requireOption(options, 'gitlab-id'));
    if (!Number.isInteger(gitlabProjectId) || gitlabProjectId <= 0)
      throw new UsageError('--gitlab-id must be a positive integer');
    const path = requireOption(options, 'path');
    // The path is unique too: registering another GitLab project under it would fail on the key.
    const holder = await db.project.findUnique({ where: { pathWithNamespace: path } });
    if (holder && holder.gitlabProjectId !== gitlabProjectId)
      throw new UsageError(
        `project ${path} already exists with --gitlab-id ${holder.gitlabProjectId} (id ${holder.id})`,
      );
    const project = await upsertProject(db, {
      gitlabProjectId,
      pathWithNamespace: path,
      name: options.name ?? path.split('/').pop() ?? path,
      webUrl: requireOption(options, 'web-url'),
      defaultBranch: options['default-branch'] ?? 'main',
    });
    if (options['api-token'])
      await db.project.update({ where: { id: project.id }, data: { apiTokenSealed: box.seal(options['api-token']) } });
    print(`project ${project.pathWithNamespace} (id ${project.id})`);
    return {
      id: project.id,
      gitlabProjectId: project.gitlabProjectId,
      path: project.pathWithNamespace,
      name: project.name,
      webUrl: project.webUrl,
      defaultBranch: project.defaultBranch,
      apiToken: Boolean(options['api-token'] ?? project.apiTokenSealed),
    };
  },
});

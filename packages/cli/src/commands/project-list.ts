import { listProjects } from '@chatops/db';
import { defineCommand } from '../command';
import { printRows } from '../lifecycle';

export const projectList = defineCommand({
  name: 'project:list',
  summary: 'List registered GitLab projects',
  options: {},
  async run(_options, { db, print }) {
    const projects = await listProjects(db);
    printRows(
      print,
      projects.map((p) => [
        p.pathWithNamespace,
        `gitlab id ${p.gitlabProjectId}`,
        `default branch ${p.defaultBranch}`,
        p.id,
      ]),
      'no projects',
    );
    return projects;
  },
});

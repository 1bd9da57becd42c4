import { findProjectByPathOrAlias, listEndpoints } from '@chatops/db';
import { defineCommand, UsageError } from '../command';
import { printRows } from '../lifecycle';

export const endpointList = defineCommand({
  name: 'endpoint:list',
  summary: 'List webhook endpoints: project, scope, state and the last event received',
  options: { project: { description: 'only this project (path or alias)' } },
  async run(options, { db, publicUrl, print }) {
    const project = options.project ? await findProjectByPathOrAlias(db, options.project) : null;
    if (options.project && !project) throw new UsageError(`unknown project: ${options.project}`);
    const endpoints = await listEndpoints(db, project ? { projectId: project.id } : {});
    printRows(
      print,
      endpoints.map((e) => [
        e.id,
        e.scope,
        e.disabledAt ? 'disabled' : 'enabled',
        e.lastEventAt ? `last event ${e.lastEventAt.toISOString()}` : 'no event yet',
        `${publicUrl}/hooks/gitlab/${e.id}`,
      ]),
      'no endpoints',
    );
    return endpoints;
  },
});

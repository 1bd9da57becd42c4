import { deleteAuditedEndpoint } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR, requireConfirmation } from '../lifecycle';

export const endpointDelete = defineCommand({
  name: 'endpoint:delete',
  summary: "Delete a webhook endpoint (GitLab's calls then get 404)",
  options: {
    id: { description: 'endpoint id', required: true },
    yes: { description: 'confirm the deletion', type: 'flag' },
  },
  async run(options, { db, print }) {
    const id = requireOption(options, 'id');
    requireConfirmation(options.yes, `endpoint ${id}`);
    if (!(await deleteAuditedEndpoint(db, id, CLI_ACTOR))) throw new UsageError(`no endpoint ${id}`);
    print(`endpoint ${id} deleted`);
    return { id, deleted: true };
  },
});

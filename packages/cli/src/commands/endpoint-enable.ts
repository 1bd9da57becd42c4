import { enableAuditedEndpoint } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';

export const endpointEnable = defineCommand({
  name: 'endpoint:enable',
  summary: 'Accept GitLab events at a disabled endpoint again',
  options: { id: { description: 'endpoint id', required: true } },
  async run(options, { db, print }) {
    const id = requireOption(options, 'id');
    const endpoint = await enableAuditedEndpoint(db, id, CLI_ACTOR);
    if (!endpoint) throw new UsageError(`no endpoint ${id}`);
    print(`endpoint ${id} enabled`);
    return endpoint;
  },
});

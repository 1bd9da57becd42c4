import { disableAuditedEndpoint } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';

export const endpointDisable = defineCommand({
  name: 'endpoint:disable',
  summary: "Refuse GitLab's events at an endpoint (403) until it is enabled again",
  options: { id: { description: 'endpoint id', required: true } },
  async run(options, { db, print }) {
    const id = requireOption(options, 'id');
    const endpoint = await disableAuditedEndpoint(db, id, CLI_ACTOR);
    if (!endpoint) throw new UsageError(`no endpoint ${id}`);
    print(`endpoint ${id} disabled: GitLab's events get 403 within 5 s`);
    return endpoint;
  },
});

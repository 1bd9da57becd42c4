import { deleteAuditedMattermostCommand } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';

export const mattermostCommandDelete = defineCommand({
  name: 'mattermost:command:delete',
  summary: 'Stop answering a Mattermost slash command (its token is refused from then on)',
  options: { id: { description: 'command id', required: true } },
  async run(options, { db, print }) {
    const id = requireOption(options, 'id');
    if (!(await deleteAuditedMattermostCommand(db, id, CLI_ACTOR))) throw new UsageError(`no Mattermost command ${id}`);
    print(`Mattermost command ${id} deleted`);
    return { id, deleted: true };
  },
});

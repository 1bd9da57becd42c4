import { deleteAuditedMattermostConnection } from '@chatops/db';
import { defineCommand, requireOption } from '../command';
import { CLI_ACTOR, deletionOutcome, requireConfirmation } from '../lifecycle';

export const mattermostConnectionDelete = defineCommand({
  name: 'mattermost:connection:delete',
  summary: 'Delete a Mattermost connection no integration uses any more, with its slash commands',
  options: {
    id: { description: 'connection id', required: true },
    yes: { description: 'confirm the deletion', type: 'flag' },
  },
  async run(options, { db, print }) {
    const id = requireOption(options, 'id');
    requireConfirmation(options.yes, `Mattermost connection ${id} and its slash commands`);
    const deleted = deletionOutcome(
      'Mattermost connection',
      id,
      await deleteAuditedMattermostConnection(db, id, CLI_ACTOR),
    );
    print(`Mattermost connection ${id} deleted`);
    return deleted;
  },
});

import { deleteAuditedSlackInstallation } from '@chatops/db';
import { defineCommand, requireOption } from '../command';
import { CLI_ACTOR, deletionOutcome, requireConfirmation } from '../lifecycle';

export const slackInstallDelete = defineCommand({
  name: 'slack:install:delete',
  summary: 'Delete a Slack installation no integration uses any more',
  options: {
    id: { description: 'installation id', required: true },
    yes: { description: 'confirm the deletion', type: 'flag' },
  },
  async run(options, { db, print }) {
    const id = requireOption(options, 'id');
    requireConfirmation(options.yes, `Slack installation ${id}`);
    const deleted = deletionOutcome('Slack installation', id, await deleteAuditedSlackInstallation(db, id, CLI_ACTOR));
    print(`Slack installation ${id} deleted`);
    return deleted;
  },
});

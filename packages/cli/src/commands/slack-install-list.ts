import { listSlackInstallations } from '@chatops/db';
import { defineCommand } from '../command';
import { printRows } from '../lifecycle';

export const slackInstallList = defineCommand({
  name: 'slack:install:list',
  summary: 'List Slack workspace installations (never their tokens)',
  options: {},
  async run(_options, { db, print }) {
    const installations = await listSlackInstallations(db);
    printRows(
      print,
      installations.map((i) => [
        i.id,
        i.teamId,
        i.teamName,
        i.revokedAt ? `revoked ${i.revokedAt.toISOString()}` : i.pendingApproval ? 'pending approval' : 'active',
        i.incidentChannels ? 'incident channels on' : 'incident channels off',
      ]),
      'no Slack installations',
    );
    return installations;
  },
});

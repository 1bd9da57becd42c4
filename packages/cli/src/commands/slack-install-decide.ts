import { decideSlackInstall, decisionSlack, type InstallDecisionResult } from '@chatops/slack-app';
import { CommandFailed, defineCommand, requireOption, UsageError } from '../command';
import { type CliContext } from '../context';
import { CLI_ACTOR } from '../lifecycle';

/** Says how a decision went, or why it was not taken. */
function report(id: string, outcome: InstallDecisionResult, print: (line: string) => void): InstallDecisionResult {
  switch (outcome.kind) {
    case 'missing':
      throw new UsageError(`no install request ${id}`);
    case 'decided':
      throw new CommandFailed(`install request ${id} was ${outcome.request.status} already`, outcome);
    case 'installation_gone':
      throw new CommandFailed(
        `install request ${id}: its installation is gone (deleted, or ${outcome.request.teamName} removed the app); deny it, or have them install again`,
        outcome,
      );
    case 'referenced':
      throw new CommandFailed(
        `install request ${id}: integrations post through its installation (${outcome.integrations
          .map((i) => `${i.projectPath}/${i.name}`)
          .join(', ')}): delete or move them first`,
        outcome,
      );
    default: {
      const { request } = outcome;
      print(`${outcome.kind} the install into ${request.teamName} (${request.teamId})`);
      print(
        outcome.notified
          ? `told ${request.requestedBy} in a direct message`
          : `could not tell ${request.requestedBy} (${outcome.notifyError ?? 'unknown error'}): let them know yourself`,
      );
      if (outcome.tokenRevoked === false) print('warning: Slack did not revoke the bot token; remove the app in Slack');
      return outcome;
    }
  }
}

const decideCommand = (approve: boolean) =>
  defineCommand({
    name: approve ? 'slack:install:approve' : 'slack:install:deny',
    summary: approve
      ? 'Approve a pending Slack install: the workspace is served from now on; the installer is told by DM'
      : 'Deny a pending Slack install: the installation is deleted and its token revoked; the installer is told by DM',
    options: {
      id: { description: 'install request id (slack:install:requests)', required: true },
      note: { description: 'a note for the installer, sent with the decision' },
    },
    async run(options, context: CliContext) {
      const id = requireOption(options, 'id');
      const outcome = await decideSlackInstall(
        { db: context.db, box: context.box, slack: decisionSlack(context.slackApiUrl) },
        id,
        { approve, note: options.note },
        CLI_ACTOR.actor,
      );
      return report(id, outcome, context.print);
    },
  });

export const slackInstallApprove = decideCommand(true);
export const slackInstallDeny = decideCommand(false);

import {
  type Db,
  type DestinationKind,
  findMattermostCommand,
  findProject,
  findSlackInstallationForTeam,
  isSlackInstallationPending,
  type Project,
} from '@chatops/db';
import { type CommandJob } from '@chatops/jobs';

/** Where a channel's notifications go: the app's bot in this workspace, or the Mattermost bot. */
export interface ChannelDestination {
  destination: DestinationKind;
  slackInstallationId?: string;
  mattermostConnectionId?: string;
}

/** Where a command came from: the project it is bound to, if any, and where the channel's notifications would go. */
export interface CommandScope {
  /** A Mattermost command configured for one project: its text has no project alias. */
  fixedProject: Project | null;
  channelDestination: ChannelDestination | string;
}

export const SLACK_NOT_INSTALLED =
  'This Slack workspace has not installed the GitLab app. Ask an administrator to install it.';
/** A workspace installed under the approval policy, not approved yet. */
export const SLACK_INSTALL_PENDING =
  "This workspace's chatops installation is waiting for an administrator's approval.";
const NO_MATTERMOST_BOT =
  'This Mattermost server has no bot account for notifications. Ask an administrator to add one to its connection.';

/** Resolves the installation or command behind a request; a string is the reason it cannot run. */
export async function resolveCommandScope(db: Db, job: CommandJob): Promise<CommandScope | string> {
  if (job.provider === 'slack') {
    const installation = await findSlackInstallationForTeam(db, job.teamId, job.enterpriseId);
    if (!installation)
      return (await isSlackInstallationPending(db, job.teamId, job.enterpriseId))
        ? SLACK_INSTALL_PENDING
        : SLACK_NOT_INSTALLED;
    return {
      fixedProject: null,
      channelDestination: { destination: 'slack_bot', slackInstallationId: installation.id },
    };
  }
  const command = job.mattermostCommandId ? await findMattermostCommand(db, job.mattermostCommandId) : null;
  if (!command) return 'GitLab error: project or alias not found';
  const connection = await db.mattermostConnection.findUnique({
    where: { id: command.connectionId },
    select: { id: true, botTokenSealed: true },
  });
  const fixedProject = command.projectId ? await findProject(db, command.projectId) : null;
  return {
    fixedProject,
    channelDestination: connection?.botTokenSealed
      ? { destination: 'mattermost_bot', mattermostConnectionId: connection.id }
      : NO_MATTERMOST_BOT,
  };
}

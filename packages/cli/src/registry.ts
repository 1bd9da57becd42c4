import { type CliCommand } from './command';
import { alertsStatus } from './commands/alerts-status';
import { auditList } from './commands/audit-list';
import { deliveriesDeadLetters } from './commands/deliveries-dead-letters';
import { deliveriesList } from './commands/deliveries-list';
import { deliveriesReplay } from './commands/deliveries-replay';
import { eventsFailed, eventsRetry } from './commands/events-failed';
import { endpointCreate } from './commands/endpoint-create';
import { integrationCreate } from './commands/integration-create';
import { integrationList } from './commands/integration-list';
import { integrationTest } from './commands/integration-test';
import { mattermostCommandAdd } from './commands/mattermost-command-add';
import { mattermostCommandCreate } from './commands/mattermost-command-create';
import { mattermostCommandSuggest } from './commands/mattermost-command-suggest';
import { mattermostTeams } from './commands/mattermost-teams';
import { mattermostConnectionAdd } from './commands/mattermost-connection-add';
import { projectAdd } from './commands/project-add';
import { projectAlias } from './commands/project-alias';
import { endpointList } from './commands/endpoint-list';
import { endpointDisable } from './commands/endpoint-disable';
import { endpointEnable } from './commands/endpoint-enable';
import { endpointRotate } from './commands/endpoint-rotate';
import { endpointDelete } from './commands/endpoint-delete';
import { projectList } from './commands/project-list';
import { projectDelete } from './commands/project-delete';
import { slackInstallList } from './commands/slack-install-list';
import { slackInstallDelete } from './commands/slack-install-delete';
import { slackInstallIncidentChannels } from './commands/slack-install-incident-channels';
import { mattermostConnectionList } from './commands/mattermost-connection-list';
import { mattermostConnectionDelete } from './commands/mattermost-connection-delete';
import { mattermostCommandList } from './commands/mattermost-command-list';
import { mattermostCommandDelete } from './commands/mattermost-command-delete';
import { doctor } from './commands/doctor';
import { explain } from './commands/explain';
import { render } from './commands/render';
import { slackInstallAdd } from './commands/slack-install-add';
import { secretsRotate } from './commands/secrets-rotate';
import { slackManifest } from './commands/slack-manifest';
import { slackAppSet } from './commands/slack-app-set';
import { slackAppShow } from './commands/slack-app-show';
import { slackInstallApprove, slackInstallDeny } from './commands/slack-install-decide';
import { slackInstallRequests } from './commands/slack-install-requests';
import { stats } from './commands/stats';

/** Every CLI command; adding one is a file and a line here. */
export const COMMANDS: readonly CliCommand[] = [
  render,
  explain,
  projectAdd,
  projectList,
  projectDelete,
  projectAlias,
  endpointCreate,
  endpointList,
  endpointDisable,
  endpointEnable,
  endpointRotate,
  endpointDelete,
  slackManifest,
  slackAppShow,
  slackAppSet,
  slackInstallAdd,
  slackInstallList,
  slackInstallDelete,
  slackInstallIncidentChannels,
  slackInstallRequests,
  slackInstallApprove,
  slackInstallDeny,
  mattermostConnectionAdd,
  mattermostConnectionList,
  mattermostConnectionDelete,
  mattermostTeams,
  mattermostCommandSuggest,
  mattermostCommandCreate,
  mattermostCommandAdd,
  mattermostCommandList,
  mattermostCommandDelete,
  integrationCreate,
  integrationList,
  integrationTest,
  deliveriesList,
  deliveriesDeadLetters,
  deliveriesReplay,
  eventsFailed,
  eventsRetry,
  alertsStatus,
  auditList,
  secretsRotate,
  stats,
  doctor,
];

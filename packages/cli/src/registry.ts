import { type CliCommand } from './command';
import { alertsStatus } from './commands/alerts-status';
import { deliveriesDeadLetters } from './commands/deliveries-dead-letters';
import { deliveriesList } from './commands/deliveries-list';
import { deliveriesReplay } from './commands/deliveries-replay';
import { eventsFailed, eventsRetry } from './commands/events-failed';
import { endpointCreate } from './commands/endpoint-create';
import { integrationCreate } from './commands/integration-create';
import { integrationList } from './commands/integration-list';
import { integrationTest } from './commands/integration-test';
import { mattermostCommandAdd } from './commands/mattermost-command-add';
import { mattermostConnectionAdd } from './commands/mattermost-connection-add';
import { projectAdd } from './commands/project-add';
import { projectAlias } from './commands/project-alias';
import { render } from './commands/render';
import { slackInstallAdd } from './commands/slack-install-add';

/** Every CLI command; adding one is a file and a line here. */
export const COMMANDS: readonly CliCommand[] = [
  render,
  projectAdd,
  projectAlias,
  endpointCreate,
  slackInstallAdd,
  mattermostConnectionAdd,
  mattermostCommandAdd,
  integrationCreate,
  integrationList,
  integrationTest,
  deliveriesList,
  deliveriesDeadLetters,
  deliveriesReplay,
  eventsFailed,
  eventsRetry,
  alertsStatus,
];

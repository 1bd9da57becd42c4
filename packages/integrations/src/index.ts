export { resolveDeliveryTarget, type TargetResolution } from './delivery-target';
export {
  channelsToTest,
  REINSTALL_MESSAGE,
  TEST_CHANNEL_LIMIT,
  testIntegration,
  type ChannelTestResult,
  type IntegrationTestReport,
} from './test-settings';
export { planTargets, routeDecisions, type RouteDecision, type RouteTarget } from './routing/plan-targets';
export { addIncidentChannel } from './routing/incident-channel';
export { eventPasses, filterSkip, type FilterSettings } from './routing/filters';
export { type Skip, type SkipReason } from './routing/skip-reasons';
export { explainEvent, type EventExplanation, type IntegrationExplanation } from './explain';
export {
  commandSpecOf,
  MATTERMOST_COMMANDS_PATH,
  MATTERMOST_ICON_PATH,
  MATTERMOST_TRIGGER_PATTERN,
  MATTERMOST_TRIGGER_RULE,
  projectTrigger,
  SHARED_TRIGGER,
  suggestMattermostCommand,
  type MattermostCommandSuggestion,
  type SuggestionProject,
} from './mattermost-setup/command-suggestion';
export {
  connectionAccess,
  createMattermostCommandInMattermost,
  deleteMattermostCommandEverywhere,
  listMattermostTeams,
  mattermostSetupError,
  TRIGGER_TAKEN,
  type CommandCreation,
  type CommandDeletion,
  type MattermostSetupDeps,
  type RemoteDeletion,
} from './mattermost-setup/mattermost-setup';

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

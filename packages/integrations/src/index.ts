export { resolveDeliveryTarget, type TargetResolution } from './delivery-target';
export {
  channelsToTest,
  REINSTALL_MESSAGE,
  TEST_CHANNEL_LIMIT,
  testIntegration,
  type ChannelTestResult,
  type IntegrationTestReport,
} from './test-settings';

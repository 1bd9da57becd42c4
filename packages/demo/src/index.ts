export {
  DEMO,
  DEFAULT_PORTS,
  demoServiceEnv,
  demoUrls,
  type DemoConfig,
  type DemoPorts,
  type Platform,
} from './config';
export { startDemoApp, type DemoApp, type DemoAppOptions } from './demo-app';
export { DEMO_EVENTS, REPLAY_SEQUENCE, type DemoEvent } from './events/catalog';
export { type ActivityEntry } from './events/director';
export { type WebhookTarget } from './events/send';
export { seedDemo, type DemoState, type SeedOptions } from './seed/seed';
export { operatorCli, type OperatorCli } from './seed/operator-cli';
export { type ViewChannel, type ViewMessage, type ViewPlatform } from './viewer/timeline';

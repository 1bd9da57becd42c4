// What the admin API and the operator CLI share: integration management, projects and endpoints,
// Slack installations and Mattermost connections, the delivery log, replay and statistics, the
// audit log. Every change is written with its audit entry in one transaction. ("Test settings" is
// @chatops/integrations'.)
export * from './admin-integrations';
export * from './admin-projects';
export * from './admin-endpoints';
export * from './admin-destinations';
export * from './admin-deliveries';
export * from './audit';
export type { Page, PageRequest, TimeRange } from './pages';
export * from './delivery-stats';

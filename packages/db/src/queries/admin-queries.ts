// What the admin API and the operator CLI share: integration management, projects and endpoints,
// the delivery log and replay, and "test settings".
export * from './admin-integrations';
export * from './admin-projects';
export * from './admin-deliveries';
export * from './admin-test-settings';

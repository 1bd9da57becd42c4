// What the admin API and the operator CLI share: integration management, projects and endpoints,
// the delivery log and replay. ("Test settings" is @chatops/integrations'.)
export * from './admin-integrations';
export * from './admin-projects';
export * from './admin-deliveries';

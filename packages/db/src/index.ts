export {
  createDatabase,
  createPrismaClient,
  type Database,
  type DatabaseOptions,
  type Db,
  type SqlPool,
} from './client';
export { SecretBox, SecretBoxError, secretKeyId, type SecretBoxFailure } from './secret-box';
export { writeBatchChannel, type WriteBatchMessage } from './group-commit';
export { hashSecret, secretMatches, generateSecret } from './secret-hash';
export { valueRefusalOf, type ValueRefusal } from './value-refusal';
export * from './generated/prisma/enums';
export type {
  AlertPoll,
  AuditEntry,
  ChatIdentity,
  Delivery,
  DeliveryAttempt,
  Incident,
  InstallRequest,
  Integration,
  IntegrationRoute,
  MattermostCommand,
  MattermostConnection,
  Project,
  ProjectAlias,
  SlackAppSettings,
  SlackInstallation,
  ThreadAnchor,
  WebhookEndpoint,
} from './generated/prisma/client';
export { Prisma } from './generated/prisma/client';
export * from './queries/endpoints';
export * from './queries/integrations';
export * from './queries/deliveries';
export * from './queries/projects';
export * from './queries/installations';
export * from './queries/slack-app-settings';
export * from './queries/install-requests';
export * from './queries/thread-anchors';
export * from './queries/config-version';
export * from './queries/admin-queries';
export * from './queries/chat-identities';
export * from './queries/mattermost-commands';
export * from './queries/project-aliases';
export * from './queries/incidents';
export * from './queries/alert-polls';
export * from './queries/sealed-columns';

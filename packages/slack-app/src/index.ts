export {
  manifestChanges,
  manifestFacts,
  manifestShareUrl,
  type ManifestFacts,
  SLACK_BOT_EVENTS,
  SLACK_BOT_SCOPES,
  SLACK_PATHS,
  slackAppManifest,
  type SlackAppManifest,
} from './manifest';
export {
  cachedSlackAppConfig,
  CREDENTIALS,
  type Credential,
  type CredentialName,
  type CredentialSource,
  envNameOf,
  loadSlackAppConfig,
  type SecretView,
  type SlackAppConfig,
  type SlackAppConfigSource,
  type SlackAppEnv,
  slackAppView,
  type SlackAppView,
} from './app-config';
export {
  decideSlackInstall,
  decisionMessage,
  type DecisionSlack,
  decisionSlack,
  type InstallDecisionResult,
} from './install-decision';
export { appHomeBlocks, type AppHomeInput, type LinkedAccount } from './app-home';
export {
  type CheckStatus,
  type DoctorCheck,
  type DoctorDeps,
  doctorLines,
  type DoctorReport,
  runSlackDoctor,
  slackDoctorDeps,
} from './doctor';

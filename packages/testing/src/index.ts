export { FakeSlack, type FakeSlackOptions, type OAuthAppInput } from './slack/fake-slack.js';
export type { InstallingUser } from './slack/oauth-authorize.js';
export type { SlackAppAnswer, SlackAppConfig, SlackAppRequest } from './slack/app-interactions.js';
export type { SlackInputValue } from './slack/view-state.js';
export type {
  SlackCall,
  SlackChannelInput,
  SlackEphemeralMessage,
  SlackInboundPost,
  SlackInstallation,
  SlackMessage,
  SlackUserInput,
  SlackView,
  SlackWorkspaceInput,
} from './slack/types.js';
export type { FakeServerOptions } from './shared/fake-http-server.js';
export { freePort } from './shared/free-port.js';
export type { FaultSpec } from './shared/faults.js';
export type { RateLimit } from './shared/token-bucket.js';
export {
  FakeMattermost,
  type FakeMattermostOptions,
  type IncomingWebhookOptions,
} from './mattermost/fake-mattermost.js';
export type {
  MattermostAppAnswer,
  MattermostChannelInput,
  MattermostDialog,
  MattermostCommand,
  MattermostCommandRun,
  MattermostInboundPost,
  MattermostPost,
  MattermostRequest,
  MattermostTeamInput,
  MattermostUserInput,
} from './mattermost/types.js';
export { FakeGitLab } from './gitlab/fake-gitlab.js';
export { gitlabTrace, type TraceSection } from './gitlab/job-trace.js';
// The fake's data model as a whole: what tests hand it and what it hands back.
export * from './gitlab/types.js';
export type * from './gitlab/incident-types.js';

export * from './types';
export { splitProjectAlias, type AliasedCommand } from './parse/split-project-alias';
export { parseCommand } from './parse/parse-command';
export { parseSubscribeArgs, SUBSCRIBE_USAGE, type SubscribeArgsResult } from './parse/subscribe-args';
export { formatReply } from './present/format-reply';
export {
  accessDeniedReply,
  authorizeReply,
  deactivatedReply,
  errorReply,
  genericAccessDeniedReply,
  notFoundReply,
  projectNotFoundReply,
} from './present/access';
export { availableCommandHelp, COMMAND_HELP, type CommandAvailability, type CommandHelp } from './present/command-help';
export { helpReply, type HelpRequest } from './present/help';
export { actionFailedReply } from './present/action-failed';
export { issueShowReply } from './present/issue-show';
export { issueNewReply } from './present/issue-new';
export { issueSearchReply, ISSUE_SEARCH_LIMIT } from './present/issue-search';
export { issueMoveReply } from './present/issue-move';
export { issueAlreadyClosedReply, issueCloseReply } from './present/issue-close';
export { issueCommentReply, type CreatedNote } from './present/issue-comment';
export { CLOSED_ISSUE_COLOR, OPEN_ISSUE_COLOR } from './present/issue-card';
export { deployNoActionReply, deployStartedReply, type StartedDeployment } from './present/deploy';
export { runNotScheduledReply, runScheduledReply, runUnsupportedReply, type ScheduledJob } from './present/run';
export { CHAT_OUTPUT_BYTE_LIMIT, runFinishedReply, type FinishedChatJob } from './present/run-output';
export { extractChatOutput } from './present/trace-sections';
export { rubyInspect } from './present/ruby-inspect';
export {
  describeSubscriptionFilters,
  nothingToUnsubscribeReply,
  subscribedReply,
  subscribeUsageErrorReply,
  subscriptionListReply,
  unsubscribedReply,
  type ChannelSubscription,
  type SubscribedProject,
} from './present/subscriptions';
export { linkConfirmedReply, notLinkedReply, unlinkedReply } from './present/account';
export { incidentsNotConfiguredReply } from './present/incident';

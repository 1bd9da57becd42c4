/*
 * The admin API's answers, as far as the console reads them. The API's zod schemas (gateway,
 * services/gateway/src/admin/schemas) are the definition; these are the client's view of them.
 */

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Project {
  id: string;
  gitlabProjectId: number;
  pathWithNamespace: string;
  name: string;
  webUrl: string;
  defaultBranch: string;
}

export interface Endpoint {
  id: string;
  projectId: string;
  description: string;
  url: string;
  signed: boolean;
  scope: 'project' | 'group';
  createdAt: string;
  lastEventAt: string | null;
  disabledAt: string | null;
}

export interface CreatedEndpoint {
  id: string;
  url: string;
  secret: string;
  signingSecret?: string;
}

export type Destination = 'slack_bot' | 'slack_webhook' | 'mattermost_webhook' | 'mattermost_bot';

export interface Integration {
  id: string;
  projectId: string;
  name: string;
  active: boolean;
  destination: Destination;
  slackInstallationId: string | null;
  mattermostConnectionId: string | null;
  hasWebhookUrl: boolean;
  defaultChannel: string | null;
  username: string | null;
  confidentialChannels: string[];
  threading: boolean;
  notifyOnlyBrokenPipelines: boolean;
  notifyOnlyWhenPipelineStatusChanges: boolean;
  branchesToBeNotified: 'all' | 'default' | 'protected' | 'default_and_protected';
  branchInclude: string[];
  branchExclude: string[];
  labelsToBeNotified: string[];
  labelsBehavior: 'match_any' | 'match_all';
  labelsExclude: string[];
  events: Record<string, { channels: string[] }>;
}

export interface TestReport {
  ok: boolean;
  message?: string;
  results: { channel: string; ok: boolean; error?: string }[];
}

export interface Delivery {
  id: string;
  integrationId: string;
  eventKey: string;
  eventKind: string;
  channel: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
  sentAt: string | null;
  attemptLog: {
    attempt: number;
    outcome: string;
    errorCode: string | null;
    errorMessage: string | null;
    httpStatus: number | null;
    durationMs: number;
    createdAt: string;
  }[];
}

export interface FailedEvent {
  jobId: string;
  endpointId: string;
  eventName: string;
  receivedAt: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

export interface SlackInstallation {
  id: string;
  teamId: string;
  teamName: string;
  botUserId: string;
  scopes: string[];
  installedBy: string | null;
  installedAt: string;
  revokedAt: string | null;
  incidentChannels: boolean;
}

export interface MattermostConnection {
  id: string;
  name: string;
  url: string;
  hasBotToken: boolean;
  createdAt: string;
}

export interface MattermostCommand {
  id: string;
  connectionId: string;
  teamId: string;
  trigger: string;
  projectId: string | null;
  /** Set when chatops created it in Mattermost (deleting it here deletes it there). */
  remoteId: string | null;
  requestUrl: string;
}

/** GitLab's values for Mattermost's "Add Slash Command" form. */
export interface CommandSuggestion {
  projectId: string | null;
  displayName: string;
  description: string;
  trigger: string;
  requestUrl: string;
  requestMethod: 'POST';
  responseUsername: string;
  responseIconUrl: string;
  autocomplete: true;
  autocompleteHint: string;
  autocompleteDescription: string;
}

export interface MattermostTeam {
  id: string;
  name: string;
  displayName: string;
}

export interface CommandDeletion {
  message: string;
}

export interface Alias {
  alias: string;
  projectId: string;
}

export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  target: string;
  details: unknown;
  createdAt: string;
}

export interface StatsWindow {
  events: number;
  deliveries: Record<'pending' | 'sending' | 'sent' | 'failed' | 'skipped', number>;
  successRate: number | null;
}

export interface Stats {
  generatedAt: string;
  windows: { lastHour: StatsWindow; lastDay: StatsWindow };
  queues: { name: string; waiting: number; active: number; delayed: number; failed: number }[];
  slowestChannels: {
    integrationId: string;
    integrationName: string;
    projectPath: string;
    channel: string;
    deliveries: number;
    p50Ms: number;
    p95Ms: number;
    maxMs: number;
  }[];
}

type Source = 'env' | 'database' | null;
interface SecretState {
  set: boolean;
  source: Source;
  stored: boolean;
}

export interface SlackApp {
  enabled: boolean;
  clientId: { value: string | null; source: Source; stored: boolean };
  clientSecret: SecretState;
  signingSecret: SecretState;
  verificationToken: SecretState;
  installPolicy: 'open' | 'approval';
  preApprovedTeamIds: string[];
  approvalLink: string | null;
  installUrl: string;
}

export interface InstallRequest {
  id: string;
  teamId: string;
  teamName: string;
  requestedBy: string;
  message: string;
  status: 'pending' | 'approved' | 'denied';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface InstallDecision extends InstallRequest {
  notified: boolean;
  notifyError: string | null;
  tokenRevoked: boolean | null;
}

export interface DoctorReport {
  ok: boolean;
  checks: { id: string; status: 'ok' | 'warn' | 'fail'; summary: string; fix?: string }[];
  notes: string[];
}

import { EVENT_KINDS } from '@chatops/gitlab';
import { type Destination, type Integration } from './api-types';

/** Each trigger as GitLab's integration form words it. */
export const TRIGGERS: Record<(typeof EVENT_KINDS)[number], { label: string; help: string }> = {
  push: { label: 'Push', help: 'A push to the repository.' },
  tag_push: { label: 'Tag push', help: 'New tags are pushed to the repository.' },
  issue: { label: 'Issue', help: 'An issue is created, closed, or reopened.' },
  confidential_issue: { label: 'Confidential issue', help: 'A confidential issue is created, closed, or reopened.' },
  incident: { label: 'Incident', help: 'An incident is created, closed, or reopened.' },
  merge_request: { label: 'Merge request', help: 'A merge request is created, merged, closed, or reopened.' },
  note: { label: 'Note', help: 'A comment is added.' },
  confidential_note: {
    label: 'Confidential note',
    help: 'An internal note or a comment on a confidential issue is added.',
  },
  pipeline: { label: 'Pipeline', help: 'A pipeline status changes.' },
  wiki_page: { label: 'Wiki page', help: 'A wiki page is created or updated.' },
  deployment: { label: 'Deployment', help: 'A deployment starts or finishes.' },
  alert: { label: 'Alert', help: 'A new, unique alert is recorded.' },
};

export const DESTINATIONS: { value: Destination; label: string }[] = [
  { value: 'slack_bot', label: 'Slack workspace (the chatops app)' },
  { value: 'slack_webhook', label: 'Slack incoming webhook' },
  { value: 'mattermost_webhook', label: 'Mattermost incoming webhook' },
  { value: 'mattermost_bot', label: 'Mattermost server (bot account)' },
];

type Form = Record<string, unknown>;

const text = (form: Form, name: string): string => {
  const value = form[name];
  return (Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '').trim();
};
const checked = (form: Form, name: string): boolean => form[name] !== undefined && form[name] !== '';
/** GitLab's comma-separated fields; spaces separate too, as channel names and labels have none. */
const list = (form: Form, name: string): string[] =>
  text(form, name)
    .split(/[\s,]+/)
    .filter((v) => v !== '');
const listOrCommas = (form: Form, name: string): string[] =>
  text(form, name)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * The form as the admin API's integration body: every field given (the form shows them all), so
 * the API's own validation decides, and answers in its own words. A blank webhook URL on an
 * existing webhook integration keeps the stored one (it is write-only and never shown).
 */
export function integrationBodyOf(form: Form, existing?: Integration): Record<string, unknown> {
  const destination = text(form, 'destination');
  const webhook = destination === 'slack_webhook' || destination === 'mattermost_webhook';
  const webhookUrl = text(form, 'webhookUrl');
  const events = Object.fromEntries(
    EVENT_KINDS.filter((kind) => checked(form, `event_${kind}`)).map((kind) => [
      kind,
      { channels: list(form, `channels_${kind}`) },
    ]),
  );
  return {
    name: text(form, 'name'),
    destination,
    slackInstallationId: destination === 'slack_bot' ? text(form, 'slackInstallationId') || null : null,
    mattermostConnectionId: destination === 'mattermost_bot' ? text(form, 'mattermostConnectionId') || null : null,
    ...(webhook
      ? webhookUrl !== '' || !existing?.hasWebhookUrl
        ? { webhookUrl: webhookUrl || null }
        : {}
      : existing?.hasWebhookUrl
        ? { webhookUrl: null }
        : {}),
    defaultChannel: text(form, 'defaultChannel') || null,
    username: text(form, 'username') || null,
    confidentialChannels: list(form, 'confidentialChannels'),
    threading: checked(form, 'threading'),
    notifyOnlyBrokenPipelines: checked(form, 'notifyOnlyBrokenPipelines'),
    notifyOnlyWhenPipelineStatusChanges: checked(form, 'notifyOnlyWhenPipelineStatusChanges'),
    branchesToBeNotified: text(form, 'branchesToBeNotified'),
    branchInclude: listOrCommas(form, 'branchInclude'),
    branchExclude: listOrCommas(form, 'branchExclude'),
    labelsToBeNotified: listOrCommas(form, 'labelsToBeNotified'),
    labelsBehavior: text(form, 'labelsBehavior'),
    labelsExclude: listOrCommas(form, 'labelsExclude'),
    events,
  };
}

/** What the form shows: a stored integration, GitLab's defaults for a new one, or what was just posted. */
export interface IntegrationFormValues {
  name: string;
  destination: string;
  slackInstallationId: string;
  mattermostConnectionId: string;
  hasWebhookUrl: boolean;
  defaultChannel: string;
  username: string;
  confidentialChannels: string;
  threading: boolean;
  notifyOnlyBrokenPipelines: boolean;
  notifyOnlyWhenPipelineStatusChanges: boolean;
  branchesToBeNotified: string;
  branchInclude: string;
  branchExclude: string;
  labelsToBeNotified: string;
  labelsBehavior: string;
  labelsExclude: string;
  events: Record<string, string | undefined>;
}

export const NEW_INTEGRATION: IntegrationFormValues = {
  name: '',
  destination: 'slack_bot',
  slackInstallationId: '',
  mattermostConnectionId: '',
  hasWebhookUrl: false,
  defaultChannel: '',
  username: '',
  confidentialChannels: '',
  threading: true,
  notifyOnlyBrokenPipelines: true,
  notifyOnlyWhenPipelineStatusChanges: false,
  branchesToBeNotified: 'default',
  branchInclude: '',
  branchExclude: '',
  labelsToBeNotified: '',
  labelsBehavior: 'match_any',
  labelsExclude: '',
  events: {},
};

export function formValuesOf(integration: Integration): IntegrationFormValues {
  return {
    name: integration.name,
    destination: integration.destination,
    slackInstallationId: integration.slackInstallationId ?? '',
    mattermostConnectionId: integration.mattermostConnectionId ?? '',
    hasWebhookUrl: integration.hasWebhookUrl,
    defaultChannel: integration.defaultChannel ?? '',
    username: integration.username ?? '',
    confidentialChannels: integration.confidentialChannels.join(', '),
    threading: integration.threading,
    notifyOnlyBrokenPipelines: integration.notifyOnlyBrokenPipelines,
    notifyOnlyWhenPipelineStatusChanges: integration.notifyOnlyWhenPipelineStatusChanges,
    branchesToBeNotified: integration.branchesToBeNotified,
    branchInclude: integration.branchInclude.join(', '),
    branchExclude: integration.branchExclude.join(', '),
    labelsToBeNotified: integration.labelsToBeNotified.join(', '),
    labelsBehavior: integration.labelsBehavior,
    labelsExclude: integration.labelsExclude.join(', '),
    events: Object.fromEntries(Object.entries(integration.events).map(([k, v]) => [k, v.channels.join(', ')])),
  };
}

/** The posted form shown again after a refusal, so nothing typed is lost. */
export function formValuesOfPosted(form: Form, existing?: Integration): IntegrationFormValues {
  return {
    name: text(form, 'name'),
    destination: text(form, 'destination'),
    slackInstallationId: text(form, 'slackInstallationId'),
    mattermostConnectionId: text(form, 'mattermostConnectionId'),
    hasWebhookUrl: existing?.hasWebhookUrl ?? false,
    defaultChannel: text(form, 'defaultChannel'),
    username: text(form, 'username'),
    confidentialChannels: text(form, 'confidentialChannels'),
    threading: checked(form, 'threading'),
    notifyOnlyBrokenPipelines: checked(form, 'notifyOnlyBrokenPipelines'),
    notifyOnlyWhenPipelineStatusChanges: checked(form, 'notifyOnlyWhenPipelineStatusChanges'),
    branchesToBeNotified: text(form, 'branchesToBeNotified'),
    branchInclude: text(form, 'branchInclude'),
    branchExclude: text(form, 'branchExclude'),
    labelsToBeNotified: text(form, 'labelsToBeNotified'),
    labelsBehavior: text(form, 'labelsBehavior'),
    labelsExclude: text(form, 'labelsExclude'),
    events: Object.fromEntries(
      EVENT_KINDS.filter((kind) => checked(form, `event_${kind}`)).map((kind) => [
        kind,
        text(form, `channels_${kind}`),
      ]),
    ),
  };
}

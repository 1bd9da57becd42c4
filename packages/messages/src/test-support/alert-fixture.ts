import { type AlertEvent, alertEventSchema } from '@chatops/gitlab';
import { type ChatField } from '@chatops/chat';
import { loadFixture } from '@chatops/test-support/fixtures';

/** GitLab's alert payload (alert_integration_only.json), parsed as the notifier parses it. */
export const alertFixture = (): AlertEvent => alertEventSchema.parse(loadFixture('alert_integration_only.json'));

/**
 * The fields GitLab's alert message shows for that fixture. The message model and its Slack
 * rendering carry them alike, so their tests expect this one list.
 */
export const ALERT_FIXTURE_FIELDS: ChatField[] = [
  { title: 'Severity', value: 'Critical', short: true },
  { title: 'Events', value: '3', short: true },
  { title: 'Status', value: 'Triggered', short: true },
  { title: 'Start time', value: 'April 23rd, 2020  1:06AM UTC', short: true },
];

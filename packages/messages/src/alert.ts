import { type AlertEvent } from '@chatops/gitlab';
import { type ChatMessage, stripMarkup } from '@chatops/chat';

const ALERT_COLOR = '#C95823';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * GitLab's alert notification (AlertMessage, Slack only): "Alert firing in <project>" and a card
 * with severity, event count, status and start time. The alert names no project, so the caller
 * passes the full name of the integration's project (GitLab merges it in the same way).
 */
export function buildAlertMessage(event: AlertEvent, projectName: string): ChatMessage {
  const alert = event.object_attributes;
  return {
    text: `Alert firing in ${stripMarkup(projectName)}`,
    attachments: [
      {
        title: stripMarkup(alert.title),
        titleLink: alert.url,
        color: ALERT_COLOR,
        fields: [
          { title: 'Severity', value: humanize(alert.severity), short: true },
          // GitLab sends the count as a JSON number; chat apps show both forms alike.
          { title: 'Events', value: String(alert.events), short: true },
          { title: 'Status', value: humanize(alert.status), short: true },
          { title: 'Start time', value: formatAlertTime(new Date(alert.started_at)), short: true },
        ],
      },
    ],
  };
}

/**
 * Ruby's `strftime("%B #{day.ordinalize}, %Y %l:%M%p %Z")` in UTC (GitLab's default time zone):
 * `%l` pads the hour with a space, so 01:06 reads "April 23rd, 2020  1:06AM UTC".
 */
export function formatAlertTime(date: Date): string {
  const hours = date.getUTCHours();
  const hour = String(hours % 12 === 0 ? 12 : hours % 12).padStart(2, ' ');
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const month = MONTHS[date.getUTCMonth()] ?? '';
  return `${month} ${ordinalize(date.getUTCDate())}, ${date.getUTCFullYear()} ${hour}:${minutes}${hours < 12 ? 'AM' : 'PM'} UTC`;
}

/** ActiveSupport's `ordinalize`: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 23rd, 111th. */
export function ordinalize(n: number): string {
  const lastTwo = Math.abs(n) % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (Math.abs(n) % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** ActiveSupport's `humanize` for enum values: "critical" → "Critical", "not_set" → "Not set". */
export function humanize(value: string): string {
  const words = value.replace(/^_+/, '').replace(/_id$/, '').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

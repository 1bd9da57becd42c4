import { loadFixture } from '@chatops/test-support/fixtures';
import { ALERT_EVENT_NAME, alertEventSchema } from '@chatops/gitlab';
import { buildAlertMessage, formatAlertTime, humanize, ordinalize } from './alert';
import { NO_FACTS } from './event-facts';
import { buildNotification } from './registry';
import { ALERT_FIXTURE_FIELDS, alertFixture } from './test-support/alert-fixture';

describe('alertEventSchema', () => {
  it('rejects a start time that is not a timestamp', () => {
    const payload = loadFixture<{ object_attributes: Record<string, unknown> }>('alert_integration_only.json');
    payload.object_attributes.started_at = 'yesterday';
    expect(alertEventSchema.safeParse(payload).success).toBe(false);
  });
});

describe('buildAlertMessage', () => {
  it('describes the alert with its fields (fixture)', () => {
    expect(buildAlertMessage(alertFixture(), 'GitlabHQ / Gitlab Test')).toEqual({
      text: 'Alert firing in GitlabHQ / Gitlab Test',
      attachments: [
        {
          title: 'High error rate on web-1',
          titleLink: 'http://example.com/gitlabhq/gitlab-test/-/alert_management/12/details',
          color: '#C95823',
          fields: ALERT_FIXTURE_FIELDS,
        },
      ],
    });
  });

  it('strips link markup from the title and the project name', () => {
    const event = alertFixture();
    event.object_attributes.title = '[x](https://evil) <https://evil|x> |';
    const message = buildAlertMessage(event, '<Evil|Group> / [P]');
    expect(message.text).toBe('Alert firing in EvilGroup / P');
    expect(message.attachments?.[0]?.title).toBe('x(https://evil) https://evilx ');
  });

  it('humanizes other severities and statuses', () => {
    const event = alertFixture();
    event.object_attributes.severity = 'unknown';
    event.object_attributes.status = 'acknowledged';
    const fields = buildAlertMessage(event, 'P').attachments?.[0]?.fields;
    expect(fields?.[0]?.value).toBe('Unknown');
    expect(fields?.[2]?.value).toBe('Acknowledged');
  });

  it('shows the start time in UTC whatever offset the payload uses', () => {
    const event = alertFixture();
    event.object_attributes.started_at = '2021-12-31T23:45:00-02:00';
    expect(buildAlertMessage(event, 'P').attachments?.[0]?.fields?.[3]?.value).toBe('January 1st, 2022  1:45AM UTC');
  });
});

describe('buildNotification for alerts (queued by the alert poller)', () => {
  it("builds GitLab's alert message with the project name merged into the payload", () => {
    const payload = {
      ...loadFixture<Record<string, unknown>>('alert_integration_only.json'),
      project_name: 'GitlabHQ / Gitlab Test',
    };
    expect(buildNotification(ALERT_EVENT_NAME, payload)).toEqual({
      kind: 'alert',
      message: buildAlertMessage(alertFixture(), 'GitlabHQ / Gitlab Test'),
      facts: NO_FACTS,
    });
  });

  it("names the project by the alert URL's path when the payload has no name", () => {
    const built = buildNotification(ALERT_EVENT_NAME, loadFixture('alert_integration_only.json'));
    expect(built?.message.text).toBe('Alert firing in gitlabhq/gitlab-test');
  });

  it('refuses a payload that is not an alert', () => {
    expect(() => buildNotification(ALERT_EVENT_NAME, { object_kind: 'alert' })).toThrow(
      expect.objectContaining({ code: 'malformed_body' }),
    );
  });
});

describe('formatAlertTime', () => {
  it.each([
    ['2020-04-23T00:05:00Z', 'April 23rd, 2020 12:05AM UTC'],
    ['2020-04-23T12:00:00Z', 'April 23rd, 2020 12:00PM UTC'],
    ['2020-02-11T13:09:00Z', 'February 11th, 2020  1:09PM UTC'],
    ['2020-12-02T23:59:59Z', 'December 2nd, 2020 11:59PM UTC'],
    ['2020-10-31T09:30:00Z', 'October 31st, 2020  9:30AM UTC'],
  ])('formats %s as %s', (iso, expected) => {
    expect(formatAlertTime(new Date(iso))).toBe(expected);
  });
});

describe('ordinalize', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [31, '31st'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
  ])('%i → %s', (n, expected) => {
    expect(ordinalize(n)).toBe(expected);
  });
});

describe('humanize', () => {
  it.each([
    ['critical', 'Critical'],
    ['triggered', 'Triggered'],
    ['not_set', 'Not set'],
    ['HIGH', 'High'],
    ['', ''],
  ])('%s → %s', (value, expected) => {
    expect(humanize(value)).toBe(expected);
  });
});

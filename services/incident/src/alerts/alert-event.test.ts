import { alertEventSchema } from '@chatops/gitlab';
import { buildNotification } from '@chatops/messages';
import { alertEventJob, alertPayload } from './alert-event';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const alert = {
  iid: 12,
  title: 'High error rate on web-1',
  severity: 'CRITICAL',
  status: 'TRIGGERED',
  startedAt: '2020-04-23T01:06:00Z',
  createdAt: '2020-04-23T01:07:00Z',
  eventCount: 3,
  webUrl: 'http://example.com/gitlabhq/gitlab-test/-/alert_management/12/details',
};

describe('alert events', () => {
  it("shape GraphQL's alert as GitLab's integration data, which builds GitLab's alert message", () => {
    const payload = alertPayload(alert, 'GitlabHQ / Gitlab Test', NOW);
    expect(alertEventSchema.parse(payload)).toEqual(payload);
    const job = alertEventJob({ endpointId: 'e1', gitlabProjectId: 15 }, alert, 'GitlabHQ / Gitlab Test', NOW);
    expect(job).toEqual({
      endpointId: 'e1',
      eventName: 'Alert Hook',
      eventKey: 'alert:15:12',
      receivedAt: NOW.toISOString(),
      payload,
    });
    const built = buildNotification(job.eventName, job.payload);
    expect(built?.kind).toBe('alert');
    expect(built?.message).toMatchObject({
      text: 'Alert firing in GitlabHQ / Gitlab Test',
      attachments: [
        {
          title: 'High error rate on web-1',
          titleLink: alert.webUrl,
          fields: [
            { title: 'Severity', value: 'Critical', short: true },
            { title: 'Events', value: '3', short: true },
            { title: 'Status', value: 'Triggered', short: true },
            { title: 'Start time', value: 'April 23rd, 2020  1:06AM UTC', short: true },
          ],
        },
      ],
    });
  });

  it('fill in what GitLab may leave out', () => {
    const sparse = { iid: 1, webUrl: alert.webUrl, createdAt: alert.createdAt };
    expect(alertPayload(sparse, 'P', NOW).object_attributes).toEqual({
      title: '',
      url: alert.webUrl,
      severity: 'unknown',
      events: 1,
      status: 'triggered',
      started_at: alert.createdAt,
    });
    expect(alertPayload({ iid: 1, webUrl: alert.webUrl }, 'P', NOW).object_attributes.started_at).toBe(
      NOW.toISOString(),
    );
  });
});

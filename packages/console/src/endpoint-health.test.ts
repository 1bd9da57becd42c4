import { type Endpoint } from './api-types';
import { endpointHealth } from './endpoint-health';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const endpoint = (over: Partial<Endpoint> = {}): Endpoint => ({
  id: 'e1',
  projectId: 'p1',
  description: '',
  url: 'https://chatops.example/hooks/gitlab/e1',
  signed: false,
  scope: 'project',
  createdAt: '2026-12-01T00:00:00Z',
  lastEventAt: '2026-12-06T11:59:00Z',
  disabledAt: null,
  ...over,
});
const hook = { id: 1, url: 'https://chatops.example/hooks/gitlab/e1', alert_status: 'executable' };

describe('endpointHealth', () => {
  it('is ok when registered, recent and not failing', () => {
    expect(endpointHealth(endpoint(), hook, 0, NOW)).toEqual({ level: 'ok', notes: [] });
  });

  it('says off, and only that, when disabled', () => {
    expect(endpointHealth(endpoint({ disabledAt: '2026-12-05T00:00:00Z' }), undefined, 3, NOW)).toEqual({
      level: 'off',
      notes: ["Disabled: GitLab's calls are refused (403)."],
    });
  });

  it('warns of every problem it sees', () => {
    const health = endpointHealth(
      endpoint({ lastEventAt: '2026-11-20T12:00:00Z' }),
      { ...hook, alert_status: 'temporarily_disabled', disabled_until: '2026-12-06T13:00:00Z' },
      2,
      NOW,
    );
    expect(health.level).toBe('warning');
    expect(health.notes).toEqual([
      'GitLab has temporarily disabled this hook after failed calls (until 2026-12-06T13:00:00Z).',
      'Silent for 16 days.',
      '2 events failed to route this week (see Dead letters).',
    ]);
  });

  it('warns of a hook missing in GitLab and of no event since creation, but not of a GitLab it could not ask', () => {
    expect(endpointHealth(endpoint({ lastEventAt: null }), undefined, 0, NOW).notes).toEqual([
      'Not registered as a webhook of the project in GitLab.',
      'No event received since it was created.',
    ]);
    expect(endpointHealth(endpoint(), 'unknown', 0, NOW).level).toBe('ok');
  });
});

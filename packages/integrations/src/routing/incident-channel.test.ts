import { type IncidentChannel, type SlackInstallation } from '@chatops/db';
import { NO_FACTS } from '@chatops/messages';
import { integration } from '../test-support/integration';
import { addIncidentChannel } from './incident-channel';
import { routeDecisions } from './plan-targets';

const INCIDENT: IncidentChannel = { provider: 'slack', teamId: 'T1', channelId: 'CINC' };
const workspace = (teamId: string, revokedAt: Date | null = null) => ({ teamId, revokedAt }) as SlackInstallation;
const slackBot = (id: string, overrides: Partial<Parameters<typeof integration>[0]> = {}) =>
  integration({ id, slackInstallation: workspace('T1'), routes: [{ event: 'incident' }], ...overrides });

/** What each integration sends the incident to, and what it leaves out (reason:channel). */
function decide(integrations: ReturnType<typeof integration>[], facts = NO_FACTS, incident = INCIDENT) {
  return addIncidentChannel(routeDecisions('incident', facts, integrations), incident).map((d) => ({
    id: d.integration.id,
    channels: d.channels,
    skipped: d.skipped.map((s) => `${s.reason}:${s.channel}`),
  }));
}

describe('addIncidentChannel', () => {
  it("adds the incident's own channel to the first Slack bot integration of its workspace routing incidents", () => {
    expect(
      decide([
        integration({ id: 'hook', destination: 'slack_webhook', routes: [{ event: 'incident' }] }),
        slackBot('other-team', { slackInstallation: workspace('T2') }),
        slackBot('revoked', { slackInstallation: workspace('T1', new Date()) }),
        slackBot('pushes', { routes: [{ event: 'push' }] }),
        slackBot('first'),
        slackBot('second'),
      ]),
    ).toEqual([
      { id: 'hook', channels: ['general'], skipped: [] },
      { id: 'other-team', channels: ['general'], skipped: [] },
      { id: 'revoked', channels: ['general'], skipped: [] },
      { id: 'pushes', channels: [], skipped: [expect.stringMatching(/^event_not_routed:$/)] },
      { id: 'first', channels: ['general', 'CINC'], skipped: [] },
      { id: 'second', channels: ['general'], skipped: [] },
    ]);
  });

  it('uses an integration that has no channel of its own for incidents', () => {
    expect(decide([slackBot('carrier', { defaultChannel: null })])).toEqual([
      { id: 'carrier', channels: ['CINC'], skipped: [] },
    ]);
  });

  it('lets a confidential incident into its own channel, and nowhere the guard does not allow', () => {
    expect(
      decide([slackBot('guarded', { confidentialChannels: ['security'] })], { ...NO_FACTS, confidential: true }),
    ).toEqual([{ id: 'guarded', channels: ['CINC'], skipped: ['confidential_channel_not_allowed:general'] }]);
  });

  it("keeps the integration's filters: an incident they stop goes nowhere", () => {
    const labelled = slackBot('labelled', { labelsToBeNotified: ['production'] });
    expect(decide([labelled], { ...NO_FACTS, labels: ['staging'] })).toEqual([
      { id: 'labelled', channels: [], skipped: [expect.stringMatching(/^labels_not_matched:$/)] },
    ]);
  });

  it('adds nothing when an integration already posts there, or for another chat', () => {
    expect(decide([slackBot('own', { defaultChannel: 'CINC' }), slackBot('next')])).toEqual([
      { id: 'own', channels: ['CINC'], skipped: [] },
      { id: 'next', channels: ['general'], skipped: [] },
    ]);
    expect(decide([slackBot('slack')], NO_FACTS, { ...INCIDENT, provider: 'mattermost' })).toEqual([
      { id: 'slack', channels: ['general'], skipped: [] },
    ]);
  });
});

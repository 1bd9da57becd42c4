import { FakeSlack } from '@chatops/testing';

/*
 * The smallest Slack a delivery test needs: team T1, whose bot UBOT is in #general (id C1). The
 * fake workspace and the integration seeded to post there must agree on both ids, hence one place.
 */
const TEAM_ID = 'T1';
const CHANNEL_ID = 'C1';

/** A started fake Slack holding the one-channel workspace, its bot answering to `botToken`. */
export async function startOneChannelSlack(botToken: string): Promise<FakeSlack> {
  const slack = new FakeSlack();
  await slack.start();
  slack.addWorkspace({
    teamId: TEAM_ID,
    botToken,
    botUserId: 'UBOT',
    channels: [{ id: CHANNEL_ID, name: 'general' }],
  });
  return slack;
}

/** seedSlackIntegration's options for an integration posting pushes to that channel with `botToken`. */
export const pushesToOneChannel = (botToken: string) => ({
  teamId: TEAM_ID,
  botToken,
  channel: CHANNEL_ID,
  events: ['push'],
});

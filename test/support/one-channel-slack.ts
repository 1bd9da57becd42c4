import { FakeSlack } from '@chatops/testing';

/*
 * The smallest Slack a delivery test needs: team T1, whose bot UBOT is in #general (id C1). The
 * fake workspace and the integration seeded to post there must agree on both ids, hence one place.
 * A test that needs more channels in team T1 names them.
 */
const TEAM_ID = 'T1';
const CHANNEL_ID = 'C1';

/** A started fake Slack holding team T1 with `channels`, its bot UBOT answering to `botToken`. */
export async function startTeamT1Slack(
  botToken: string,
  channels: Array<{ id: string; name: string }>,
): Promise<FakeSlack> {
  const slack = new FakeSlack();
  await slack.start();
  slack.addWorkspace({ teamId: TEAM_ID, botToken, botUserId: 'UBOT', channels });
  return slack;
}

/** A started fake Slack holding the one-channel workspace, its bot answering to `botToken`. */
export function startOneChannelSlack(botToken: string): Promise<FakeSlack> {
  return startTeamT1Slack(botToken, [{ id: CHANNEL_ID, name: 'general' }]);
}

/** seedSlackIntegration's options for an integration posting pushes to that channel with `botToken`. */
export const pushesToOneChannel = (botToken: string) => ({
  teamId: TEAM_ID,
  botToken,
  channel: CHANNEL_ID,
  events: ['push'],
});

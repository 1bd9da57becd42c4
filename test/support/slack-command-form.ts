import { signSlackRequest } from '@chatops/chat';
import { type FakeSlack } from '@chatops/testing';
import { TEAM_ID } from '../../packages/testing/src/test-support/slack-fixture';

/** What differs from one slash command to the next; any other form field may be overridden too. */
export type SlackCommandFields = { text: string; response_url: string; trigger_id: string } & Record<string, string>;

/**
 * The form Slack posts when alice types `/gitlab <text>` in #general of the fake Slack's test
 * workspace (addTestWorkspace), as the gateway's /slack/commands receives it.
 */
export function slackCommandForm(fields: SlackCommandFields): string {
  return new URLSearchParams({
    team_id: TEAM_ID,
    team_domain: 'acme',
    channel_id: 'C0GENERAL1',
    channel_name: 'general',
    user_id: 'U0ALICE001',
    user_name: 'alice',
    command: '/gitlab',
    ...fields,
  }).toString();
}

/**
 * alice types `/gitlab <text>` in #general: the form, signed with the app's signing secret, posted
 * to the gateway's /slack/commands. The response URL is a fresh one of the fake Slack; the trigger
 * id one it issued for alice (valid 3 s, as Slack's), unless the caller has its own.
 */
export async function postSlackCommand(
  target: { gateway: string; slack: FakeSlack; signingSecret: string },
  text: string,
  triggerId = target.slack.issueTriggerId(TEAM_ID, { userId: 'U0ALICE001' }),
): Promise<{ response: Response; responseUrl: string }> {
  const responseUrl = target.slack.createResponseUrl({ channel: 'C0GENERAL1', teamId: TEAM_ID });
  const body = slackCommandForm({ text, response_url: responseUrl, trigger_id: triggerId });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${target.gateway}/slack/commands`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackRequest(target.signingSecret, timestamp, Buffer.from(body)),
    },
    body,
  });
  return { response, responseUrl };
}

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

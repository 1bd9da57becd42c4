import { signSlackRequest } from '@chatops/chat';
import { type Webhook } from './payload';

/**
 * Where the command-handler would post the result; never called here (no command-handler runs).
 * Each is on an origin the gateway accepts: Slack's hooks host, and the seeded Mattermost
 * connection's URL (seed.ts).
 */
const RESPONSE_URL = {
  slack: 'https://hooks.slack.com/commands/bench',
  mattermost: 'http://127.0.0.1:8065/hooks/commands/bench',
} as const;

export type SlashProvider = 'slack' | 'mattermost';

/**
 * One slash command's form, unique per request: the gateway drops a replay (the same Slack
 * signature, or the same Mattermost trigger_id) for 5 minutes, so trigger_id and text carry the key.
 * `extra` overrides any field (a real command's text, a trigger_id and response_url of a fake chat).
 */
function form(provider: SlashProvider, teamId: string, key: string, extra: Record<string, string> = {}): Buffer {
  return Buffer.from(
    new URLSearchParams({
      team_id: teamId,
      team_domain: 'bench',
      channel_id: 'CBENCH0001',
      channel_name: 'bench',
      user_id: 'UBENCH0001',
      user_name: 'bench',
      command: '/gitlab',
      text: `bench/project-0 issue show ${key}`,
      response_url: RESPONSE_URL[provider],
      trigger_id: key,
      ...extra,
    }).toString(),
  );
}

/** Slack's signed `POST /slack/commands`, timestamped when built (the gateway allows ±5 minutes). */
export function slackCommand(
  signingSecret: string,
  teamId: string,
  key: string,
  fields: Record<string, string> = {},
): Webhook {
  const body = form('slack', teamId, key, fields);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    path: '/slack/commands',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackRequest(signingSecret, timestamp, body),
    },
    body,
  };
}

/** Mattermost's `POST /mattermost/commands`, authenticated by the command's token (header and form, as Mattermost sends it). */
export function mattermostCommand(token: string, teamId: string, key: string): Webhook {
  return {
    path: '/mattermost/commands',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Token ${token}` },
    body: form('mattermost', teamId, key, { token }),
  };
}

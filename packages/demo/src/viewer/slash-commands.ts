import { createHmac, randomUUID } from 'node:crypto';
import { DEMO, type Platform } from '../config';
import { type DemoWorld } from '../world/demo-world';

/** A slash command run from the viewer, and what the gateway answered. */
export interface CommandEntry {
  platform: Platform;
  channelId: string;
  at: number;
  /** As typed, e.g. `/gitlab demo/project issue show 1`. */
  text: string;
  /** Where the command-handler posts the reply (on the fake Slack or Mattermost). */
  responseUrl: string;
  status: number;
  /** Set when the gateway refused the command or could not be reached. */
  error?: string;
}

/** Slack's v0 request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>` with the app's signing secret. */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

const KEPT = 50;

/**
 * Plays the chat server's part of a slash command: builds the request Slack or Mattermost would
 * send for "you" in a channel, with a response URL on the fake, and posts it to the gateway.
 * Slack's is signed with the demo app's signing secret; Mattermost's carries the command's token.
 */
export class SlashCommands {
  readonly log: CommandEntry[] = [];

  constructor(
    private readonly world: DemoWorld,
    private readonly gatewayUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  async run(platform: Platform, channelId: string, typed: string): Promise<CommandEntry> {
    const text = typed.trim().replace(/^\/gitlab\b\s*/, '');
    const channel = (platform === 'slack' ? DEMO.slack.channels : DEMO.mattermost.channels).find(
      (c) => c.id === channelId,
    );
    if (channel === undefined) throw new Error(`unknown ${platform} channel ${channelId}`);
    const responseUrl =
      platform === 'slack'
        ? this.world.slack.createResponseUrl({ channel: channel.id, teamId: DEMO.slack.teamId })
        : this.world.mattermost.createResponseUrl({ channelId: channel.id, userId: DEMO.mattermost.you.id });
    const entry: CommandEntry = {
      platform,
      channelId,
      at: this.now(),
      text: `/${DEMO.names.trigger} ${text}`.trim(),
      responseUrl,
      status: 0,
    };
    this.log.push(entry);
    if (this.log.length > KEPT) this.log.splice(0, this.log.length - KEPT);
    try {
      const response =
        platform === 'slack'
          ? await this.postSlack(channel, text, responseUrl)
          : await this.postMattermost(channel, text, responseUrl);
      entry.status = response.status;
      const body = await response.text();
      if (response.status !== 200) entry.error = `The gateway answered ${response.status}: ${body.slice(0, 300)}`;
      else if (platform === 'mattermost') {
        // Mattermost shows the immediate answer's text, when there is one, to the user.
        const immediate = parseText(body);
        if (immediate !== '') entry.error = immediate;
      }
    } catch (error) {
      entry.error = `The gateway could not be reached: ${error instanceof Error ? error.message : String(error)}`;
    }
    return entry;
  }

  private postSlack(channel: { id: string; name: string }, text: string, responseUrl: string): Promise<Response> {
    const { slack } = DEMO;
    const body = new URLSearchParams({
      token: 'demo-verification-token',
      team_id: slack.teamId,
      team_domain: slack.domain,
      channel_id: channel.id,
      channel_name: channel.name,
      user_id: slack.you.id,
      user_name: slack.you.name,
      command: `/${DEMO.names.trigger}`,
      text,
      api_app_id: 'A0DEMOAPP1',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: this.world.slack.issueTriggerId(slack.teamId, { userId: slack.you.id }),
    }).toString();
    const timestamp = String(Math.floor(this.now() / 1000));
    return fetch(`${this.gatewayUrl}/slack/commands`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': slackSignature(slack.signingSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  }

  private postMattermost(channel: { id: string; name: string }, text: string, responseUrl: string): Promise<Response> {
    const { mattermost } = DEMO;
    const body = new URLSearchParams({
      channel_id: channel.id,
      channel_name: channel.name,
      command: `/${DEMO.names.trigger}`,
      response_url: responseUrl,
      team_domain: mattermost.teamName,
      team_id: mattermost.teamId,
      text,
      token: mattermost.commandToken,
      trigger_id: randomUUID(),
      user_id: mattermost.you.id,
      user_name: mattermost.you.name,
    }).toString();
    return fetch(`${this.gatewayUrl}/mattermost/commands`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Token ${mattermost.commandToken}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  }
}

function parseText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text : '';
  } catch {
    return '';
  }
}

import { INCIDENT_CHANNEL_SCOPES } from '@chatops/db';

/** The gateway's Slack routes, relative to PUBLIC_URL: what the manifest points Slack at. */
export const SLACK_PATHS = {
  commands: '/slack/commands',
  interactions: '/slack/interactions',
  options: '/slack/options',
  events: '/slack/events',
  install: '/slack/install',
  oauthCallback: '/slack/oauth/callback',
} as const;

/**
 * The bot scopes chatops asks for, each for something it does:
 * - `commands`: the `/gitlab` slash command;
 * - `chat:write`, `chat:write.public`: notifications, in channels the bot was not invited to too;
 * - `chat:write.customize`: an integration's `username` override;
 * - `im:write`: direct messages (the installer hears of an approval decision);
 * - `channels:manage`, `channels:write.invites`: a channel per declared incident.
 */
export const SLACK_BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'chat:write.customize',
  'im:write',
  ...INCIDENT_CHANNEL_SCOPES,
];

/**
 * Events the app subscribes to: the App Home, and the two that say the app lost its token in a
 * workspace (notifications to it then stop).
 */
export const SLACK_BOT_EVENTS: readonly string[] = ['app_home_opened', 'app_uninstalled', 'tokens_revoked'];

/** Slack's app manifest, as far as chatops fills it in. */
export interface SlackAppManifest {
  display_information: { name: string; description: string; background_color: string; long_description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<{
      command: string;
      url: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }>;
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Slack limits an app's display name to 35 characters: "GitLab (" + 26 + ")". */
const HOST_IN_NAME = 26;

/**
 * The manifest of the Slack app for the chatops at `publicUrl`: GitLab's own (lib/slack/manifest.rb)
 * with chatops' request URLs, scopes and events. Pure: the same URL gives the same manifest, which
 * is what `doctor` compares installations against.
 */
export function slackAppManifest(publicUrl: string): SlackAppManifest {
  const base = publicUrl.replace(/\/+$/, '');
  const host = new URL(base).hostname;
  const url = (path: string) => `${base}${path}`;
  return {
    display_information: {
      name: `GitLab (${host.slice(0, HOST_IN_NAME)})`,
      description: 'Interact with GitLab without leaving your Slack workspace!',
      background_color: '#171321',
      long_description:
        `Generated for ${host} by chatops.\r\n\r\n` +
        "- *Notifications:* Get notifications to your team's Slack channel about events happening inside your GitLab projects.\r\n\r\n" +
        '- *Slash commands:* Quickly open, access, or close issues from Slack using the `/gitlab` command. Streamline your GitLab deployments with ChatOps.\r\n\r\n' +
        '- *Incidents:* Declare GitLab incidents from Slack, each with a channel of its own if you like.',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: false, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'GitLab', always_online: true },
      slash_commands: [
        {
          command: '/gitlab',
          url: url(SLACK_PATHS.commands),
          description: 'GitLab slash commands',
          usage_hint: 'your-project-name-or-alias command',
          should_escape: false,
        },
      ],
    },
    oauth_config: { redirect_urls: [url(SLACK_PATHS.oauthCallback)], scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: url(SLACK_PATHS.events), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: {
        is_enabled: true,
        request_url: url(SLACK_PATHS.interactions),
        message_menu_options_url: url(SLACK_PATHS.options),
      },
      // Org-wide installs on Enterprise Grid are not supported: install into each workspace.
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/** The page that creates a Slack app from a manifest, prefilled (GitLab's "Create Slack app" link). */
export function manifestShareUrl(manifest: unknown): string {
  return `https://api.slack.com/apps?new_app=1&manifest_json=${encodeURIComponent(JSON.stringify(manifest))}`;
}

/** What of a manifest an installation depends on: where Slack sends requests, the scopes and events. */
export interface ManifestFacts {
  /** Request URLs by what they are for: `slash_command:/gitlab`, `events`, `interactivity`, `options`, `redirect`. */
  urls: Record<string, string>;
  scopes: string[];
  botEvents: string[];
}

export function manifestFacts(manifest: SlackAppManifest): ManifestFacts {
  const urls: Record<string, string> = {};
  for (const command of manifest.features.slash_commands) urls[`slash_command:${command.command}`] = command.url;
  urls.events = manifest.settings.event_subscriptions.request_url;
  urls.interactivity = manifest.settings.interactivity.request_url;
  urls.options = manifest.settings.interactivity.message_menu_options_url;
  manifest.oauth_config.redirect_urls.forEach((redirect, i) => (urls[`redirect${i === 0 ? '' : i + 1}`] = redirect));
  return {
    urls,
    scopes: [...manifest.oauth_config.scopes.bot],
    botEvents: [...manifest.settings.event_subscriptions.bot_events],
  };
}

/** What changed from `before` (what an installation was made with) to `after` (today's manifest), in words. */
export function manifestChanges(before: Partial<ManifestFacts>, after: ManifestFacts): string[] {
  const changes: string[] = [];
  if (before.urls) {
    for (const [what, url] of Object.entries(after.urls)) {
      const old = before.urls[what];
      if (old === undefined) changes.push(`new request URL ${what}: ${url}`);
      else if (old !== url) changes.push(`request URL ${what} changed from ${old} to ${url}`);
    }
  }
  if (before.scopes) {
    const added = after.scopes.filter((s) => !before.scopes?.includes(s));
    const removed = before.scopes.filter((s) => !after.scopes.includes(s));
    if (added.length > 0) changes.push(`new bot scopes: ${added.join(', ')}`);
    if (removed.length > 0) changes.push(`bot scopes no longer needed: ${removed.join(', ')}`);
  }
  if (before.botEvents) {
    const added = after.botEvents.filter((e) => !before.botEvents?.includes(e));
    if (added.length > 0) changes.push(`new bot events: ${added.join(', ')}`);
  }
  return changes;
}

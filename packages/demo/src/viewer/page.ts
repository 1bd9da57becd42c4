import { DEMO, type Platform } from '../config';
import { type DemoEvent } from '../events/catalog';
import { type ActivityEntry } from '../events/director';
import { escapeHtml } from './escape';
import { renderMessage } from './render-message';
import { type ViewChannel, type ViewPlatform } from './timeline';

const PRODUCT: Record<Platform, string> = { slack: 'Slack', mattermost: 'Mattermost' };

/** Slack mentions show people by name: `<@U0DEMOALEX>` reads "@alex". */
const SLACK_NAMES: ReadonlyMap<string, string> = new Map([
  [DEMO.slack.you.id, DEMO.slack.you.name],
  [DEMO.slack.botUserId, 'gitlab'],
]);

/** Messages in channels, thread replies included. */
export const countMessages = (channels: ViewChannel[]): number =>
  channels.reduce(
    (sum, channel) => sum + channel.messages.reduce((n, message) => n + 1 + message.replies.length, 0),
    0,
  );

export interface PanelFragments {
  sidebar: string;
  header: string;
  messages: string;
}

/** The parts of one platform's panel that change: the channel list, the channel's header and its messages. */
export function panelFragments(view: ViewPlatform, selected: ViewChannel): PanelFragments {
  const sidebar = view.channels
    .map((channel) => {
      const count = countMessages([channel]);
      const cls = channel.id === selected.id ? 'channel selected' : 'channel';
      return (
        `<li><a href="?${view.platform}=${encodeURIComponent(channel.id)}" class="${cls}" ` +
        `data-channel="${escapeHtml(channel.id)}" data-count="${count}">` +
        `<span># ${escapeHtml(channel.name)}</span><span class="count">${count}</span></a></li>`
      );
    })
    .join('');
  const header = `# ${escapeHtml(selected.name)}<small>${PRODUCT[view.platform]} · ${escapeHtml(view.workspace)}</small>`;
  const messages =
    selected.messages.length === 0
      ? '<div class="empty">No messages yet. Send a GitLab event with the buttons above.</div>'
      : selected.messages.map((message) => renderMessage(message, view.platform, SLACK_NAMES)).join('');
  return { sidebar, header, messages };
}

export function activityHtml(activity: readonly ActivityEntry[]): string {
  if (activity.length === 0)
    return 'Nothing sent yet: press a button above, or run <code>scripts/demo.sh send push</code> in a terminal.';
  const items = activity.map((entry) => {
    const time = new Date(entry.at).toISOString();
    const outcome = entry.status === 0 ? 'not sent' : `${entry.status}`;
    return (
      `<li class="${entry.status === 202 ? 'ok' : 'fail'}"><time datetime="${time}" data-at="${entry.at}">${time.slice(11, 19)}</time> ` +
      `<b>${escapeHtml(entry.label)}</b> → ${escapeHtml(outcome)} ${escapeHtml(entry.detail)}</li>`
    );
  });
  return `<ul>${items.join('')}</ul>`;
}

/** The channel a panel shows: the one asked for, else the first. */
export function selectedChannel(view: ViewPlatform, requested: string | undefined): ViewChannel {
  const channel = view.channels.find((c) => c.id === requested) ?? view.channels[0];
  if (channel === undefined) throw new Error(`${view.platform} has no channels`);
  return channel;
}

function panelHtml(view: ViewPlatform, selected: ViewChannel): string {
  const fragments = panelFragments(view, selected);
  return (
    `<section class="platform ${view.platform}" data-platform="${view.platform}" data-channel="${escapeHtml(selected.id)}">` +
    `<aside class="sidebar"><div class="workspace">${escapeHtml(view.workspace)}</div>` +
    `<div class="product">${PRODUCT[view.platform]}</div><div class="label">Channels</div>` +
    `<ul class="channels" data-fragment="sidebar">${fragments.sidebar}</ul></aside>` +
    `<div class="pane"><div class="pane-header" data-fragment="header">${fragments.header}</div>` +
    `<div class="messages" data-fragment="messages">${fragments.messages}</div>` +
    '<form class="composer" autocomplete="off">' +
    `<input name="text" aria-label="${PRODUCT[view.platform]} command" placeholder="/gitlab ${DEMO.gitlab.path} issue show 1">` +
    '<button type="submit">Send</button></form>' +
    `<div class="hint">Slash commands as you: <code>/gitlab ${DEMO.gitlab.path} issue show 1</code> · ` +
    `<code>/gitlab ${DEMO.gitlab.alias} issue search checkout</code> · <code>/gitlab help</code></div>` +
    '</div></section>'
  );
}

/** The whole page, rendered on the server; the script then keeps it current. */
export function pageHtml(input: {
  platforms: ViewPlatform[];
  selected: Partial<Record<Platform, string>>;
  events: readonly DemoEvent[];
  activity: readonly ActivityEntry[];
  version: string;
}): string {
  const buttons = input.events
    .map(
      (event) =>
        `<button type="button" data-event="${escapeHtml(event.name)}" title="${escapeHtml(event.expect)}">${escapeHtml(event.label)}</button>`,
    )
    .join('');
  const panels = input.platforms
    .map((view) => panelHtml(view, selectedChannel(view, input.selected[view.platform])))
    .join('');
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>chatops demo: chat viewer</title><link rel="stylesheet" href="/assets/viewer.css">' +
    '<script src="/assets/viewer.js" defer></script></head>' +
    `<body data-version="${escapeHtml(input.version)}">` +
    '<header class="top"><div class="brand">chatops demo<small>GitLab → Slack and Mattermost, all on this machine</small></div>' +
    `<div class="events"><span>Send a GitLab event:</span>${buttons}` +
    '<button type="button" class="primary" data-replay>Replay all</button></div></header>' +
    `<div class="activity" id="activity">${activityHtml(input.activity)}</div>` +
    `<main class="platforms">${panels}</main></body></html>`
  );
}

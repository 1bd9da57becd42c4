import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestChanges, manifestFacts, manifestShareUrl, SLACK_BOT_SCOPES, slackAppManifest } from './manifest';
import { INCIDENT_CHANNEL_SCOPES } from '@chatops/db';

/** Kept byte for byte under test/fixtures (prettier leaves it alone). */
const golden = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/slack', name), 'utf8');

describe('the Slack app manifest', () => {
  it('is the golden file for https://chatops.example.com (change both on purpose, never one)', () => {
    expect(`${JSON.stringify(slackAppManifest('https://chatops.example.com'), null, 2)}\n`).toBe(
      golden('manifest.chatops.example.com.json'),
    );
  });

  it('points every request URL at PUBLIC_URL, whatever trailing slash it has', () => {
    const manifest = slackAppManifest('https://chat.example.org:8443/base/');
    expect(manifestFacts(manifest).urls).toEqual({
      'slash_command:/gitlab': 'https://chat.example.org:8443/base/slack/commands',
      events: 'https://chat.example.org:8443/base/slack/events',
      interactivity: 'https://chat.example.org:8443/base/slack/interactions',
      options: 'https://chat.example.org:8443/base/slack/options',
      redirect: 'https://chat.example.org:8443/base/slack/oauth/callback',
    });
    expect(manifest.display_information.name).toBe('GitLab (chat.example.org)');
  });

  it("keeps the name within Slack's 35 characters, as GitLab does (the first 26 of the host)", () => {
    const manifest = slackAppManifest('https://a-very-long-host-name-for-chatops.example.com');
    expect(manifest.display_information.name).toBe('GitLab (a-very-long-host-name-for-)');
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
  });

  it('asks for the scopes incident channels need (INCIDENT_CHANNEL_SCOPES)', () => {
    for (const scope of INCIDENT_CHANNEL_SCOPES) expect(SLACK_BOT_SCOPES).toContain(scope);
  });
});

describe('manifestShareUrl', () => {
  it("encodes the JSON as GitLab's spec does", () => {
    expect(manifestShareUrl({ foo: 'bar' })).toBe(
      'https://api.slack.com/apps?new_app=1&manifest_json=%7B%22foo%22%3A%22bar%22%7D',
    );
  });

  it('round-trips the whole manifest', () => {
    const manifest = slackAppManifest('https://chatops.example.com');
    const url = new URL(manifestShareUrl(manifest));
    expect(url.searchParams.get('new_app')).toBe('1');
    expect(JSON.parse(url.searchParams.get('manifest_json') ?? '')).toEqual(manifest);
  });
});

describe('manifestChanges', () => {
  const now = manifestFacts(slackAppManifest('https://new.example.com'));

  it('names changed URLs, new scopes and new events', () => {
    const before = manifestFacts(slackAppManifest('https://old.example.com'));
    before.scopes = ['commands', 'chat:write'];
    before.botEvents = ['app_home_opened'];
    expect(manifestChanges(before, now)).toEqual([
      'request URL slash_command:/gitlab changed from https://old.example.com/slack/commands to https://new.example.com/slack/commands',
      'request URL events changed from https://old.example.com/slack/events to https://new.example.com/slack/events',
      'request URL interactivity changed from https://old.example.com/slack/interactions to https://new.example.com/slack/interactions',
      'request URL options changed from https://old.example.com/slack/options to https://new.example.com/slack/options',
      'request URL redirect changed from https://old.example.com/slack/oauth/callback to https://new.example.com/slack/oauth/callback',
      'new bot scopes: chat:write.public, chat:write.customize, im:write, channels:manage, channels:write.invites',
      'new bot events: app_uninstalled, tokens_revoked',
    ]);
  });

  it('is empty when nothing changed, and compares only what is known', () => {
    expect(manifestChanges(now, now)).toEqual([]);
    expect(manifestChanges({ scopes: [...now.scopes, 'links:read'] }, now)).toEqual([
      'bot scopes no longer needed: links:read',
    ]);
  });
});

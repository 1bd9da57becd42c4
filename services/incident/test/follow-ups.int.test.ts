import { type ChatPlatform } from '@chatops/chat';
import { deleteChatIdentity } from '@chatops/db';
import { AccessLevel } from '@chatops/testing';
import {
  BACKEND,
  choiceIdOfButton,
  type CreatedIncident,
  link,
  PROVIDERS,
  type Role,
  SECRET,
  useIncidentService,
  USERS,
  WEB,
} from './harness';

const h = useIncidentService();

const ACCESS_DENIED = 'You are not allowed to perform the given chatops command.';
const NOT_FOUND = "404 not found! GitLab couldn't find what you were looking for! :boom:";
const EXPIRED = 'This incident choice has expired. Please run the command again.';

type Command = 'comment' | 'timeline' | 'close';

/** A button of the chooser as the chat shows it: its label and the value a click sends. */
interface Button {
  label: string;
  value: string;
}

/** The buttons of a rendered reply: Slack's actions blocks, or Mattermost's attachment actions. */
function buttonsOf(provider: ChatPlatform, reply: Record<string, unknown>): Button[] {
  if (provider === 'slack') {
    const blocks = (reply['blocks'] ?? []) as Array<{ type: string; elements?: Array<Record<string, unknown>> }>;
    return blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .map((e) => ({ label: (e['text'] as { text: string }).text, value: String(e['value']) }));
  }
  const attachments = (reply['attachments'] ?? []) as Array<{
    actions?: Array<{ name: string; integration: { context: { choice: string } } }>;
  }>;
  return attachments
    .flatMap((a) => a.actions ?? [])
    .map((a) => ({ label: a.name, value: a.integration.context.choice }));
}

describe.each(PROVIDERS)('incident follow-ups (%s)', (provider) => {
  let backendIncident: CreatedIncident;
  let webIncident: CreatedIncident;

  beforeEach(async () => {
    for (const role of ['maintainer', 'developer', 'reporter', 'guest'] as const) await h.link(provider, role);
    backendIncident = await h.createIncident('maintainer', BACKEND, 'Database down');
    webIncident = await h.createIncident('maintainer', WEB, 'Slow logins');
  });

  /** The user types the command; resolves with its response URL and the first answer there. */
  async function ask(role: Role, command: Command, text = '', options: { channelId?: string } = {}) {
    const identity = await h.identityOf(provider, role);
    const responseUrl = h.responseUrl(provider);
    await h.run(
      provider,
      role,
      { kind: 'follow_up_requested', identityId: identity, command, text, responseUrl },
      options,
    );
    return { responseUrl, reply: await h.reply(provider, responseUrl) };
  }

  /**
   * The user clicks a button, as the gateway hands it on: Slack's click brings a response URL of
   * its own, where the answer goes; Mattermost's answer goes to the command's. Resolves with the
   * URL the answer is read at and which post there it is.
   */
  async function click(role: Role, button: Button, commandUrl: string) {
    const choiceId = choiceIdOfButton(provider, h.formStateKey, button.value);
    if (provider === 'slack') {
      const responseUrl = h.responseUrl(provider);
      await h.run(provider, role, { kind: 'incident_chosen', choiceId, responseUrl });
      return { url: responseUrl, count: 1 };
    }
    await h.run(provider, role, { kind: 'incident_chosen', choiceId });
    return { url: commandUrl, count: 2 };
  }

  /** Asks, checks the chooser, clicks the incident's button; resolves with the answer to the click. */
  async function askAndChoose(role: Role, command: Command, text: string, incident: CreatedIncident) {
    const asked = await ask(role, command, text);
    const button = buttonsOf(provider, asked.reply).find((b) => b.label.endsWith(`#${incident.iid} ${incident.title}`));
    if (!button) throw new Error(`no button for ${incident.title} in ${JSON.stringify(asked.reply)}`);
    const at = await click(role, button, asked.responseUrl);
    return h.reply(provider, at.url, at.count);
  }

  const answer = (text: string, replacing = true) => ({
    response_type: 'ephemeral',
    text,
    ...(replacing ? { replace_original: true } : {}),
  });

  describe('through the chooser', () => {
    it("asks which of the user's open incidents, most recent first, one button each", async () => {
      const { reply } = await ask('developer', 'comment', 'Rolled back');
      expect(reply).toMatchObject({
        response_type: 'ephemeral',
        text: "Please confirm which incident you'd like to post your comment to.",
      });
      expect(buttonsOf(provider, reply).map((b) => b.label)).toEqual([
        'acme/web#1 Slow logins',
        'acme/backend#1 Database down',
      ]);
    });

    it('comments on the chosen incident as the user, and the confirmation replaces the question', async () => {
      const answered = await askAndChoose('developer', 'comment', 'Rolled back to v1.2', backendIncident);
      const [note] = h.gitlab.notes(BACKEND.id, backendIncident.iid).filter((n) => !n.system);
      expect(note).toMatchObject({ body: 'Rolled back to v1.2', authorId: USERS.developer.id });
      expect(h.gitlab.notes(WEB.id, webIncident.iid)).toHaveLength(0);
      const noteUrl = `${backendIncident.webUrl}#note_${note?.id}`;
      expect(answered).toEqual(
        answer(`Your comment has been added to ${link(provider, '#1 - Database down', noteUrl)}.`),
      );
    });

    it('adds a timeline event at the time the command was typed', async () => {
      const before = Date.now();
      const answered = await askAndChoose('developer', 'timeline', 'Failover started', webIncident);
      const [event, ...more] = h.gitlab.timelineEvents(WEB.id, webIncident.iid);
      expect(more).toHaveLength(0);
      expect(event?.note).toBe('Failover started');
      expect(Date.parse(event?.occurredAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(event?.occurredAt ?? '')).toBeLessThanOrEqual(Date.now());
      expect(answered).toEqual(
        answer(`A timeline event has been added to ${link(provider, '#1 - Slow logins', webIncident.webUrl)}.`),
      );
    });

    it('closes the chosen incident, and marks it closed where chatops recorded it', async () => {
      await h.recordIncident(provider, backendIncident, 'CINCIDENT1');
      const answered = await askAndChoose('developer', 'close', '', backendIncident);
      expect(h.gitlab.issue(BACKEND.id, backendIncident.iid).state).toBe('closed');
      expect(h.gitlab.issue(WEB.id, webIncident.iid).state).toBe('opened');
      expect(answered).toEqual(
        answer(`Incident ${link(provider, '#1 - Database down', backendIncident.webUrl)} has been closed.`),
      );
      const record = await h.database.db.incident.findFirstOrThrow({ where: { gitlabProjectId: BACKEND.id } });
      expect(record.closedAt).toBeInstanceOf(Date);
    });

    it('asks even when the user has a single open incident', async () => {
      const { reply } = await ask('reporter', 'close');
      expect(buttonsOf(provider, reply).map((b) => b.label)).toEqual(['acme/backend#1 Database down']);
      expect(h.gitlab.issue(BACKEND.id, backendIncident.iid).state).toBe('opened');
    });

    it("lists only open incidents of projects where the user is Reporter or more, not issues or others' projects", async () => {
      await h.createIncident('maintainer', SECRET, 'Secret outage');
      await h.gitlabApi('maintainer', 'POST', `/projects/${BACKEND.id}/issues`, { title: 'Plain bug' });
      const closed = await h.createIncident('maintainer', BACKEND, 'Old outage');
      await h.gitlabApi('maintainer', 'PUT', `/projects/${BACKEND.id}/issues/${closed.iid}`, { state_event: 'close' });
      const { reply } = await ask('developer', 'comment', 'x');
      expect(buttonsOf(provider, reply).map((b) => b.label)).toEqual([
        'acme/web#1 Slow logins',
        'acme/backend#1 Database down',
      ]);
    });

    it('answers that there is nothing to choose when the user has no open incidents', async () => {
      // The guest is a member of acme/backend, below Reporter.
      const { reply } = await ask('guest', 'comment', 'Hello');
      expect(reply).toEqual(answer('There are no open incidents in your projects.', false));
    });
  });

  describe('in an incident channel', () => {
    const OWN_CHANNEL = provider === 'slack' ? 'C0INCIDENT1' : 'mmincidentaaaaaaaaaaaaaaaa';

    beforeEach(async () => {
      await h.recordIncident(provider, webIncident, OWN_CHANNEL);
    });

    it('comments on that incident at once, without asking', async () => {
      const { reply, responseUrl } = await ask('developer', 'comment', 'Looking into it', { channelId: OWN_CHANNEL });
      const [note] = h.gitlab.notes(WEB.id, webIncident.iid);
      expect(note?.body).toBe('Looking into it');
      expect(reply).toEqual(
        answer(
          `Your comment has been added to ${link(provider, '#1 - Slow logins', `${webIncident.webUrl}#note_${note?.id}`)}.`,
          false,
        ),
      );
      expect(h.responses(provider, responseUrl)).toHaveLength(1);
    });

    it('adds a timeline event and closes it at once', async () => {
      await ask('developer', 'timeline', 'Mitigated', { channelId: OWN_CHANNEL });
      expect(h.gitlab.timelineEvents(WEB.id, webIncident.iid).map((e) => e.note)).toEqual(['Mitigated']);
      const { reply } = await ask('developer', 'close', '', { channelId: OWN_CHANNEL });
      expect(reply).toEqual(
        answer(`Incident ${link(provider, '#1 - Slow logins', webIncident.webUrl)} has been closed.`, false),
      );
      expect(h.gitlab.issue(WEB.id, webIncident.iid).state).toBe('closed');
    });

    it("says GitLab's 404 when the user may not see the channel's incident", async () => {
      const { reply } = await ask('reporter', 'comment', 'Hi', { channelId: OWN_CHANNEL });
      expect(reply).toEqual(answer(NOT_FOUND, false));
      expect(h.gitlab.notes(WEB.id, webIncident.iid)).toHaveLength(0);
    });

    it('says an incident closed already is closed', async () => {
      await h.gitlabApi('maintainer', 'PUT', `/projects/${WEB.id}/issues/${webIncident.iid}`, { state_event: 'close' });
      const { reply } = await ask('developer', 'close', '', { channelId: OWN_CHANNEL });
      expect(reply).toEqual(answer('Incident #1 is already closed.', false));
    });
  });

  describe('clicks', () => {
    it("does nothing on another user's click, and the question stays for the user who asked", async () => {
      const asked = await ask('developer', 'comment', 'Mine');
      const [button] = buttonsOf(provider, asked.reply);
      if (!button) throw new Error('no button');
      const other = await click('maintainer', button, asked.responseUrl);
      expect(h.gitlab.notes(WEB.id, webIncident.iid)).toHaveLength(0);
      expect(h.responses(provider, other.url)).toHaveLength(other.count - 1);

      const mine = await click('developer', button, asked.responseUrl);
      expect(await h.reply(provider, mine.url, mine.count)).toMatchObject({ replace_original: true });
      expect(h.gitlab.notes(WEB.id, webIncident.iid).map((n) => [n.body, n.authorId])).toEqual([
        ['Mine', USERS.developer.id],
      ]);
    });

    it('acts once: a second click on an answered question changes nothing', async () => {
      const asked = await ask('developer', 'timeline', 'Once');
      const [button] = buttonsOf(provider, asked.reply);
      if (!button) throw new Error('no button');
      const first = await click('developer', button, asked.responseUrl);
      await h.reply(provider, first.url, first.count);
      const second = await click('developer', button, asked.responseUrl);
      expect(h.gitlab.timelineEvents(WEB.id, webIncident.iid)).toHaveLength(1);
      if (provider === 'slack') expect(await h.reply(provider, second.url)).toEqual(answer(EXPIRED));
      // Mattermost's click brings no URL, and the command's is not answered twice.
      else expect(h.responses(provider, asked.responseUrl)).toHaveLength(2);
    });

    it('tells a click on a question nobody asked (expired) that it expired, where the chat allows', async () => {
      const responseUrl = h.responseUrl(provider);
      await h.run(provider, 'developer', {
        kind: 'incident_chosen',
        choiceId: 'no-such-choice:0',
        ...(provider === 'slack' ? { responseUrl } : {}),
      });
      if (provider === 'slack') expect(await h.reply(provider, responseUrl)).toEqual(answer(EXPIRED));
      else expect(h.responses(provider, responseUrl)).toHaveLength(0);
    });
  });

  describe('GitLab refusing', () => {
    it('says the user is not allowed when they lost the right to close before clicking', async () => {
      const asked = await ask('developer', 'close');
      h.gitlab.setMember(WEB.id, USERS.developer.id, AccessLevel.Guest);
      const [button] = buttonsOf(provider, asked.reply);
      if (!button) throw new Error('no button');
      const at = await click('developer', button, asked.responseUrl);
      expect(await h.reply(provider, at.url, at.count)).toEqual(answer(ACCESS_DENIED));
      expect(h.gitlab.issue(WEB.id, webIncident.iid).state).toBe('opened');
    });

    it('says the user is not allowed to add timeline events below Developer', async () => {
      expect(await askAndChoose('reporter', 'timeline', 'Noted', backendIncident)).toEqual(answer(ACCESS_DENIED));
      expect(h.gitlab.timelineEvents(BACKEND.id, backendIncident.iid)).toHaveLength(0);
    });

    it("says GitLab's 404 when the incident went out of the user's sight", async () => {
      const asked = await ask('developer', 'comment', 'Hello?');
      h.gitlab.setMember(WEB.id, USERS.developer.id, 0);
      const [button] = buttonsOf(provider, asked.reply);
      if (!button) throw new Error('no button');
      const at = await click('developer', button, asked.responseUrl);
      expect(await h.reply(provider, at.url, at.count)).toEqual(answer(NOT_FOUND));
    });

    it("lists GitLab's validation errors: a timeline text over 280 characters", async () => {
      const answered = await askAndChoose('developer', 'timeline', 'x'.repeat(281), backendIncident);
      expect(answered).toEqual(
        answer('The action was not successful, because:\n- Timeline text is too long (maximum is 280 characters)'),
      );
      expect(h.gitlab.timelineEvents(BACKEND.id, backendIncident.iid)).toHaveLength(0);
    });

    it('says an incident someone closed meanwhile is closed already', async () => {
      const asked = await ask('developer', 'close');
      await h.gitlabApi('maintainer', 'PUT', `/projects/${WEB.id}/issues/${webIncident.iid}`, { state_event: 'close' });
      const [button] = buttonsOf(provider, asked.reply);
      if (!button) throw new Error('no button');
      const at = await click('developer', button, asked.responseUrl);
      expect(await h.reply(provider, at.url, at.count)).toEqual(answer('Incident #1 is already closed.'));
    });
  });

  describe('unlinked users', () => {
    it('asks a user without a link to connect their GitLab account', async () => {
      const identity = await h.identityOf(provider, 'developer');
      await deleteChatIdentity(h.database.db, identity);
      const responseUrl = h.responseUrl(provider);
      await h.run(provider, 'developer', {
        kind: 'follow_up_requested',
        identityId: identity,
        command: 'comment',
        text: 'x',
        responseUrl,
      });
      const reply = await h.reply(provider, responseUrl);
      expect(reply).toMatchObject({ response_type: 'ephemeral' });
      expect(String(reply['text'])).toContain('connect your GitLab account');
    });

    it('asks to connect again, in place of the question, when the link went before the click', async () => {
      const asked = await ask('developer', 'comment', 'Late');
      await deleteChatIdentity(h.database.db, await h.identityOf(provider, 'developer'));
      const [button] = buttonsOf(provider, asked.reply);
      if (!button) throw new Error('no button');
      const at = await click('developer', button, asked.responseUrl);
      const reply = await h.reply(provider, at.url, at.count);
      expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: true });
      expect(String(reply['text'])).toContain('connect your GitLab account');
      expect(h.gitlab.notes(WEB.id, webIncident.iid)).toHaveLength(0);
    });
  });
});

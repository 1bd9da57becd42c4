import { type ChatMessage, type ChatPlatform, renderMessage } from '@chatops/chat';
import { incidentChannelAnnouncement } from './channel/incident-channel';
import { commentAddedReply, incidentClosedReply, timelineEventAddedReply } from './follow-up/follow-up-replies';
import { incidentCreatedReply } from './replies';

/*
 * Issue 18 for incidents: an incident's title, and the names in the declare flow's answer, ping
 * nobody and link nowhere; the links to the incident still work.
 */

const HOSTILE = '<!channel> hi <@U123> <https://evil.example|GitLab> @here @all @channel R&D';
const URL = 'https://gitlab.example.com/acme/web-app/-/issues/7';
const INCIDENT = { iid: 7, title: HOSTILE, web_url: URL };
const FOLLOW_UP = { projectId: 1, projectPath: 'acme/web-app', iid: 7, id: 107, title: HOSTILE, webUrl: URL };
const LINK_LABEL = '#7 - !channel hi @U123 https://evil.exampleGitLab @here @all @channel R&D';

const CASES: Record<string, ChatMessage> = {
  'the declare answer: title, and the name and project of an assignee left out': incidentCreatedReply(
    { ...INCIDENT, id: 107, project_id: 1, state: 'opened', confidential: false, author: { name: HOSTILE } },
    { name: HOSTILE, projectName: HOSTILE },
  ),
  'a comment added': commentAddedReply(FOLLOW_UP, `${URL}#note_1`, false),
  'a timeline event added': timelineEventAddedReply(FOLLOW_UP, true),
  'an incident closed': incidentClosedReply(FOLLOW_UP, false),
};

function text(platform: ChatPlatform, message: ChatMessage): string {
  return renderMessage(platform, message).message.text ?? '';
}

describe.each(Object.entries(CASES))('hostile incident text in %s', (_name, message) => {
  it('shows on Slack as written, the link to the incident working', () => {
    const body = text('slack', message);
    expect(body).not.toMatch(/<[!@#]|<https:\/\/evil/);
    expect(body).toMatch(new RegExp(`<${URL}(#note_1)?\\|#7 - !channel hi @U123 https://evil.exampleGitLab`));
    expect(body).toContain('R&amp;D');
  });

  it('pings nobody on Mattermost, the link to the incident working', () => {
    const body = text('mattermost', message);
    expect(body).not.toMatch(/@(channel|all|here)(?![\p{L}\p{N}])/iu);
    expect(body).toContain(`[${LINK_LABEL.replace(/@(here|all|channel)/g, '@\u2060$1')}](${URL}`);
  });
});

describe("the incident channel's announcement", () => {
  it('mentions the declarer and no one else', () => {
    expect(text('slack', incidentChannelAnnouncement(INCIDENT, 'U42'))).toBe(
      `Incident <${URL}|#7 !channel hi @U123 https://evil.exampleGitLab @here @all @channel R&amp;D> was declared by <@U42>. ` +
        'Use `/gitlab incident comment`, `timeline` and `close` here to act on it.',
    );
  });
});

import {
  alertEventSchema,
  deploymentEventSchema,
  issueEventSchema,
  mergeRequestEventSchema,
  noteEventSchema,
  pipelineEventSchema,
  pushEventSchema,
  wikiPageEventSchema,
} from '@chatops/gitlab';
import { type ChatMessage, type ChatPlatform, renderNotification } from '@chatops/chat';
import { loadFixture } from '@chatops/test-support/fixtures';
import { buildAlertMessage } from './alert';
import { buildDeploymentMessage } from './deployment';
import { buildIssueMessage } from './issue';
import { buildMergeRequestMessage } from './merge-request';
import { buildNoteMessage } from './note';
import { buildPipelineMessage } from './pipeline';
import { buildPushMessage } from './push';
import { buildWikiPageMessage } from './wiki-page';

/*
 * Issue 18: text written in GitLab must not ping anyone or disguise a link in the chat. Every
 * field a message shows from a payload is replaced in turn by hostile text, and the rendered body
 * is checked on both platforms, with a link chatops built in the same message still working.
 */

const HOSTILE = '<!channel> hi <@U123> <https://evil.example|GitLab> @here @all @channel R&D';

const fixture = <T>(schema: { parse(value: unknown): T }, name: string): T => schema.parse(loadFixture(name));
const pushEvent = () => fixture(pushEventSchema, 'push.json');
const issueEvent = () => fixture(issueEventSchema, 'issue.json');
const mergeRequestEvent = () => fixture(mergeRequestEventSchema, 'merge_request.json');
const pipelineEvent = () => fixture(pipelineEventSchema, 'pipeline.json');
const deploymentEvent = () => fixture(deploymentEventSchema, 'deployment.json');
const wikiEvent = () => fixture(wikiPageEventSchema, 'wiki_page.json');

const DIASPORA = { label: 'Mike / Diaspora', url: 'http://example.com/mike/diaspora' };
const GITLAB_TEST = { label: 'GitlabHQ / Gitlab Test', url: 'http://example.com/gitlabhq/gitlab-test' };
const GITLAB_ORG_TEST = { label: 'Gitlab Test', url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test' };

interface Case {
  /** What the message builds from the field(s) made hostile. */
  build(): ChatMessage | null;
  /** A link chatops builds in that message, which must still be a link. */
  ownLink: { label: string; url: string };
}

const CASES: Record<string, Case> = {
  'push: pusher name': {
    build: () => buildPushMessage({ ...pushEvent(), user_name: HOSTILE }),
    ownLink: DIASPORA,
  },
  'push: commit message': {
    build: () => {
      const event = pushEvent();
      event.commits = event.commits.map((c) => ({ ...c, title: HOSTILE, message: `${HOSTILE}\n\n${HOSTILE}` }));
      return buildPushMessage(event);
    },
    ownLink: DIASPORA,
  },
  'push: commit author name': {
    build: () => {
      const event = pushEvent();
      event.commits = event.commits.map((c) => ({ ...c, author: { ...c.author, name: HOSTILE } }));
      return buildPushMessage(event);
    },
    ownLink: DIASPORA,
  },
  'tag push: tag name': {
    build: () =>
      buildPushMessage({
        ...fixture(pushEventSchema, 'tag_push.json'),
        ref: 'refs/tags/<!channel>|<@U1>',
        user_name: HOSTILE,
      }),
    // Git allows these characters in a tag name: the label loses the link markup, the URL encodes it.
    ownLink: { label: '!channel@U1', url: 'http://example.com/jsmith/example/-/tags/%3C!channel%3E%7C%3C%40U1%3E' },
  },
  'issue: title': {
    build: () => {
      const event = issueEvent();
      event.object_attributes.title = HOSTILE;
      return buildIssueMessage(event, 'issue');
    },
    ownLink: GITLAB_TEST,
  },
  'issue: description': {
    build: () => {
      const event = issueEvent();
      event.object_attributes.description = `${HOSTILE}\n\n> ${HOSTILE}`;
      return buildIssueMessage(event, 'issue');
    },
    ownLink: GITLAB_TEST,
  },
  'issue: author name': {
    build: () => {
      const event = issueEvent();
      event.user = { ...event.user, name: HOSTILE, username: '@here' };
      return buildIssueMessage(event, 'issue');
    },
    ownLink: GITLAB_TEST,
  },
  'merge request: title and author name': {
    build: () => {
      const event = mergeRequestEvent();
      event.object_attributes.title = HOSTILE;
      event.user = { ...event.user, name: HOSTILE };
      return buildMergeRequestMessage(event);
    },
    ownLink: GITLAB_TEST,
  },
  'comment on an issue: the comment, the issue title and the author name': {
    build: () => {
      const event = fixture(noteEventSchema, 'note_issue.json');
      event.object_attributes.note = `${HOSTILE}\n\n${HOSTILE}`;
      if (event.issue) event.issue.title = HOSTILE;
      event.user = { ...event.user, name: HOSTILE };
      return buildNoteMessage(event);
    },
    ownLink: { label: 'Gitlab Org / Gitlab Test', url: 'http://example.com/gitlab-org/gitlab-test' },
  },
  'comment on a commit: the comment and the commit message': {
    build: () => {
      const event = fixture(noteEventSchema, 'note_commit.json');
      event.object_attributes.note = HOSTILE;
      if (event.commit) event.commit.message = HOSTILE;
      return buildNoteMessage(event);
    },
    ownLink: GITLAB_TEST,
  },
  'wiki page: title, commit message and author name': {
    build: () => {
      const event = wikiEvent();
      event.object_attributes.title = HOSTILE;
      event.object_attributes.message = HOSTILE;
      event.user = { ...event.user, name: HOSTILE };
      return buildWikiPageMessage(event);
    },
    ownLink: { label: 'wiki page', url: 'http://example.com/root/awesome-project/-/wikis/awesome' },
  },
  'pipeline: author, pipeline name, job name, stage, commit title and branch': {
    build: () => {
      const event = pipelineEvent();
      event.user = event.user && { ...event.user, name: HOSTILE };
      event.object_attributes.name = HOSTILE;
      event.object_attributes.ref = '<!channel>@here';
      event.builds = [{ id: 5, name: HOSTILE, status: 'failed', stage: HOSTILE }];
      return buildPipelineMessage(event, { commitTitle: HOSTILE, yamlErrors: HOSTILE });
    },
    ownLink: GITLAB_ORG_TEST,
  },
  'deployment: environment, author name and commit title': {
    build: () => {
      const event = deploymentEvent();
      event.environment = HOSTILE;
      event.user = event.user && { ...event.user, name: HOSTILE };
      event.commit_title = HOSTILE;
      return buildDeploymentMessage(event);
    },
    ownLink: {
      label: 'Administrator / test-deployment-webhooks',
      url: 'http://10.126.0.2:3000/root/test-deployment-webhooks',
    },
  },
  'alert: title and project name': {
    build: () => {
      const event = fixture(alertEventSchema, 'alert_integration_only.json');
      event.object_attributes.title = HOSTILE;
      // An alert's card has no link in its text: its title links to the alert.
      return buildAlertMessage(event, HOSTILE);
    },
    ownLink: { label: '', url: '' },
  },
};

/** Every string in a rendered body, so no part (fallback, fields, blocks…) is left out. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function rendered(platform: ChatPlatform, build: () => ChatMessage | null): string {
  const message = build();
  if (!message) throw new Error('expected a message');
  return strings(renderNotification(platform, message).message).join('\n');
}

describe.each(Object.entries(CASES))('hostile text in %s', (_name, { build, ownLink }) => {
  it('shows on Slack as written, escaped: no mention, no link of its own', () => {
    const body = rendered('slack', build);
    expect(body).not.toMatch(/<[!@#]/);
    expect(body).not.toMatch(/<https:\/\/evil/);
    // Slack's escaping of the other characters it reserves.
    expect(body).toContain('R&amp;D');
    expect(body).not.toContain('R&D');
    if (ownLink.url) expect(body).toContain(`<${ownLink.url}|${ownLink.label}>`);
  });

  it('pings nobody on Mattermost', () => {
    const body = rendered('mattermost', build);
    expect(body).not.toMatch(/@(channel|all|here)(?![\p{L}\p{N}])/iu);
    expect(body).toContain('@\u2060here');
    if (ownLink.url) expect(body).toContain(`[${ownLink.label}](${ownLink.url})`);
  });
});

describe('text from GitLab, shown readably', () => {
  it('keeps a description readable on Slack: its Slack syntax shows as typed', () => {
    const event = issueEvent();
    event.object_attributes.description = HOSTILE;
    const message = buildIssueMessage(event, 'issue');
    if (!message) throw new Error('expected a message');
    const body = renderNotification('slack', message).message;
    expect(body.attachments?.[0]?.text).toBe(
      '&lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil.example|GitLab&gt; @here @all @channel R&amp;D',
    );
  });

  it('keeps a comment readable on Mattermost: only an invisible word joiner after the @', () => {
    const event = fixture(noteEventSchema, 'note_issue.json');
    event.object_attributes.note = HOSTILE;
    const message = buildNoteMessage(event);
    if (!message) throw new Error('expected a message');
    const body = renderNotification('mattermost', message).message;
    expect(body.attachments?.[0]?.text).toBe(
      '<!channel> hi <@U123> <https://evil.example|GitLab> @\u2060here @\u2060all @\u2060channel R&D',
    );
  });

  it('keeps the links of GitLab markdown in a comment, as GitLab does', () => {
    const event = fixture(noteEventSchema, 'note_issue.json');
    event.object_attributes.note = 'See [the runbook](https://docs.example/run) @here';
    const message = buildNoteMessage(event);
    if (!message) throw new Error('expected a message');
    expect(renderNotification('slack', message).message.attachments?.[0]?.text).toBe(
      'See <https://docs.example/run|the runbook> @here',
    );
    expect(renderNotification('mattermost', message).message.attachments?.[0]?.text).toBe(
      'See [the runbook](https://docs.example/run) @\u2060here',
    );
  });
});

import { type ChatPlatform, type ChatReply, renderReply } from '@chatops/chat';
import { PROJECT, USER, issue } from '../../test/api-fixtures';
import { runFinishedReply } from '../chatops-run/run-output';
import { deployStartedReply } from '../commands/deploy.command';
import { issueCloseReply } from '../commands/issue-close.command';
import { issueCommentReply } from '../commands/issue-comment.command';
import { issueMoveReply } from '../commands/issue-move.command';
import { issueNewReply } from '../commands/issue-new.command';
import { issueSearchReply } from '../commands/issue-search.command';
import { issueShowReply } from '../commands/issue-show.command';
import { runNotScheduledReply } from '../commands/run.command';

/*
 * Issue 18 for command replies: what they echo from GitLab (titles, names, labels, milestones,
 * comments, environment and job names, job output) pings nobody and links nowhere, and the links
 * the reply builds to GitLab still work.
 */

const HOSTILE = '<!channel> hi <@U123> <https://evil.example|GitLab> @here @all @channel R&D';

const hostileIssue = issue({
  title: HOSTILE,
  author: { name: HOSTILE, username: 'ann', avatar_url: null },
  assignees: [{ name: HOSTILE }],
  milestone: { title: HOSTILE },
  labels: [HOSTILE, 'bug'],
});
const hostileUser = { ...USER, name: HOSTILE };
const PROJECT_LINK = { label: 'Acme / Web App', url: PROJECT.web_url };
const ISSUE_LINK = { label: '#42', url: hostileIssue.web_url };

const CASES: Record<string, { reply: ChatReply; ownLink?: { label: string; url: string } }> = {
  'issue show: title, author, assignee, milestone and labels': { reply: issueShowReply(hostileIssue, PROJECT) },
  'issue new: title and author': { reply: issueNewReply(hostileIssue, PROJECT, hostileUser), ownLink: PROJECT_LINK },
  'issue close: title and author': { reply: issueCloseReply(hostileIssue, PROJECT, USER), ownLink: PROJECT_LINK },
  'issue move: title': { reply: issueMoveReply(hostileIssue, hostileIssue), ownLink: ISSUE_LINK },
  'issue comment: the comment, shown verbatim': {
    reply: issueCommentReply(hostileIssue, PROJECT, { id: 1, body: `${HOSTILE}\n${HOSTILE}`, author: hostileUser }),
    ownLink: PROJECT_LINK,
  },
  'issue search: titles': { reply: issueSearchReply([hostileIssue, issue()]), ownLink: ISSUE_LINK },
  'deploy: environment names': {
    reply: deployStartedReply({ from: HOSTILE, to: HOSTILE, jobUrl: 'https://gitlab.example.com/j/1' }),
    ownLink: { label: 'Follow its progress', url: 'https://gitlab.example.com/j/1' },
  },
  'run: a job name the user typed': { reply: runNotScheduledReply(HOSTILE) },
};

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const rendered = (platform: ChatPlatform, reply: ChatReply) => strings(renderReply(platform, reply)).join('\n');

describe.each(Object.entries(CASES))('hostile text in %s', (_name, { reply, ownLink }) => {
  it('shows on Slack as written: no mention, no link of its own', () => {
    const body = rendered('slack', reply);
    expect(body).not.toMatch(/<[!@#]|<https:\/\/evil/);
    expect(body).toContain('R&amp;D');
    if (ownLink) expect(body).toContain(`<${ownLink.url}|${ownLink.label}>`);
  });

  it('pings nobody on Mattermost', () => {
    const body = rendered('mattermost', reply);
    expect(body).not.toMatch(/@(channel|all|here)(?![\p{L}\p{N}])/iu);
    if (ownLink) expect(body).toContain(`[${ownLink.label}](${ownLink.url})`);
  });
});

describe('hostile text in a ChatOps job', () => {
  const job = {
    id: 314,
    name: HOSTILE,
    url: 'https://gitlab.example.com/acme/web-app/-/jobs/314',
    status: 'success' as const,
    output: HOSTILE,
    chatUserId: 'U024BE7LH',
    user: { name: HOSTILE, web_url: 'https://gitlab.example.com/jane' },
  };

  it('mentions on Slack only the user who ran it', () => {
    const reply = runFinishedReply(job, 'slack');
    if (!reply) throw new Error('expected a reply');
    expect(renderReply('slack', reply).text).toBe(
      '<@U024BE7LH>: &lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil.example|GitLab&gt; @here @all @channel R&amp;D',
    );
  });

  it('pings nobody on Mattermost, and still links the job', () => {
    const reply = runFinishedReply(job, 'mattermost');
    if (!reply) throw new Error('expected a reply');
    const body = rendered('mattermost', reply);
    expect(body).not.toMatch(/@(channel|all|here)(?![\p{L}\p{N}])/iu);
    expect(body).toContain(`[#314](${job.url})`);
  });
});

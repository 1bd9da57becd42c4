import { loadFixture } from '@chatops/test-support/fixtures';
import { type IssueEvent, issueEventSchema } from '@chatops/gitlab';
import { buildIssueMessage } from './issue';

const issueFixture = (): IssueEvent => issueEventSchema.parse(loadFixture('issue.json'));
const incidentFixture = (): IssueEvent => issueEventSchema.parse(loadFixture('incident_integration_only.json'));

/** The fixture issue with some object_attributes replaced. */
function issueWith(attrs: Partial<IssueEvent['object_attributes']>, rest: Partial<IssueEvent> = {}): IssueEvent {
  const event = issueFixture();
  return { ...event, ...rest, object_attributes: { ...event.object_attributes, ...attrs } };
}

const PROJECT = '[[GitlabHQ / Gitlab Test](http://example.com/gitlabhq/gitlab-test)]';
const ISSUE_LINK = '[#23 New API: create/update/delete file](http://example.com/diaspora/issues/23)';

describe('buildIssueMessage', () => {
  it('announces an opened issue with its description (GitLab fixture)', () => {
    expect(buildIssueMessage(issueFixture(), 'issue')).toEqual({
      text: `${PROJECT} Issue ${ISSUE_LINK} opened by Administrator (root)`,
      attachments: [
        {
          title: '#23 New API: create/update/delete file',
          titleLink: 'http://example.com/diaspora/issues/23',
          text: 'Create new API for manipulations with repository',
          color: '#C95823',
        },
      ],
    });
  });

  it('announces an opened incident (integration-only incident payload)', () => {
    expect(buildIssueMessage(incidentFixture(), 'incident')).toEqual({
      text:
        `${PROJECT} Incident [#23 Database latency spike](http://example.com/gitlabhq/gitlab-test/-/issues/23) ` +
        'opened by Administrator (root)',
      attachments: [
        {
          title: '#23 Database latency spike',
          titleLink: 'http://example.com/gitlabhq/gitlab-test/-/issues/23',
          text: 'Create new API for manipulations with repository',
          color: '#C95823',
        },
      ],
    });
  });

  it('announces a confidential issue the same way', () => {
    const message = buildIssueMessage(issueWith({ confidential: true }), 'confidential_issue');
    expect(message?.text).toBe(`${PROJECT} Issue ${ISSUE_LINK} opened by Administrator (root)`);
  });

  it('shows a closed issue without attachment', () => {
    expect(buildIssueMessage(issueWith({ action: 'close', state: 'closed' }), 'issue')).toEqual({
      text: `${PROJECT} Issue ${ISSUE_LINK} closed by Administrator (root)`,
      attachments: [],
    });
  });

  it('shows a reopened issue as opened, without attachment', () => {
    expect(buildIssueMessage(issueWith({ action: 'reopen', state: 'opened' }), 'issue')).toEqual({
      text: `${PROJECT} Issue ${ISSUE_LINK} opened by Administrator (root)`,
      attachments: [],
    });
  });

  it('shows a payload without action, without attachment', () => {
    expect(buildIssueMessage(issueWith({ action: null }), 'issue')?.attachments).toEqual([]);
  });

  it.each(['issue', 'confidential_issue', 'incident'] as const)('skips updates (%s)', (kind) => {
    expect(buildIssueMessage(issueWith({ action: 'update' }), kind)).toBeNull();
  });

  it('names other work item types by their type', () => {
    const task = issueWith({ type: 'Task' }, { object_kind: 'work_item' });
    expect(buildIssueMessage(task, 'issue')?.text).toBe(`${PROJECT} Task ${ISSUE_LINK} opened by Administrator (root)`);
  });

  it.each(['issue', 'confidential_issue'] as const)('skips work items of type Incident notified as %s', (kind) => {
    expect(buildIssueMessage(issueWith({ type: 'Incident' }, { object_kind: 'work_item' }), kind)).toBeNull();
  });

  it('announces work items of type Incident notified as incidents', () => {
    const message = buildIssueMessage(issueWith({ type: 'Incident' }, { object_kind: 'work_item' }), 'incident');
    expect(message?.text).toBe(`${PROJECT} Incident ${ISSUE_LINK} opened by Administrator (root)`);
  });

  it('falls back to Issue, or Incident for incidents, when the payload has no type', () => {
    const incident = `${PROJECT} Incident ${ISSUE_LINK} opened by Administrator (root)`;
    expect(buildIssueMessage(issueWith({ type: undefined }), 'issue')?.text).toBe(
      `${PROJECT} Issue ${ISSUE_LINK} opened by Administrator (root)`,
    );
    expect(buildIssueMessage(issueWith({ type: null }), 'incident')?.text).toBe(incident);
    // GitLab checks the payload's object_kind, which its incident hook re-labels.
    expect(buildIssueMessage(issueWith({ type: null }, { object_kind: 'incident' }), 'issue')?.text).toBe(incident);
  });

  it('strips link markup from the title and the user name', () => {
    const event = issueWith(
      { title: 'Fix [x](https://evil) <https://evil|y> a|b' },
      { user: { name: '[Mallory](https://evil)', username: '<m|x>' } },
    );
    const message = buildIssueMessage(event, 'issue');
    expect(message?.text).toBe(
      `${PROJECT} Issue [#23 Fix x(https://evil) https://evily ab](http://example.com/diaspora/issues/23) opened by Mallory(https://evil) (mx)`,
    );
    expect(message?.attachments?.[0]?.title).toBe('#23 Fix x(https://evil) https://evily ab');
  });

  it('leaves the description as written: the renderer converts its links and shows the rest literally', () => {
    const description = 'See <https://evil.example|the docs> or [docs](https://docs.example) <!channel>';
    const event = issueWith({ description });
    expect(buildIssueMessage(event, 'issue')?.attachments?.[0]?.text).toBe(description);
  });

  it('turns project uploads in the description into absolute URLs, as GitLab does', () => {
    const event = issueWith({ description: 'Screenshot: ![shot](/uploads/abc/shot.png)' });
    expect(buildIssueMessage(event, 'issue')?.attachments?.[0]?.text).toBe(
      'Screenshot: http://example.com/gitlabhq/gitlab-test/uploads/abc/shot.png',
    );
  });

  it('uses an empty attachment text when the issue has no description', () => {
    expect(buildIssueMessage(issueWith({ description: null }), 'issue')?.attachments?.[0]?.text).toBe('');
  });

  it('shows only the username when the user has no full name', () => {
    const event = issueWith({}, { user: { name: '  ', username: 'root' } });
    expect(buildIssueMessage(event, 'issue')?.text).toBe(`${PROJECT} Issue ${ISSUE_LINK} opened by root`);
  });

  it('leaves the name empty when the payload has no user, as GitLab does', () => {
    expect(buildIssueMessage(issueWith({}, { user: undefined }), 'issue')?.text).toBe(
      `${PROJECT} Issue ${ISSUE_LINK} opened by `,
    );
  });

  it('uses the path when the project has no namespace, and leaves out a blank project', () => {
    const event = issueFixture();
    const noNamespace = { ...event, project: { ...event.project, namespace: undefined } };
    expect(buildIssueMessage(noNamespace, 'issue')?.text).toBe(
      `[[gitlabhq/gitlab-test](http://example.com/gitlabhq/gitlab-test)] Issue ${ISSUE_LINK} opened by Administrator (root)`,
    );
    const blank = { ...event, project: { ...event.project, namespace: undefined, path_with_namespace: '' } };
    expect(buildIssueMessage(blank, 'issue')?.text).toBe(`Issue ${ISSUE_LINK} opened by Administrator (root)`);
  });
});

describe('issueEventSchema', () => {
  it('accepts a payload with only the fields the message needs', () => {
    const event = issueEventSchema.parse({
      object_kind: 'work_item',
      project: { id: 1, name: 'P', web_url: 'https://g.example/p', path_with_namespace: 'g/p' },
      object_attributes: {
        title: 'T',
        iid: 1,
        url: 'https://g.example/p/-/work_items/1',
        description: null,
        type: null,
      },
    });
    expect(buildIssueMessage(event, 'issue')).toEqual({
      text: '[[g/p](https://g.example/p)] Issue [#1 T](https://g.example/p/-/work_items/1)  by ',
      attachments: [],
    });
  });

  it('rejects other object kinds', () => {
    expect(
      issueEventSchema.safeParse({ ...loadFixture<Record<string, unknown>>('issue.json'), object_kind: 'note' })
        .success,
    ).toBe(false);
  });
});

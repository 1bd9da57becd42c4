import { ARCHIVE, BACKEND, DOCS, link, PROVIDERS, type Role, useCommandHandler, USERS } from './harness';

const h = useCommandHandler();

const NOT_FOUND = {
  response_type: 'ephemeral',
  text: "404 not found! GitLab couldn't find what you were looking for! :boom:",
};
const NONE = [
  { title: 'Assignee', value: '_None_', short: true },
  { title: 'Milestone', value: '_None_', short: true },
  { title: 'Labels', value: '_None_', short: true },
];
const accessDenied = (projectUrl: string) => ({
  response_type: 'ephemeral',
  text:
    'You are not allowed to perform the given chatops command. Most\nlikely you do not have access to the GitLab project for this chatops\nintegration.\n\n' +
    `The GitLab project for this chatops integration can be found at\n${projectUrl}.\n`,
});

/** Creates an issue in the fake GitLab through its API; returns its iid. */
async function createIssue(role: Role, projectId: number, fields: Record<string, unknown>): Promise<number> {
  const created = await h.gitlabApi(role, 'POST', `/projects/${projectId}/issues`, fields);
  expect(created.status).toBe(201);
  return Number(created.body['iid']);
}

describe.each(PROVIDERS)('issue commands (%s)', (provider) => {
  const issueUrl = (project: { path: string }, iid: number) => `${h.projectUrl(project)}/-/issues/${iid}`;
  const userUrl = (role: Role) => `${h.gitlab.url}/${USERS[role].username}`;
  const avatar = (role: Role) => `${h.gitlab.url}/uploads/-/system/user/avatar/${USERS[role].id}/avatar.png`;
  /** The head every issue card starts with: the card's title and link, and the author with their avatar. */
  const cardHead = (title: string, titleLink: string, author: Role) => ({
    title,
    title_link: titleLink,
    author_name: USERS[author].name,
    author_icon: avatar(author),
  });
  const run = async (role: Role, text: string) => h.reply(provider, await h.send(provider, role, text));

  beforeEach(async () => {
    await h.link(provider, 'developer');
  });

  describe('issue show', () => {
    it('shows the issue card to the channel', async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      expect(await run('developer', `${BACKEND.path} issue show #1`)).toEqual({
        response_type: 'in_channel',
        attachments: [
          {
            ...cardHead('Login fails · #1', issueUrl(BACKEND, 1), 'maintainer'),
            fallback: 'Issue #1: Login fails',
            pretext: 'Issue *#1* from acme / backend',
            text: '**Open**',
            color: '#38ae67',
            fields: NONE,
            mrkdwn_in: ['pretext', 'text', 'fields'],
          },
        ],
      });
    });

    it('shows a confidential issue to the user alone', async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'CVE', confidential: true });
      expect(await run('developer', `${BACKEND.path} issue show 1`)).toMatchObject({
        response_type: 'ephemeral',
        attachments: [{ title: 'CVE · #1' }],
      });
    });

    it("answers a missing issue with GitLab's 404 text", async () => {
      expect(await run('developer', `${BACKEND.path} issue show 42`)).toEqual(NOT_FOUND);
    });
  });

  describe('issue new', () => {
    it('creates the issue as the user, with the Shift+Enter lines as its description', async () => {
      const reply = await run(
        'developer',
        `${BACKEND.path} issue new Fix the build\nIt fails on main\nsince Monday\n\n`,
      );
      const [issue, ...others] = h.gitlab.issues(BACKEND.id);
      expect(others).toHaveLength(0);
      expect(issue).toMatchObject({
        iid: 1,
        title: 'Fix the build',
        description: 'It fails on main\nsince Monday',
        authorId: USERS.developer.id,
      });
      expect(reply).toEqual({
        response_type: 'in_channel',
        attachments: [
          {
            ...cardHead('Fix the build · #1', issueUrl(BACKEND, 1), 'developer'),
            fallback: 'New issue #1: Fix the build',
            pretext: `I created an issue on ${link(provider, '@dave', userUrl('developer'))}'s behalf: **#1** in ${link(provider, 'acme / backend', h.projectUrl(BACKEND))}`,
            color: '#38ae67',
            fields: NONE,
            mrkdwn_in: ['title', 'pretext', 'text', 'fields'],
          },
        ],
      });
    });

    it("lists GitLab's validation errors for a title that is too long", async () => {
      expect(await run('developer', `${BACKEND.path} issue new ${'x'.repeat(256)}`)).toEqual({
        response_type: 'ephemeral',
        text: 'The action was not successful, because:\n- Title is too long (maximum is 255 characters)',
      });
      expect(h.gitlab.issues()).toHaveLength(0);
    });

    it('denies a user who may not create issues there (archived project)', async () => {
      expect(await run('developer', `${ARCHIVE.path} issue new Anything`)).toEqual(accessDenied(h.projectUrl(ARCHIVE)));
      expect(h.gitlab.issues()).toHaveLength(0);
    });

    it('denies a user who is not a member of the private project', async () => {
      await h.link(provider, 'outsider');
      expect(await run('outsider', `${BACKEND.path} issue new Anything`)).toEqual(accessDenied(h.projectUrl(BACKEND)));
      expect(h.gitlab.issues()).toHaveLength(0);
    });
  });

  describe('issue search', () => {
    it("answers no match with GitLab's 404 text", async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      expect(await run('developer', `${BACKEND.path} issue search crash`)).toEqual(NOT_FOUND);
    });

    it('shows the only match', async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      await createIssue('maintainer', BACKEND.id, { title: 'Crash on start' });
      expect(await run('developer', `${BACKEND.path} issue search crash`)).toEqual({
        response_type: 'ephemeral',
        text: 'Here is the only issue I found:',
        attachments: [
          {
            color: '#38ae67',
            fallback: '#2 Crash on start',
            text: `${link(provider, '#2', issueUrl(BACKEND, 2))} · Crash on start (Open)`,
            mrkdwn_in: ['text'],
          },
        ],
      });
    });

    it('shows two matches, and at most the first five', async () => {
      for (let n = 1; n <= 6; n += 1) await createIssue('maintainer', BACKEND.id, { title: `Crash ${n}` });
      await h.gitlabApi('maintainer', 'PUT', `/projects/${BACKEND.id}/issues/6`, { state_event: 'close' });
      const five = await run('developer', `${BACKEND.path} issue search crash`);
      expect(five['text']).toBe('Here are the first 5 issues I found:');
      expect(five['attachments']).toHaveLength(5);
      // Newest first, closed ones included and marked.
      expect(five['attachments']).toContainEqual({
        color: '#d22852',
        fallback: '#6 Crash 6',
        text: `${link(provider, '#6', issueUrl(BACKEND, 6))} · Crash 6 (Closed)`,
        mrkdwn_in: ['text'],
      });

      const two = await run('developer', `${BACKEND.path} issue search Crash 1`);
      expect(two).toMatchObject({ response_type: 'ephemeral', text: 'Here is the only issue I found:' });
      await createIssue('maintainer', BACKEND.id, { title: 'Crash 1 again' });
      expect(await run('developer', `${BACKEND.path} issue search Crash 1`)).toMatchObject({
        response_type: 'ephemeral',
        text: 'Here are the 2 issues I found:',
      });
    });
  });

  describe('issue close', () => {
    it('closes the issue as the user and tells the channel', async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      expect(await run('developer', `${BACKEND.path} issue close 1`)).toEqual({
        response_type: 'in_channel',
        attachments: [
          {
            ...cardHead('Login fails · #1', issueUrl(BACKEND, 1), 'maintainer'),
            fallback: 'Closed issue #1: Login fails',
            pretext: `I closed an issue on ${link(provider, '@dave', userUrl('developer'))}'s behalf: *#1* in ${link(provider, 'acme / backend', h.projectUrl(BACKEND))}`,
            text: '',
            color: '#d22852',
            fields: NONE,
            mrkdwn_in: ['title', 'pretext', 'fields'],
          },
        ],
      });
      expect(h.gitlab.issues(BACKEND.id)[0]).toMatchObject({ state: 'closed', closedById: USERS.developer.id });
    });

    it('says so when the issue is closed already', async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      await h.gitlabApi('maintainer', 'PUT', `/projects/${BACKEND.id}/issues/1`, { state_event: 'close' });
      const before = h.gitlab.requestCount('PUT /api/v4/projects/:id/issues/:iid');
      expect(await run('developer', `${BACKEND.path} issue close 1`)).toEqual({
        response_type: 'ephemeral',
        text: 'Issue #1 is already closed.',
      });
      expect(h.gitlab.requestCount('PUT /api/v4/projects/:id/issues/:iid')).toBe(before);
    });

    it('denies a guest closing an issue of someone else', async () => {
      await h.link(provider, 'guest');
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      expect(await run('guest', `${BACKEND.path} issue close 1`)).toEqual(accessDenied(h.projectUrl(BACKEND)));
      expect(h.gitlab.issues(BACKEND.id)[0]?.state).toBe('opened');
    });
  });

  describe('issue comment', () => {
    it('comments as the user and shows the comment to the user alone', async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      const reply = await run('developer', `${BACKEND.path} issue comment 1\nSeen on staging too.\nLogs attached.`);
      const notes = h.gitlab.notes(BACKEND.id, 1);
      expect(notes.map((note) => [note.body, note.authorId])).toEqual([
        ['Seen on staging too.\nLogs attached.', USERS.developer.id],
      ]);
      expect(reply).toEqual({
        response_type: 'ephemeral',
        attachments: [
          {
            ...cardHead('Login fails · #1', `${issueUrl(BACKEND, 1)}#note_${notes[0]?.id}`, 'developer'),
            fallback: 'New comment on #1: Login fails',
            pretext: `I commented on an issue on ${link(provider, '@dave', userUrl('developer'))}'s behalf: *#1* in ${link(provider, 'acme / backend', h.projectUrl(BACKEND))}`,
            text: '',
            color: '#38ae67',
            fields: [{ title: 'Comment', value: 'Seen on staging too.\nLogs attached.', short: false }],
            mrkdwn_in: ['title', 'pretext', 'fields'],
          },
        ],
      });
    });

    it('answers an empty comment with GitLab\'s "Note can\'t be blank"', async () => {
      await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
      expect(await run('developer', `${BACKEND.path} issue comment 1\n  \n`)).toEqual({
        response_type: 'ephemeral',
        text: "The action was not successful, because:\n- Note can't be blank",
      });
      expect(h.gitlab.notes(BACKEND.id, 1)).toHaveLength(0);
    });

    it('gives the generic denial when the discussion is locked to members', async () => {
      await h.link(provider, 'outsider');
      await createIssue('maintainer', DOCS.id, { title: 'Typo' });
      h.gitlab.lockIssue(DOCS.id, 1);
      expect(await run('outsider', `${DOCS.path} issue comment 1\nMe too`)).toEqual({
        response_type: 'ephemeral',
        text: 'You are not allowed to perform the given chatops command.',
      });
      expect(h.gitlab.notes(DOCS.id, 1)).toHaveLength(0);
    });
  });

  describe('issue move', () => {
    it('moves the issue and shows the new one to the channel', async () => {
      await h.link(provider, 'maintainer');
      await createIssue('developer', BACKEND.id, { title: 'Docs are wrong' });
      const reply = await run('maintainer', `${BACKEND.path} issue move 1 to ${DOCS.path}`);
      expect(h.gitlab.issues(DOCS.id).map((issue) => [issue.iid, issue.title])).toEqual([[1, 'Docs are wrong']]);
      expect(h.gitlab.issues(BACKEND.id)[0]?.state).toBe('closed');
      expect(reply).toEqual({
        response_type: 'in_channel',
        attachments: [
          {
            ...cardHead('Docs are wrong · #1', issueUrl(DOCS, 1), 'developer'),
            fallback: 'Issue #1: Docs are wrong',
            pretext: `Moved issue *${link(provider, '#1', issueUrl(BACKEND, 1))}* to *${link(provider, '#1', issueUrl(DOCS, 1))}*`,
            color: '#38ae67',
            fields: NONE,
            mrkdwn_in: ['title', 'pretext', 'text', 'fields'],
          },
        ],
      });
    });

    it("answers an unknown target project with GitLab's 404 text", async () => {
      await createIssue('developer', BACKEND.id, { title: 'Docs are wrong' });
      expect(await run('developer', `${BACKEND.path} issue move 1 acme/nowhere`)).toEqual(NOT_FOUND);
      expect(h.gitlab.issues(BACKEND.id)[0]?.state).toBe('opened');
    });
  });
});

describe('a Mattermost command fixed to one project', () => {
  it('runs commands without a project alias', async () => {
    await h.link('mattermost', 'developer');
    await createIssue('maintainer', BACKEND.id, { title: 'Login fails' });
    const url = await h.send('mattermost', 'developer', 'issue show 1', {
      mattermostCommandId: h.mattermostBackendCommandId,
    });
    expect(await h.reply('mattermost', url)).toMatchObject({
      response_type: 'in_channel',
      attachments: [{ title: 'Login fails · #1' }],
    });
  });
});

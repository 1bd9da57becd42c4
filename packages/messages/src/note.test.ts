import { loadFixture } from '@chatops/test-support/fixtures';
import { expandRelativeUploads, userCombinedName } from './text';
import { type NoteEvent, noteEventSchema } from '@chatops/gitlab';
import { buildNoteMessage } from './note';

const fixture = (name: string): NoteEvent => noteEventSchema.parse(loadFixture(name));
const ORG = 'in [Gitlab Org / Gitlab Test](http://example.com/gitlab-org/gitlab-test)';

describe('noteEventSchema', () => {
  it('parses the merge request note despite its malformed last_commit timestamp', () => {
    expect(noteEventSchema.safeParse(loadFixture('note_merge_request.json')).success).toBe(true);
  });

  it('keeps the noteable labels the label filter reads', () => {
    expect(fixture('note_issue.json').issue?.labels?.map((label) => label.title)).toEqual(['Afterpod', 'Element']);
    expect(fixture('note_merge_request.json').merge_request?.labels?.map((label) => label.title)).toEqual([
      'Afterpod',
      'Element',
    ]);
  });

  it('accepts notes on noteables GitLab does not announce, so their delivery does not fail', () => {
    const payload = {
      ...loadFixture('note_issue.json'),
      object_attributes: { note: 'x', noteable_type: 'DesignManagement::Design', url: 'u' },
    };
    expect(noteEventSchema.safeParse(payload).success).toBe(true);
  });

  it('rejects a payload of another kind', () => {
    expect(noteEventSchema.safeParse(loadFixture('wiki_page.json')).success).toBe(false);
  });
});

describe('buildNoteMessage', () => {
  it('describes a commit comment with the first line of the commit message (GitLab fixture)', () => {
    expect(buildNoteMessage(fixture('note_commit.json'))).toEqual({
      text:
        'Administrator (root) [commented on commit cfe32cf6](http://example.com/gitlab-org/gitlab-test/commit/cfe32cf61b73a0d5e9f13e774abde7ff789b1660#note_1243) ' +
        'in [GitlabHQ / Gitlab Test](http://example.com/gitlabhq/gitlab-test): *Add submodule*',
      attachments: [{ text: 'This is a commit comment. How does this work?', color: '#334455' }],
    });
  });

  it('describes an issue comment (GitLab fixture)', () => {
    expect(buildNoteMessage(fixture('note_issue.json'))).toEqual({
      text: `Administrator (root) [commented on issue #17](http://example.com/gitlab-org/gitlab-test/issues/17#note_1241) ${ORG}: *test*`,
      attachments: [{ text: 'Hello world', color: '#334455' }],
    });
  });

  it('describes a merge request comment (GitLab fixture)', () => {
    expect(buildNoteMessage(fixture('note_merge_request.json'))).toEqual({
      text:
        'Administrator (root) [commented on merge request !1](http://example.com/gitlab-org/gitlab-test/merge_requests/1#note_1244) ' +
        `${ORG}: *Tempora et eos debitis quae laborum et.*`,
      attachments: [{ text: 'This MR needs work.', color: '#334455' }],
    });
  });

  it('describes a snippet comment (GitLab fixture)', () => {
    expect(buildNoteMessage(fixture('note_snippet.json'))).toEqual({
      text: `Administrator (root) [commented on snippet $53](http://example.com/gitlab-org/gitlab-test/-/snippets/53#note_1245) ${ORG}: *test*`,
      attachments: [{ text: "Is this snippet doing what it's supposed to be doing?", color: '#334455' }],
    });
  });

  it('announces edited notes like new ones', () => {
    const event = fixture('note_issue.json');
    event.object_attributes.action = 'update';
    expect(buildNoteMessage(event)).toEqual(buildNoteMessage(fixture('note_issue.json')));
  });

  it('returns null for noteables GitLab does not announce', () => {
    const event = fixture('note_issue.json');
    event.object_attributes.noteable_type = 'DesignManagement::Design';
    expect(buildNoteMessage(event)).toBeNull();
  });

  it.each([
    ['note_commit.json', 'commit'],
    ['note_issue.json', 'issue'],
    ['note_merge_request.json', 'merge_request'],
    ['note_snippet.json', 'snippet'],
  ] as const)('returns null when %s lacks its %s object', (name, key) => {
    const event = fixture(name);
    event[key] = undefined;
    expect(buildNoteMessage(event)).toBeNull();
  });

  it('strips link markup from the title and the user name, but not from the note', () => {
    const event = fixture('note_issue.json');
    event.issue = { iid: 5, title: 'Fix [x](https://evil) <https://evil|x> | now\nsecond line' };
    event.user = { name: '[Mal]<ory>', username: 'mal|ory' };
    event.object_attributes.note = 'see [docs](https://docs.example)';
    const message = buildNoteMessage(event);
    expect(message?.text).toBe(
      `Malory (malory) [commented on issue #5](http://example.com/gitlab-org/gitlab-test/issues/17#note_1241) ${ORG}: *Fix x(https://evil) https://evilx  now*`,
    );
    expect(message?.attachments?.[0]?.text).toBe('see [docs](https://docs.example)');
  });

  it('cuts a CRLF commit message at its first line', () => {
    const event = fixture('note_commit.json');
    event.commit = { id: 'abcdef0123456789', message: 'Subject\r\nBody' };
    expect(buildNoteMessage(event)?.text).toMatch(/\[commented on commit abcdef01\]\(.*\): \*Subject\*$/);
  });

  it('makes uploaded images in the note absolute', () => {
    const event = fixture('note_issue.json');
    event.object_attributes.note = 'before ![shot](/uploads/abc/shot.png) after';
    expect(buildNoteMessage(event)?.attachments?.[0]?.text).toBe(
      'before http://example.com/gitlab-org/gitlab-test/uploads/abc/shot.png after',
    );
  });

  it('shows only the username when the full name is missing, and nothing when the user is', () => {
    const event = fixture('note_issue.json');
    event.user = { username: 'root' };
    expect(buildNoteMessage(event)?.text).toMatch(/^root \[commented on issue #17\]/);
    event.user = undefined;
    // GitLab interpolates the missing name as an empty string.
    expect(buildNoteMessage(event)?.text).toMatch(/^ \[commented on issue #17\]/);
  });
});

describe('userCombinedName', () => {
  it('follows GitLab: "Name (username)", the username alone when the name is blank', () => {
    expect(userCombinedName({ name: 'Ada', username: 'ada' })).toBe('Ada (ada)');
    expect(userCombinedName({ name: '  ', username: 'ada' })).toBe('ada');
    expect(userCombinedName(null)).toBe('');
  });
});

describe('expandRelativeUploads', () => {
  it('replaces every upload image and leaves other images and text alone', () => {
    const text = '![a](/uploads/1/a.png) ![b](/uploads/2/b.png) ![c](https://x.example/c.png) Just *markdown*';
    expect(expandRelativeUploads(text, 'https://g.example/p')).toBe(
      'https://g.example/p/uploads/1/a.png https://g.example/p/uploads/2/b.png ![c](https://x.example/c.png) Just *markdown*',
    );
  });
});

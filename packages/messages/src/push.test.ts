import { pushEventSchema } from '@chatops/gitlab';
import { loadFixture } from '@chatops/test-support/fixtures';
import { buildPushMessage } from './push';

const fixture = () => pushEventSchema.parse(loadFixture('push.json'));
const ZERO = '0000000000000000000000000000000000000000';

describe('buildPushMessage', () => {
  it('describes a push with its commits (GitLab fixture)', () => {
    expect(buildPushMessage(fixture())).toEqual({
      text:
        'John Smith pushed to branch [master](http://example.com/mike/diaspora/-/commits/master) of [Mike / Diaspora](http://example.com/mike/diaspora) ' +
        '([Compare changes](http://example.com/mike/diaspora/-/compare/95790bf891e76fee5e1747ab589903a6a1f80f22...da1560886d4f094c3e6c9ef40349f7d38b5d27d7))',
      attachments: [
        {
          text:
            '[b6568db1](http://example.com/mike/diaspora/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327): Update Catalan translation to e38cb41. - Jordi Mallach\n\n' +
            '[da156088](http://example.com/mike/diaspora/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7): fixed readme - GitLab dev user',
          color: '#334455',
        },
      ],
    });
  });

  it('announces a new branch without commits', () => {
    const message = buildPushMessage({ ...fixture(), before: ZERO, ref: 'refs/heads/feature/x' });
    expect(message).toEqual({
      text: 'John Smith pushed new branch [feature/x](http://example.com/mike/diaspora/-/commits/feature/x) to [Mike / Diaspora](http://example.com/mike/diaspora)',
      attachments: [],
    });
  });

  it('announces a removed tag without linking it', () => {
    const message = buildPushMessage({ ...fixture(), object_kind: 'tag_push', after: ZERO, ref: 'refs/tags/v1.0.0' });
    expect(message.text).toBe('John Smith removed tag v1.0.0 from [Mike / Diaspora](http://example.com/mike/diaspora)');
  });

  it('strips link markup from commit titles and authors', () => {
    const event = fixture();
    event.commits = [
      {
        id: 'a'.repeat(40),
        message: 'x',
        title: 'Fix [evil](https://e.example) <b>|',
        url: 'https://g.example/c',
        author: { name: '[Mallory]' },
      },
    ];
    expect(buildPushMessage(event).attachments?.[0]?.text).toBe(
      `[aaaaaaaa](https://g.example/c): Fix evil(https://e.example) b - Mallory`,
    );
  });

  it('uses the first line of the message when a commit has no title', () => {
    const event = fixture();
    event.commits = [
      { id: 'b'.repeat(40), message: 'Subject line\n\nBody', url: 'https://g.example/c', author: { name: 'A' } },
    ];
    expect(buildPushMessage(event).attachments?.[0]?.text).toBe('[bbbbbbbb](https://g.example/c): Subject line - A');
  });
});

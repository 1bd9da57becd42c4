import { loadFixture } from '@chatops/test-support/fixtures';
import { type MergeRequestEvent, mergeRequestEventSchema } from '@chatops/gitlab';
import { buildMergeRequestMessage } from './merge-request';

const fixture = (): MergeRequestEvent => mergeRequestEventSchema.parse(loadFixture('merge_request.json'));

/** The fixture merge request with some object_attributes replaced. */
function mrWith(
  attrs: Partial<MergeRequestEvent['object_attributes']>,
  rest: Partial<MergeRequestEvent> = {},
): MergeRequestEvent {
  const event = fixture();
  return { ...event, ...rest, object_attributes: { ...event.object_attributes, ...attrs } };
}

type Reviewer = { name: string; username: string; re_requested?: boolean };
const ann: Reviewer = { name: 'Ann', username: 'ann' };
const bob: Reviewer = { name: 'Bob', username: 'bob' };
const cid: Reviewer = { name: 'Cid', username: 'cid' };

/** An `update` that changed the reviewers, parsed like a real payload. */
function reviewerUpdate(previous: Reviewer[] | null, current: Reviewer[] | null): MergeRequestEvent {
  const raw = loadFixture('merge_request.json') as Record<string, Record<string, unknown>>;
  raw.object_attributes = { ...raw.object_attributes, action: 'update' };
  raw.changes = { reviewers: { previous, current } };
  return mergeRequestEventSchema.parse(raw);
}

const MR = '[!1 *MS-Viewport*](http://example.com/gitlabhq/gitlab-test/-/merge_requests/1)';
const PROJECT = '[GitlabHQ / Gitlab Test](http://example.com/gitlabhq/gitlab-test)';
const textFor = (what: string) => `Administrator (root) ${what} merge request ${MR} in ${PROJECT}`;

describe('buildMergeRequestMessage', () => {
  it('announces an opened merge request, linked through the project URL (GitLab fixture)', () => {
    expect(buildMergeRequestMessage(fixture())).toEqual({ text: textFor('opened'), attachments: [] });
  });

  it.each([
    ['close', 'closed', 'closed'],
    ['reopen', 'opened', 'opened'],
    ['merge', 'merged', 'merged'],
    ['approved', 'opened', 'approved'],
    ['unapproved', 'opened', 'unapproved'],
    ['approval', 'opened', 'added their approval to'],
    ['unapproval', 'opened', 'removed their approval from'],
  ])('describes the %s action as "%s → %s"', (action, state, what) => {
    expect(buildMergeRequestMessage(mrWith({ action, state }))?.text).toBe(textFor(what));
  });

  it('uses the state when the payload has no action', () => {
    expect(buildMergeRequestMessage(mrWith({ action: undefined, state: 'locked' }))?.text).toBe(textFor('locked'));
  });

  it('skips updates that did not change the reviewers', () => {
    expect(buildMergeRequestMessage(mrWith({ action: 'update' }))).toBeNull();
    expect(buildMergeRequestMessage(mrWith({ action: 'update' }, { changes: undefined }))).toBeNull();
  });

  it('announces a requested review', () => {
    expect(buildMergeRequestMessage(reviewerUpdate([], [ann]))?.text).toBe(
      textFor('requested a review from Ann (ann) of'),
    );
  });

  it('joins two and three reviewers as Rails to_sentence does', () => {
    expect(buildMergeRequestMessage(reviewerUpdate([], [ann, bob]))?.text).toBe(
      textFor('requested a review from Ann (ann) and Bob (bob) of'),
    );
    expect(buildMergeRequestMessage(reviewerUpdate([], [ann, bob, cid]))?.text).toBe(
      textFor('requested a review from Ann (ann), Bob (bob), and Cid (cid) of'),
    );
  });

  it('lists newly added reviewers before re-requested ones, each once', () => {
    const event = reviewerUpdate([ann, cid], [{ ...ann, re_requested: true }, { ...bob, re_requested: true }, cid]);
    expect(buildMergeRequestMessage(event)?.text).toBe(textFor('requested a review from Bob (bob) and Ann (ann) of'));
  });

  it('announces removed reviewers in the singular and plural', () => {
    expect(buildMergeRequestMessage(reviewerUpdate([ann, bob], [bob]))?.text).toBe(
      textFor('removed Ann (ann) as reviewer from'),
    );
    expect(buildMergeRequestMessage(reviewerUpdate([ann, bob, cid], [bob]))?.text).toBe(
      textFor('removed Ann (ann) and Cid (cid) as reviewers from'),
    );
  });

  it('prefers a review request over a removal in the same update', () => {
    expect(buildMergeRequestMessage(reviewerUpdate([ann], [bob]))?.text).toBe(
      textFor('requested a review from Bob (bob) of'),
    );
  });

  it('announces that all reviewers were removed, also when the list is null', () => {
    expect(buildMergeRequestMessage(reviewerUpdate([ann, bob], []))?.text).toBe(textFor('removed all reviewers from'));
    expect(buildMergeRequestMessage(reviewerUpdate([ann], null))?.text).toBe(textFor('removed all reviewers from'));
  });

  it('falls back to the state when the reviewers did not really change', () => {
    expect(buildMergeRequestMessage(reviewerUpdate([ann], [ann]))?.text).toBe(textFor('opened'));
  });

  it('shows only the first line of the title, in bold', () => {
    expect(buildMergeRequestMessage(mrWith({ title: 'First line\r\nSecond line' }))?.text).toBe(
      'Administrator (root) opened merge request [!1 *First line*](http://example.com/gitlabhq/gitlab-test/-/merge_requests/1) in ' +
        PROJECT,
    );
  });

  it('strips link markup from the title, user and reviewer names', () => {
    const event = reviewerUpdate([], [{ name: '[Eve](https://evil)', username: 'e|ve' }]);
    event.object_attributes.title = 'Fix [x](https://evil) <https://evil|y> a|b';
    event.user = { name: '<https://evil|Mallory>', username: 'mal' };
    expect(buildMergeRequestMessage(event)?.text).toBe(
      'https://evilMallory (mal) requested a review from Eve(https://evil) (eve) of merge request ' +
        `[!1 *Fix x(https://evil) https://evily ab*](http://example.com/gitlabhq/gitlab-test/-/merge_requests/1) in ${PROJECT}`,
    );
  });

  it('shows only the username without a full name, and nothing without a user, as GitLab does', () => {
    expect(buildMergeRequestMessage(mrWith({}, { user: { username: 'root' } }))?.text).toBe(
      `root opened merge request ${MR} in ${PROJECT}`,
    );
    expect(buildMergeRequestMessage(mrWith({}, { user: null }))?.text).toBe(
      ` opened merge request ${MR} in ${PROJECT}`,
    );
  });
});

describe('mergeRequestEventSchema', () => {
  it('accepts a payload with only the fields the message needs', () => {
    const event = mergeRequestEventSchema.parse({
      object_kind: 'merge_request',
      project: { id: 1, name: 'P', web_url: 'https://g.example/p', path_with_namespace: 'g/p' },
      object_attributes: { title: 'T', iid: 7, action: 'open', state: 'opened', description: null, url: null },
      changes: null,
    });
    expect(buildMergeRequestMessage(event)?.text).toBe(
      ' opened merge request [!7 *T*](https://g.example/p/-/merge_requests/7) in [g/p](https://g.example/p)',
    );
  });
});

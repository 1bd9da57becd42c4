import { loadFixture as fixture } from '@chatops/test-support/fixtures';
import { isKnownGitlabEvent } from '../webhook-headers';
import { ALERT_EVENT_NAME, eventKindOf } from './event-kind';

describe('eventKindOf', () => {
  it('classifies the documented payloads', () => {
    expect(eventKindOf('Push Hook', fixture('push.json'))).toBe('push');
    expect(eventKindOf('Tag Push Hook', fixture('tag_push.json'))).toBe('tag_push');
    expect(eventKindOf('Issue Hook', fixture('issue.json'))).toBe('issue');
    expect(eventKindOf('Merge Request Hook', fixture('merge_request.json'))).toBe('merge_request');
    expect(eventKindOf('Note Hook', fixture('note_issue.json'))).toBe('note');
    expect(eventKindOf('Pipeline Hook', fixture('pipeline.json'))).toBe('pipeline');
  });

  it('treats confidential issues and internal notes as confidential', () => {
    expect(eventKindOf('Confidential Issue Hook', { object_attributes: {} })).toBe('confidential_issue');
    expect(eventKindOf('Issue Hook', { object_attributes: { confidential: true } })).toBe('confidential_issue');
    expect(eventKindOf('Note Hook', { object_attributes: { internal: true } })).toBe('confidential_note');
    expect(eventKindOf('Note Hook', { object_attributes: {}, issue: { confidential: true } })).toBe(
      'confidential_note',
    );
    expect(eventKindOf('Confidential Note Hook', { object_attributes: {} })).toBe('confidential_note');
  });

  it('recognises incidents and ignores events no integration handles', () => {
    expect(eventKindOf('Issue Hook', { object_attributes: { type: 'Incident' } })).toBe('incident');
    expect(eventKindOf('Emoji Hook', {})).toBeUndefined();
  });

  it("classifies chatops' own alert events, which no GitLab webhook sends", () => {
    expect(eventKindOf(ALERT_EVENT_NAME, fixture('alert_integration_only.json'))).toBe('alert');
    expect(isKnownGitlabEvent(ALERT_EVENT_NAME)).toBe(false);
  });
});

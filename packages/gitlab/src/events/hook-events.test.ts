import { projectHookEventFlags } from './hook-events';

describe('projectHookEventFlags', () => {
  it('turns on exactly the switches of the routed events', () => {
    const flags = projectHookEventFlags(['push', 'incident', 'confidential_note', 'alert', 'bogus']);
    expect(Object.entries(flags).filter(([, on]) => on)).toEqual([
      ['push_events', true],
      ['issues_events', true],
      ['confidential_note_events', true],
    ]);
    expect(flags.pipeline_events).toBe(false);
  });

  it('is all off for no events (alerts need no hook)', () => {
    expect(Object.values(projectHookEventFlags(['alert'])).some(Boolean)).toBe(false);
  });
});

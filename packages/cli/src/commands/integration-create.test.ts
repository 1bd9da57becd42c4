import { UsageError } from '../command';
import { parseEventChannels } from './integration-create';

describe('parseEventChannels', () => {
  it('reads channels per event, without repeats', () => {
    expect([...parseEventChannels('push=C1,C2,C1; pipeline = C3')]).toEqual([
      ['push', ['C1', 'C2']],
      ['pipeline', ['C3']],
    ]);
    expect(parseEventChannels(undefined).size).toBe(0);
  });

  it("refuses unknown events, malformed parts and more than GitLab's 10 channels", () => {
    expect(() => parseEventChannels('pushes=C1')).toThrow(UsageError);
    expect(() => parseEventChannels('push')).toThrow(UsageError);
    const eleven = Array.from({ length: 11 }, (_, i) => `C${i}`).join(',');
    expect(() => parseEventChannels(`push=${eleven}`)).toThrow('push cannot have more than 10 channels');
  });
});

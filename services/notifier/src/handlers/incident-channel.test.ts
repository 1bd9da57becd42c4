import { type IncidentChannel } from '@chatops/db';
import { routeDecisions } from '@chatops/integrations';
import { type BuiltNotification, NO_FACTS } from '@chatops/messages';
import { TtlCache } from '@chatops/runtime';
import { withIncidentChannel } from './incident-channel';

const CHANNEL: IncidentChannel = { provider: 'slack', teamId: 'T1', channelId: 'CINC' };
const built = (kind: BuiltNotification['kind']): BuiltNotification => ({
  kind,
  message: { text: 'x' },
  facts: NO_FACTS,
});
const payload = { project: { id: 1 }, object_attributes: { iid: 23 } };

describe('withIncidentChannel', () => {
  function lookups() {
    const keys: string[] = [];
    const cache = new TtlCache(
      async (key) => {
        keys.push(key);
        return CHANNEL;
      },
      { ttlMs: 5000, missTtlMs: 1000, maxEntries: 10 },
    );
    return { keys, cache };
  }

  it('looks the channel up for incident events only, by project and iid, cached', async () => {
    const { keys, cache } = lookups();
    for (const kind of ['issue', 'confidential_issue', 'note', 'push'] as const)
      expect(await withIncidentChannel(cache, built(kind), payload, [])).toEqual([]);
    expect(keys).toEqual([]);
    await withIncidentChannel(cache, built('incident'), payload, routeDecisions('incident', NO_FACTS, []));
    await withIncidentChannel(cache, built('incident'), payload, []);
    expect(keys).toEqual(['1:23']);
  });

  it('leaves an incident payload without a project or iid as routed', async () => {
    const { keys, cache } = lookups();
    expect(await withIncidentChannel(cache, built('incident'), { object_attributes: {} }, [])).toEqual([]);
    expect(keys).toEqual([]);
  });
});

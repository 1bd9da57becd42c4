import { type Db, findIncidentChannel, type IncidentChannel } from '@chatops/db';
import { addIncidentChannel, type RouteDecision } from '@chatops/integrations';
import { type BuiltNotification } from '@chatops/messages';
import { type TtlCache } from '@chatops/runtime';
import { z } from 'zod';

/** What names the incident in an incident event (an Issue Hook about an issue of type Incident). */
const incidentRefSchema = z.object({
  project: z.object({ id: z.number().int() }),
  object_attributes: z.object({ iid: z.number().int() }),
});

/** The cache key of an incident's own channel: its GitLab project id and issue iid. */
function incidentChannelKey(gitlabProjectId: number, iid: number): string {
  return `${gitlabProjectId}:${iid}`;
}

/** Loads an incident's own channel by its cache key, for a TtlCache. */
export function incidentChannelLoader(db: Db): (key: string) => Promise<IncidentChannel | null> {
  return (key) => {
    const [gitlabProjectId = 0, iid = 0] = key.split(':').map(Number);
    return findIncidentChannel(db, gitlabProjectId, iid);
  };
}

/**
 * The decisions, with the incident's own channel added when the event is about an incident that
 * chatops gave a channel (see addIncidentChannel). Only incident events look it up: one indexed
 * read, cached briefly.
 */
export async function withIncidentChannel(
  channels: TtlCache<IncidentChannel>,
  built: BuiltNotification,
  payload: Record<string, unknown>,
  decisions: RouteDecision[],
): Promise<RouteDecision[]> {
  if (built.kind !== 'incident') return decisions;
  const ref = incidentRefSchema.safeParse(payload);
  if (!ref.success) return decisions;
  const channel = await channels.get(incidentChannelKey(ref.data.project.id, ref.data.object_attributes.iid));
  return channel ? addIncidentChannel(decisions, channel) : decisions;
}

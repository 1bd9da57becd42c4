import { round } from './stats';

type Samples = Map<string, number>;

/** Scrapes a service's Prometheus /metrics into "name{labels}" → value. */
export async function scrape(url: string): Promise<Samples> {
  // A process without /metrics (the bare pipeline's) gives no samples.
  const text = await fetch(`${url}/metrics`).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  );
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** Sum of the series of `name` whose labels contain every one of `labels`. */
function sumWhere(samples: Samples, name: string, labels: string | string[]): number {
  const wanted = typeof labels === 'string' ? [labels] : labels;
  let total = 0;
  for (const [key, value] of samples)
    if (key.startsWith(`${name}{`) && wanted.every((l) => key.includes(l))) total += value;
  return total;
}

/** How much a counter grew between two scrapes, over series whose labels contain every one of `labels`. */
export function counterDelta(before: Samples, after: Samples, name: string, labels: string[]): number {
  return sumWhere(after, name, labels) - sumWhere(before, name, labels);
}

/** Mean of a histogram between two scrapes, in ms, for series whose labels contain `labels`. */
export function meanMs(
  before: Samples,
  after: Samples,
  name: string,
  labels: string,
): { meanMs: number; count: number } {
  const sum = sumWhere(after, `${name}_sum`, labels) - sumWhere(before, `${name}_sum`, labels);
  const count = sumWhere(after, `${name}_count`, labels) - sumWhere(before, `${name}_count`, labels);
  return { meanMs: count > 0 ? round((sum / count) * 1000) : Number.NaN, count };
}

/**
 * Where an event's time goes, from the services' own histograms: gateway request handling, wait
 * in each queue and processing of each job (means over the window between two scrapes).
 */
export function stageBreakdown(
  gateway: [Samples, Samples],
  notifiers: [Samples, Samples][],
): Record<string, { meanMs: number; count: number }> {
  const merged = (pick: 0 | 1): Samples => {
    const out: Samples = new Map();
    for (const pair of notifiers) for (const [k, v] of pair[pick]) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  };
  const [nb, na] = [merged(0), merged(1)];
  return {
    'gateway: POST /hooks (request handling)': meanMs(
      gateway[0],
      gateway[1],
      'chatops_http_request_duration_seconds',
      'route="/hooks/gitlab/:endpointId"',
    ),
    'events: wait in queue': meanMs(nb, na, 'chatops_job_queue_latency_seconds', 'queue="events"'),
    'events: route + render + record (job)': meanMs(nb, na, 'chatops_job_duration_seconds', 'queue="events"'),
    'deliveries: wait in queue': meanMs(nb, na, 'chatops_job_queue_latency_seconds', 'queue="deliveries"'),
    'deliveries: claim + post + record (job)': meanMs(nb, na, 'chatops_job_duration_seconds', 'queue="deliveries"'),
  };
}

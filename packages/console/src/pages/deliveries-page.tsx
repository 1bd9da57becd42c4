import { type Delivery, type FailedEvent, type Integration, type Project } from '../api-types';
import { CONSOLE_PREFIX } from '../options';
import { ActionButton, when } from './forms';
import { type Chrome, Layout } from './layout';

export const STATUS_FILTERS = ['', 'pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export const SINCE_FILTERS: { value: string; label: string; ms: number | null }[] = [
  { value: '', label: 'Any time', ms: null },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
];

/** One delivery per row, its tries (outcome, HTTP status, time taken, the chat's answer) folded under it. */
export function DeliveryTable(props: { chrome: Chrome; deliveries: Delivery[]; retryAction: (d: Delivery) => string }) {
  if (props.deliveries.length === 0) return <p>No delivery matches.</p>;
  return (
    <table class="deliveries">
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Event</th>
          <th scope="col">Channel</th>
          <th scope="col">Status</th>
          <th scope="col">Tries</th>
          <th scope="col">Chat's answer</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {props.deliveries.map((d) => (
          <tr class={`status-${d.status}`}>
            <td>{when(d.createdAt)}</td>
            <td>{d.eventKind}</td>
            <td>{d.channel}</td>
            <td>
              <span class="badge">{d.status}</span>
            </td>
            <td>
              {d.attemptLog.length === 0 ? (
                d.attempts
              ) : (
                <details>
                  <summary>{d.attempts}</summary>
                  <ol>
                    {d.attemptLog.map((a) => (
                      <li>
                        {a.outcome}
                        {a.httpStatus ? ` · HTTP ${a.httpStatus}` : ''} · {a.durationMs} ms · {when(a.createdAt)}
                        {a.errorCode ? ` · ${a.errorCode}` : ''}
                        {a.errorMessage ? `: ${a.errorMessage}` : ''}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </td>
            <td>{d.lastErrorMessage ?? (d.sentAt ? `posted ${when(d.sentAt)}` : '')}</td>
            <td>
              {(d.status === 'failed' || d.status === 'pending') && (
                <ActionButton action={props.retryAction(d)} csrf={props.chrome.csrf} label="Retry" />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DeliveriesPage(props: {
  chrome: Chrome;
  project: Project;
  integration: Integration;
  deliveries: Delivery[];
  nextCursor: string | null;
  status: string;
  channel: string;
  since: string;
}) {
  const base = `${CONSOLE_PREFIX}/integrations/${props.integration.id}/deliveries`;
  const filters = new URLSearchParams({ status: props.status, channel: props.channel, since: props.since });
  const channels = [
    ...new Set([
      props.integration.defaultChannel,
      ...Object.values(props.integration.events).flatMap((route) => route.channels),
    ]),
  ].filter((c): c is string => Boolean(c));
  return (
    <Layout title={`Deliveries of ${props.integration.name}`} chrome={props.chrome}>
      <p>
        <a href={`${CONSOLE_PREFIX}/projects/${props.project.id}`}>← {props.project.pathWithNamespace}</a> ·{' '}
        <a href={`${CONSOLE_PREFIX}/integrations/${props.integration.id}`}>Settings</a>
      </p>
      <form method="get" action={base} class="row">
        <label for="status">Status</label>
        <select id="status" name="status">
          {STATUS_FILTERS.map((s) => (
            <option value={s} selected={s === props.status}>
              {s || 'Any'}
            </option>
          ))}
        </select>
        <label for="channel">Channel</label>
        <select id="channel" name="channel">
          <option value="">Any</option>
          {channels.map((c) => (
            <option value={c} selected={c === props.channel}>
              {c}
            </option>
          ))}
        </select>
        <label for="since">Time</label>
        <select id="since" name="since">
          {SINCE_FILTERS.map((s) => (
            <option value={s.value} selected={s.value === props.since}>
              {s.label}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      <DeliveryTable chrome={props.chrome} deliveries={props.deliveries} retryAction={(d) => `${base}/${d.id}/retry`} />
      {props.nextCursor && (
        <p>
          <a href={`${base}?${filters.toString()}&cursor=${encodeURIComponent(props.nextCursor)}`}>
            Older deliveries →
          </a>
        </p>
      )}
    </Layout>
  );
}

export function DeadLettersPage(props: { chrome: Chrome; deliveries: Delivery[]; failedEvents: FailedEvent[] }) {
  return (
    <Layout title="Dead letters" chrome={props.chrome}>
      <section>
        <h2>Deliveries that failed for good</h2>
        <DeliveryTable
          chrome={props.chrome}
          deliveries={props.deliveries}
          retryAction={(d) => `${CONSOLE_PREFIX}/dead-letters/${d.id}/retry`}
        />
      </section>
      <section>
        <h2>Events that could not be routed</h2>
        {props.failedEvents.length === 0 ? (
          <p>None this week.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Event</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Reason</th>
                <th scope="col">Tries</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {props.failedEvents.map((e) => (
                <tr>
                  <td>{when(e.receivedAt)}</td>
                  <td>{e.eventName}</td>
                  <td>
                    <code>{e.endpointId}</code>
                  </td>
                  <td>{e.failedReason}</td>
                  <td>{e.attemptsMade}</td>
                  <td>
                    <ActionButton
                      action={`${CONSOLE_PREFIX}/failed-events/${encodeURIComponent(e.jobId)}/retry`}
                      csrf={props.chrome.csrf}
                      label="Retry"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

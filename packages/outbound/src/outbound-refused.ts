/** Why a target was refused, in the words an operator reads in the delivery log or a 400. */
export interface OutboundRefusal {
  /** The host as requested (a name, or the address itself). */
  host: string;
  /** The internal address it is or resolved to (or the loopback name, `localhost`). */
  address: string;
  kind: string;
  /** `points at a private address (10.1.2.3)`, `hooks.example.com resolves to a loopback address (127.0.0.1)`. */
  reason: string;
  /** The reason and what would let it through (OUTBOUND_ALLOWED_HOSTS). */
  message: string;
}

/**
 * A request chatops refused to make because its target is internal; thrown by the URL check
 * and, at connect time, by the guarded lookup and connectors (it then arrives wrapped, as the
 * `cause` of fetch's TypeError or of an HTTP client's error: see `findOutboundRefusal`).
 */
export class OutboundRefused extends Error {
  readonly code = 'outbound_refused';

  constructor(readonly refusal: OutboundRefusal) {
    super(refusal.message);
    this.name = 'OutboundRefused';
  }
}

const PREFIX = 'OutboundRefused: ';

/**
 * The refusal message in an error's chain (`cause`, or `original` as the Slack SDKs name it), if
 * the error is, or was caused by, an OutboundRefused. Node's own fetch keeps a cause that is not
 * an Error of its realm (as under jest's sandbox) only as `new Error(String(cause))`, so that
 * form, `OutboundRefused: <message>`, is recognised too.
 */
export function outboundRefusalIn(error: unknown): string | undefined {
  let current = error as { name?: unknown; message?: unknown; cause?: unknown; original?: unknown } | null | undefined;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 8; depth += 1) {
    const message = typeof current.message === 'string' ? current.message : '';
    if (current instanceof OutboundRefused || current.name === 'OutboundRefused') return message;
    if (message.startsWith(PREFIX)) return message.slice(PREFIX.length);
    const next = (current.cause ?? current.original) as typeof current;
    if (next === current) break;
    current = next;
  }
  return undefined;
}

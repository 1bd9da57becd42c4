import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { type Duplex } from 'node:stream';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { guardedLookup } from './guarded-lookup';
import { OutboundRefused } from './outbound-refused';
import { type OutboundPolicy } from './outbound-policy';

/**
 * The transport for requests whose target a user chose (incoming webhooks, Mattermost servers):
 * every connection it makes is checked against the policy where it is made. An IP literal is
 * judged before connecting (sockets never look literals up); a name by the addresses the guarded
 * lookup resolves it to for this very connection. Two faces of the same check:
 *
 * - `dispatcher`, an undici Agent, for fetch (`fetch(url, { dispatcher })`) and Client4;
 * - `agentFor(url)`, a Node http(s).Agent, for clients built on `http.request` (axios, under
 *   @slack/webhook).
 *
 * A refused connection fails with OutboundRefused, as the `cause` of the client's own error.
 */
export class OutboundGuard {
  readonly dispatcher: Dispatcher;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  /** `lookup`: how names resolve (dns.lookup by default; tests resolve names their own way). */
  constructor(
    readonly policy: OutboundPolicy,
    options: { lookup?: LookupFunction } = {},
  ) {
    const lookup = guardedLookup(policy, options.lookup);
    const connector = buildConnector({ lookup });
    this.dispatcher = new Agent({
      connect: (connectOptions, callback) => {
        const refused = refusalOfLiteral(policy, connectOptions.hostname);
        if (refused) return callback(refused, null);
        connector(connectOptions, callback);
      },
    });
    this.httpAgent = new GuardedHttpAgent(policy, { lookup });
    this.httpsAgent = new GuardedHttpsAgent(policy, { lookup });
  }

  /** The Node agent for a URL's scheme (an http.Agent cannot carry TLS, nor an https.Agent plain HTTP). */
  agentFor(url: string): http.Agent {
    return url.startsWith('https:') ? this.httpsAgent : this.httpAgent;
  }

  /** Throws OutboundRefused for a URL whose host is an internal literal or `localhost` (no lookup). */
  assertUrlAllowed(url: string): void {
    this.policy.assertUrlAllowed(url);
  }

  async close(): Promise<void> {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    await this.dispatcher.close();
  }
}

function refusalOfLiteral(policy: OutboundPolicy, host: string | null | undefined): OutboundRefused | undefined {
  const bare = (host ?? '').replace(/^\[(.*)\]$/, '$1');
  const found = isIP(bare) ? policy.refusalOfHost(bare) : undefined;
  return found && new OutboundRefused(found);
}

type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly policy: OutboundPolicy,
    options: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback): Duplex | undefined {
    const refused = refusalOfLiteral(this.policy, options.host ?? options.hostname);
    if (refused) {
      // The agent reports it as the request's error; no socket is made.
      callback?.(refused, undefined as unknown as Duplex);
      return undefined;
    }
    return super.createConnection(options, callback) ?? undefined;
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly policy: OutboundPolicy,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: ConnectionCallback): Duplex | undefined {
    const refused = refusalOfLiteral(this.policy, options.host ?? options.hostname);
    if (refused) {
      callback?.(refused, undefined as unknown as Duplex);
      return undefined;
    }
    return super.createConnection(options, callback) ?? undefined;
  }
}

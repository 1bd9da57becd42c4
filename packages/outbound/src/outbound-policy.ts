import ipaddr from 'ipaddr.js';
import { embeddedIPv4, type InternalKind, internalKindOf, parseAddress } from './address-kind';
import { OutboundRefused, type OutboundRefusal } from './outbound-refused';

/** The setting that lets internal targets through, named in every refusal. */
export const ALLOW_LIST_SETTING = 'OUTBOUND_ALLOWED_HOSTS';

type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Names the resolver answers with the host itself (RFC 6761), refused before any lookup. */
const LOOPBACK_NAME = /(^|\.)localhost$/;
const HOST_NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/;

/**
 * Which hosts chatops may send requests to on a user's say-so (webhook URLs, Mattermost server
 * URLs): any host whose addresses are all public, plus what the operator's allow-list names.
 * The allow-list (`OUTBOUND_ALLOWED_HOSTS`) holds host names (`mattermost.internal`, or
 * `*.corp.example` for every name under it), IP addresses and CIDRs (`10.0.0.0/8`). A host name
 * on the list is trusted whatever it resolves to; an address is allowed when it falls in a listed
 * network. Immutable; build it once from the configuration.
 */
export class OutboundPolicy {
  private constructor(
    private readonly names: ReadonlySet<string>,
    private readonly suffixes: readonly string[],
    private readonly networks: readonly Network[],
    /** The entries as given, for logs and the effective settings. */
    readonly entries: readonly string[],
  ) {}

  /** No internal target allowed: the default. */
  static strict(): OutboundPolicy {
    return new OutboundPolicy(new Set(), [], [], []);
  }

  /**
   * Parses a comma-separated allow-list. Every entry that is neither a host name, an IP address
   * nor a CIDR is a problem; all of them are reported at once.
   */
  static parse(value: string): { policy: OutboundPolicy; problems: [] } | { policy?: never; problems: string[] } {
    const names = new Set<string>();
    const suffixes: string[] = [];
    const networks: Network[] = [];
    const problems: string[] = [];
    const entries = value
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean);
    for (const entry of entries) {
      const network = parseNetwork(entry);
      if (network) networks.push(network);
      else if (HOST_NAME.test(entry.replace(/\.$/, '')) && !/^[\d.]+$/.test(entry)) {
        const name = entry.replace(/\.$/, '');
        if (name.startsWith('*.')) suffixes.push(name.slice(1));
        else names.add(name);
      } else problems.push(`${entry.slice(0, 80)} is neither a host name, an IP address nor a CIDR`);
    }
    if (problems.length > 0) return { problems };
    return { policy: new OutboundPolicy(names, suffixes, networks, entries), problems: [] };
  }

  /** Parses an allow-list that is known to be valid (a constant); throws listing what is not. */
  static from(value: string): OutboundPolicy {
    const parsed = OutboundPolicy.parse(value);
    if (!parsed.policy) throw new Error(`invalid allow-list: ${parsed.problems.join('; ')}`);
    return parsed.policy;
  }

  /** Whether the allow-list names this host (by name: addresses are matched by `refusalOf`). */
  allowsName(host: string): boolean {
    const name = normaliseHost(host);
    return this.names.has(name) || this.suffixes.some((suffix) => name.endsWith(suffix));
  }

  /**
   * Why `host` may not be connected to as such, judging only what the host itself says: an
   * internal IP literal, or a loopback name (`localhost`). Other names pass: they are judged by
   * the addresses they resolve to when the connection is made (`refusalOf`).
   */
  refusalOfHost(host: string): OutboundRefusal | undefined {
    const name = normaliseHost(host);
    if (this.allowsName(name)) return undefined;
    if (parseAddress(name)) return this.refusalOf(name, name);
    // A loopback name is judged as the loopback address it stands for.
    if (LOOPBACK_NAME.test(name) && !this.inAllowedNetwork('127.0.0.1')) return refusal(name, name, 'loopback');
    return undefined;
  }

  /** Why `address`, which `host` resolved to (or is), may not be connected to; undefined if it may. */
  refusalOf(host: string, address: string): OutboundRefusal | undefined {
    if (this.allowsName(host)) return undefined;
    const kind = internalKindOf(address);
    if (!kind || this.inAllowedNetwork(address)) return undefined;
    return refusal(normaliseHost(host), address, kind);
  }

  /**
   * Checks a URL before it is stored or requested: its host must not be an internal address or
   * `localhost` (see `refusalOfHost`). Throws OutboundRefused; a URL that does not parse passes,
   * as it is not this check's to refuse.
   */
  assertUrlAllowed(url: string): void {
    const found = this.refusalOfUrl(url);
    if (found) throw new OutboundRefused(found);
  }

  /** The refusal `assertUrlAllowed` would throw, or undefined. */
  refusalOfUrl(url: string): OutboundRefusal | undefined {
    // WHATWG parsing turns 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 into 127.0.0.1.
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return parsed ? this.refusalOfHost(parsed.hostname) : undefined;
  }

  toJSON(): readonly string[] {
    return this.entries;
  }

  private inAllowedNetwork(address: string): boolean {
    const parsed = parseAddress(address);
    if (!parsed) return false;
    const candidates = [parsed];
    const embedded = parsed.kind() === 'ipv6' ? embeddedIPv4(parsed as ipaddr.IPv6) : undefined;
    if (embedded) candidates.push(embedded);
    return candidates.some((candidate) =>
      this.networks.some(([network, bits]) => network.kind() === candidate.kind() && candidate.match(network, bits)),
    );
  }
}

function parseNetwork(entry: string): Network | undefined {
  const bare = entry.replace(/^\[([^\]]+)\]/, '$1');
  if (ipaddr.isValidCIDR(bare)) return ipaddr.parseCIDR(bare);
  // Addresses in the four-part form only: `10` or `127.1` are more likely typos than addresses.
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return [ipaddr.IPv4.parse(bare), 32];
  if (ipaddr.IPv6.isValid(bare)) return [ipaddr.IPv6.parse(bare), 128];
  return undefined;
}

/** Host names compare in lower case without the root's dot; IPv6 literals without brackets. */
function normaliseHost(host: string): string {
  const lower = host.toLowerCase().replace(/\.$/, '');
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

function refusal(host: string, address: string, kind: InternalKind): OutboundRefusal {
  const article = kind === 'unspecified' ? 'an' : 'a';
  const what = `${article} ${kind} address (${address})`;
  const reason = host === address ? `points at ${what}` : `${host} resolves to ${what}`;
  return {
    host,
    address,
    kind,
    reason,
    message: `${reason}; chatops refuses internal targets unless ${ALLOW_LIST_SETTING} allows them`,
  };
}

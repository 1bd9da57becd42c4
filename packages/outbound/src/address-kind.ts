import ipaddr from 'ipaddr.js';

/** Why an address is internal: the kinds of address chatops does not post to on a user's say-so. */
export type InternalKind =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (RFC 6598 carrier-grade NAT)'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'reserved';

/** ipaddr.js's range names that are internal, with the kind each is reported as. */
const IPV4_INTERNAL: Readonly<Record<string, InternalKind>> = {
  unspecified: 'unspecified', // 0.0.0.0/8: "this network", reaches the host itself on Linux
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local', // 169.254.0.0/16: cloud metadata (169.254.169.254) lives here
  loopback: 'loopback',
  carrierGradeNat: 'shared (RFC 6598 carrier-grade NAT)',
  private: 'private', // RFC 1918
  reserved: 'reserved', // 240.0.0.0/4, documentation and benchmarking ranges
};

const IPV6_INTERNAL: Readonly<Record<string, InternalKind>> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'private', // fc00::/7
  deprecatedSiteLocal: 'private', // fec0::/10, the ULA's predecessor
  discard: 'reserved',
  segmentRouting: 'reserved',
  reserved: 'reserved',
};

/** 64:ff9b::/96, the well-known NAT64 prefix: the last 32 bits are the IPv4 address reached. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * The kind of internal address `address` (an IP literal, as DNS answers or as a URL's host) is,
 * or undefined for a public one. IPv6 addresses that carry an IPv4 address (IPv4-mapped
 * `::ffff:127.0.0.1`, IPv4-compatible, NAT64 `64:ff9b::7f00:1`, 6to4 `2002:7f00:1::`) are judged
 * by that IPv4 address. Anything that does not parse as an address is refused as reserved: an
 * address that cannot be classified is not posted to.
 */
export function internalKindOf(address: string): InternalKind | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return 'reserved';
  if (parsed.kind() === 'ipv4') return IPV4_INTERNAL[parsed.range()];
  const ipv6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(ipv6);
  if (embedded) return IPV4_INTERNAL[embedded.range()];
  const range = ipv6.range();
  // 64:ff9b:1::/48 is NAT64 for local use (RFC 8215): by definition an internal network.
  if (range === 'rfc6052') return 'private';
  return IPV6_INTERNAL[range];
}

/** An IP literal (brackets and an IPv6 zone allowed), or undefined. */
export function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return undefined;
  return ipaddr.parse(bare);
}

/** The IPv4 address an IPv6 address stands for, where it stands for one. */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  const last32 = () => new ipaddr.IPv4(bytes.slice(12, 16));
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return last32();
    case '6to4': // 2002:AABB:CCDD::/48
      return new ipaddr.IPv4(bytes.slice(2, 6));
    case 'rfc6052':
      return address.match(NAT64_WELL_KNOWN) ? last32() : undefined;
    default:
      // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291): the first 96 bits zero, but not :: or ::1.
      return bytes.slice(0, 12).every((b) => b === 0) && address.range() === 'unicast' ? last32() : undefined;
  }
}

import dns from 'node:dns';
import { type LookupFunction } from 'node:net';
import { OutboundRefused } from './outbound-refused';
import { type OutboundPolicy } from './outbound-policy';

/**
 * A `lookup` for sockets (net.connect's, hence http.Agent's and undici's) that resolves as
 * `lookup` does and then fails the connection, before it is made, when any address the name
 * resolved to is internal and not allowed. Every connection resolves anew, so a name that
 * answered with a public address when a URL was checked and with an internal one now (DNS
 * rebinding) is judged by the address actually connected to. Handles both single answers and
 * `all: true` (what Node's happy-eyeballs connect asks for).
 */
export function guardedLookup(policy: OutboundPolicy, lookup: LookupFunction = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const answers = Array.isArray(address) ? address.map((a) => a.address) : [address];
      for (const answer of answers) {
        const found = policy.refusalOf(hostname, answer);
        if (found) return callback(new OutboundRefused(found), Array.isArray(address) ? [] : '', family);
      }
      callback(null, address, family);
    });
  };
}

import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard: a webhook may only reach the public internet. The URL's host is resolved, every
 * address is checked, and the connection is made to the address that was checked (`lookup`
 * below), so a name cannot resolve to a public address for the check and a private one for the
 * connection. The ranges are ipaddr.js's: anything it does not call `unicast` (loopback, private,
 * link-local with 169.254.169.254, CGNAT, multicast, documentation, benchmarking, IPv4-mapped
 * IPv6, unique-local, …) is refused.
 */
export class DestinationRefused extends Error {
  override readonly name = 'DestinationRefused';
}

export interface CheckedDestination {
  readonly url: URL;
  /** The address the connection must go to. */
  readonly address: string;
  readonly family: 4 | 6;
}

export interface GuardOptions {
  /** Lifts the range check only (tests, closed networks); the scheme and resolution stay. */
  readonly allowPrivateNetworks: boolean;
  readonly resolve?: (hostname: string) => Promise<readonly { address: string; family: number }[]>;
}

const resolveAll = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

export async function checkDestination(url: string, options: GuardOptions): Promise<CheckedDestination> {
  const parsed = parseUrl(url);
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = ipaddr.isValid(hostname) ? [{ address: hostname, family: ipaddr.parse(hostname).kind() === 'ipv6' ? 6 : 4 }] : await resolve(hostname, options);
  if (addresses.length === 0) throw new DestinationRefused(`${hostname} resolves to no address`);
  if (!options.allowPrivateNetworks) {
    for (const { address } of addresses) {
      const range = reservedRange(address);
      if (range !== undefined) {
        const of = address === hostname ? '' : ` (the address of ${hostname})`;
        throw new DestinationRefused(`${address}${of} is in a reserved range (${range}): webhooks reach only public addresses`);
      }
    }
  }
  const first = addresses[0]!;
  return { url: parsed, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** ipaddr.js's name of the range an address is in, or undefined for a public unicast address. */
export function reservedRange(address: string): string | undefined {
  const range = ipaddr.parse(address).range();
  return range === 'unicast' ? undefined : range;
}

/** A `lookup` for the HTTP agent that answers the checked address and nothing else: no second resolution. */
export function pinnedLookup(destination: CheckedDestination): LookupFunction {
  return (_hostname, options, callback) => {
    const { address, family } = destination;
    if (options.all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function parseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DestinationRefused('not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DestinationRefused(`only http and https are allowed, not ${parsed.protocol.slice(0, -1)}`);
  if (parsed.username !== '' || parsed.password !== '') throw new DestinationRefused('credentials in the URL are not allowed; the signature authenticates the sender');
  return parsed;
}

async function resolve(hostname: string, options: GuardOptions): Promise<readonly { address: string; family: number }[]> {
  try {
    return await (options.resolve ?? resolveAll)(hostname);
  } catch (error) {
    throw new DestinationRefused(`${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

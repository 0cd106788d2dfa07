import http from 'node:http';
import https from 'node:https';
import type { CheckedDestination } from './destination-guard.js';

/** An idle connection closes after this: under the 5 s keep-alive of Node's servers, so a receiver rarely closes one first. */
const IDLE_MS = 4000;
/** Destinations with connections kept; past it, those with none in use are let go, least recently used first. */
const MAX_DESTINATIONS = 256;

/**
 * Keep-alive connections per checked destination. A delivery is given the connections of the
 * address the guard answered for it just now, so a reused connection goes to an address checked
 * for this delivery, and a name that comes to resolve elsewhere gets connections of its own. Saves
 * a TCP (and TLS) handshake per message to a receiver that is sent many.
 */
export class WebhookConnections {
  /** Least recently used first (a Map keeps insertion order). */
  private readonly agents = new Map<string, http.Agent>();

  agentFor(destination: CheckedDestination): http.Agent {
    const key = `${destination.url.protocol}//${destination.url.host} ${destination.address}`;
    let agent = this.agents.get(key);
    if (agent === undefined) {
      this.letGo();
      agent = new (destination.url.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, timeout: IDLE_MS });
    }
    this.agents.delete(key);
    this.agents.set(key, agent);
    return agent;
  }

  /** Closes every connection, in use or idle. */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private letGo(): void {
    for (const [key, agent] of this.agents) {
      if (this.agents.size < MAX_DESTINATIONS) return;
      if (Object.keys(agent.sockets).length > 0 || Object.keys(agent.requests).length > 0) continue;
      agent.destroy();
      this.agents.delete(key);
    }
  }
}

import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from './metrics-registry.js';

/** Request duration by method, route template and status; requests no route matched share one label. */
export function installHttpMetrics(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  const duration = metrics.histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP request duration from arrival to the last byte handed to the socket',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}

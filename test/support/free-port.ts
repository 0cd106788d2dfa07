import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback port free at this moment, for a server whose own URL must be known before it starts. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

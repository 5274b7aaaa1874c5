import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** An HTTP server on a random 127.0.0.1 port answering every request with `status`. */
export async function healthServer(status: number, onRequest?: () => void): Promise<string> {
  const server = createServer((_req, res) => {
    onRequest?.();
    res.statusCode = status;
    res.end(status < 300 ? 'ok' : 'unhealthy');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
}

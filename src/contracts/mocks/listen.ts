import type { Server } from 'node:net';

import { EnvironmentError } from '../../core/errors.js';

/** Listens on host:port; a taken or forbidden port is an EnvironmentError that says what to do. */
export function listen(server: Server, host: string, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const taken = error.code === 'EADDRINUSE';
      reject(
        new EnvironmentError(
          taken
            ? `Port ${port} on ${host} is already in use, so the mock of ${what} cannot start.`
            : `The mock of ${what} cannot listen on ${host}:${port}: ${error.code ?? error.message}.`,
          {
            code: taken ? 'PORT_IN_USE' : 'LISTEN_FAILED',
            hint: taken
              ? `Stop the process using it (e.g. "ss -ltnp 'sport = :${port}'"), or change the "mock" endpoint of ${what} in poc.yaml.`
              : 'Use a port above 1024 on a local address in the "mock" endpoint in poc.yaml.',
            cause: error,
          },
        ),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Closes a server and every open connection. */
export function closeServer(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

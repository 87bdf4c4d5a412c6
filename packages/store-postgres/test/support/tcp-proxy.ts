import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';

/** A TCP proxy to a local port whose link the test can cut, restore, or turn silent. */
export interface TcpProxy {
  readonly port: number;
  /** Cuts every open connection and stops listening: the database looks down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Accepts connections but forwards nothing (a host that does not answer). */
  silent: boolean;
}

export async function startTcpProxy(targetPort: number, port = 0): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let boundPort = port;
  const proxy: TcpProxy = {
    get port() {
      return boundPort;
    },
    silent: false,
    async stop() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
    async start() {
      server = createServer((client) => {
        sockets.add(client);
        client.on('close', () => sockets.delete(client));
        client.on('error', () => undefined);
        if (proxy.silent) return;
        const upstream = connect(targetPort, '127.0.0.1');
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(boundPort, '127.0.0.1', resolve));
      boundPort = (server.address() as { port: number }).port;
    },
  };
  await proxy.start();
  return proxy;
}

/** A port nobody listens on (taken from the OS, then freed). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * A loopback HTTP proxy for tests, on 127.0.0.1 and a free port. It speaks both ways a client uses a
 * proxy: `CONNECT host:port` tunnels (what undici's ProxyAgent does for http and https targets alike)
 * and absolute-URI forwarding (`GET http://host:port/path`). Every request's target `host:port` is
 * recorded, so a test can tell which requests went through it.
 *
 * ```ts
 * const proxy = await startFakeProxy();
 * // HTTPS_PROXY=proxy.url … then: proxy.targets → ['127.0.0.1:41234', …]
 * await proxy.close();
 * ```
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface FakeProxy {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** `host:port` of every request, tunnelled or forwarded, in order. */
  readonly targets: string[];
  /** Stops the server and drops open tunnels. Closing twice is harmless. */
  close(): Promise<void>;
}

export async function startFakeProxy(): Promise<FakeProxy> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((req, res) => {
    // Forward proxying: the request line carries the absolute URL.
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('fake proxy: absolute URL expected');
      return;
    }
    targets.push(target.host);
    const upstream = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });

  server.on('connection', track);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    targets.push(target);
    const sep = target.lastIndexOf(':');
    const upstream = connect(Number(target.slice(sep + 1)), target.slice(0, sep).replace(/^\[|\]$/g, ''));
    track(upstream);
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => {
      if (client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    client.once('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

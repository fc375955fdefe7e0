/** Forwarding of a request the fake does not answer itself to the upstream emulator (moto), unchanged. */
import type { ServerResponse } from 'node:http';
import type { FakeAws } from './model';
import type { Request } from './wire';

/** Sends `req` to `upstream`, relays its answer on `res` and records it in `served`. */
export async function forward(
  upstream: string,
  req: Request,
  res: ServerResponse,
  served: FakeAws['served'],
): Promise<void> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.incoming.headers)) {
    if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection')
      headers.set(k, v);
  }
  const answer = await fetch(`${upstream}${req.incoming.url ?? '/'}`, {
    method: req.incoming.method ?? 'POST',
    headers,
    ...(req.raw.length ? { body: new Uint8Array(req.raw) } : {}),
  });
  const body = Buffer.from(await answer.arrayBuffer());
  const out: Record<string, string> = {};
  answer.headers.forEach((v, k) => {
    if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'content-encoding')
      out[k] = v;
  });
  served.push({
    action: `${req.service === 'monitoring' ? 'cloudwatch' : req.service}:${req.action}`,
    status: answer.status,
  });
  res.writeHead(answer.status, out).end(body);
}

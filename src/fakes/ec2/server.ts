/**
 * A loopback fake of the four AWS services the EC2 collector calls, speaking their real wire
 * protocols to the real SDK clients: EC2 (EC2 Query: form body, XML answers), STS (Query, XML),
 * CloudWatch (JSON 1.0, query-compatible errors) and the Price List API (JSON 1.1). The service and
 * region are read from the request's SigV4 credential scope, as AWS routes them.
 *
 * Two ways to run it:
 * - with a dataset: it answers everything (the sandbox, the conformance suite, the benchmark);
 * - in front of an `upstream` emulator (moto): it answers GetProducts and DescribeSpotPriceHistory
 *   itself, which moto lacks or fakes with a constant, and forwards every other request unchanged.
 *
 * This file starts the server and routes each request by its `service:Action`; the protocols' helpers
 * and each service's actions live beside it (query-protocol.ts, ec2-api.ts, sts-api.ts,
 * cloudwatch-api.ts, pricing-api.ts), the public types in model.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getMetricData } from './cloudwatch-api';
import {
  describeInstances,
  describeInstanceTypes,
  describeSpotPriceHistory,
  describeVolumes,
} from './ec2-api';
import type { FakeAws, FakeAwsOptions, FakeRegion, ForcedError } from './model';
import { getProducts, priceList } from './pricing-api';
import { sts } from './sts-api';
import { forward } from './upstream';
import { error, type Answer, type Request } from './wire';

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const { dataset, upstream } = options;
  if (!dataset && !upstream) throw new Error('the fake AWS needs a dataset or an upstream');
  const calls = new Map<string, number>();
  const served: { action: string; status: number }[] = [];
  const forced: (ForcedError & { left: number })[] = [];
  let outage = false;
  const prices = priceList();
  const spotPrices = dataset?.spotPrices ?? options.spotPrices ?? [];
  /** Access key → account, the static keys and the sessions AssumeRole handed out. */
  const keys = new Map((dataset?.keys ?? []).map((k) => [k.accessKeyId, k.account]));

  const accountOf = (id: string) => dataset?.accounts.find((a) => a.id === id);
  const isAccount = (id: string) => accountOf(id) !== undefined;
  /** The caller's account (by its access key, '' if unknown) and region in the dataset. */
  const accountIdOf = (req: Request) => keys.get(req.accessKeyId) ?? '';
  const regionOf = (req: Request): FakeRegion =>
    accountOf(accountIdOf(req))?.regions[req.region] ?? { instances: [], volumes: [] };

  const OWNED: Record<string, (req: Request) => Answer> = {
    'ec2:DescribeSpotPriceHistory': (req) => describeSpotPriceHistory(req, spotPrices),
    'pricing:GetProducts': (req) => getProducts(req, prices),
  };
  const WITH_DATASET: Record<string, (req: Request) => Answer> = {
    'ec2:DescribeInstances': (req) => describeInstances(req, regionOf(req), accountIdOf(req)),
    'ec2:DescribeInstanceTypes': describeInstanceTypes,
    'ec2:DescribeVolumes': (req) => describeVolumes(req, regionOf(req)),
    'cloudwatch:GetMetricData': (req) => getMetricData(req, regionOf(req), options.now),
    'sts:AssumeRole': (req) => sts(req, keys, isAccount),
    'sts:GetCallerIdentity': (req) => sts(req, keys, isAccount),
  };

  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
      String(incoming.headers.authorization ?? ''),
    );
    const [, accessKeyId = '', region = 'us-east-1', service = 'unknown'] = scope ?? [];
    const target = String(incoming.headers['x-amz-target'] ?? '');
    let req: Request;
    if (target) {
      let json: Record<string, unknown> = {};
      try {
        json = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        /* answered below as a bad request */
      }
      req = { service, region, accessKeyId, action: target.split('.').pop() ?? '', json, raw, incoming };
    } else {
      const form = new URLSearchParams(raw.toString('utf8'));
      req = { service, region, accessKeyId, action: form.get('Action') ?? '', form, raw, incoming };
    }
    // Counted and matched by IAM action names: CloudWatch signs as `monitoring`.
    const name = `${service === 'monitoring' ? 'cloudwatch' : service}:${req.action}`;
    calls.set(name, (calls.get(name) ?? 0) + 1);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const send = (a: Answer) => {
      served.push({ action: name, status: a.status });
      res.writeHead(a.status, a.headers ?? {}).end(a.body);
    };

    if (outage)
      return void send(error(req, 503, 'ServiceUnavailable', 'Service is unavailable (injected outage).'));
    const i = forced.findIndex((f) => f.action === undefined || f.action === name);
    if (i >= 0) {
      const f = forced[i]!;
      if (--f.left <= 0) forced.splice(i, 1);
      return void send(error(req, f.status, f.code, f.message));
    }
    const own = OWNED[name];
    if (own) return void send(own(req));
    if (!dataset) return forward(upstream!, req, res, served);
    if (!scope)
      return void send(
        error(req, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'),
      );
    if (!keys.has(accessKeyId)) {
      const code =
        service === 'ec2'
          ? 'AuthFailure'
          : service === 'pricing'
            ? 'UnrecognizedClientException'
            : 'InvalidClientTokenId';
      const status = service === 'ec2' ? 401 : 403;
      return void send(error(req, status, code, 'The security token included in the request is invalid.'));
    }
    const handler = WITH_DATASET[name];
    if (!handler)
      return void send(
        error(req, 400, 'InvalidAction', `The action ${req.action} is not valid for this web service.`),
      );
    send(handler(req));
  }

  const server = createServer((incoming, res) => {
    handle(incoming, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake AWS: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    served,
    requests: () => [...calls.values()].reduce((a, b) => a + b, 0),
    failNext: (e) => forced.push({ ...e, left: e.times ?? 1 }),
    failEveryRequest: () => {
      outage = true;
    },
    clearFailures: () => {
      forced.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

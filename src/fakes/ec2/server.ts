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
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INSTANCE_TYPES, type FakeInstanceType } from './instance-types';
import { priceRecords } from './prices';

export interface FakeInstance {
  readonly id: string;
  readonly type: string;
  readonly state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  readonly az: string;
  readonly launchTime: Date;
  readonly lifecycle?: 'spot' | 'capacity-block' | 'scheduled';
  readonly platformDetails?: string;
  readonly tenancy?: 'default' | 'dedicated' | 'host';
  /** CPUUtilization datapoints (5-minute averages). */
  readonly cpu?: readonly { readonly at: Date; readonly value: number }[];
  /**
   * Or: the level (%) it reports every five minutes since launch and up to the fake's clock, within
   * ± 2 points, so a long-running sandbox always has the last hour.
   */
  readonly cpuLevel?: number;
}

export interface FakeVolume {
  readonly id: string;
  readonly sizeGiB: number;
  readonly type: string;
  readonly state: 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error';
  readonly az: string;
  readonly attachedTo?: string;
}

export interface FakeRegion {
  readonly instances: readonly FakeInstance[];
  readonly volumes: readonly FakeVolume[];
}

export interface FakeAccount {
  /** 12 digits. */
  readonly id: string;
  readonly regions: Readonly<Record<string, FakeRegion>>;
}

export interface SpotPriceRow {
  readonly region: string;
  readonly type: string;
  readonly az: string;
  readonly price: number;
  readonly at: Date;
}

export interface FakeAwsDataset {
  readonly accounts: readonly FakeAccount[];
  /** Static keys the fake accepts, each of an account; anything else is refused. */
  readonly keys: readonly {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly account: string;
  }[];
  readonly spotPrices: readonly SpotPriceRow[];
}

export interface FakeAwsOptions {
  /** Answer everything from this dataset. */
  readonly dataset?: FakeAwsDataset;
  /** Else forward what the fake does not own (all but GetProducts and DescribeSpotPriceHistory) here. */
  readonly upstream?: string;
  /** Spot prices when running in front of an upstream. */
  readonly spotPrices?: readonly SpotPriceRow[];
  /** Delay of every answer, as AWS's own latency (default 0). */
  readonly latencyMs?: number;
  /** The fake's clock: no `cpuLevel` datapoint is later (default the real clock). */
  readonly now?: () => Date;
}

export interface ForcedError {
  /** `ec2:DescribeInstances`, or undefined for any request. */
  readonly action?: string;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** How many requests get it (default 1). */
  readonly times?: number;
}

export interface FakeAws {
  readonly url: string;
  /** Requests by `service:Action` (every answer counted, errors too). */
  readonly calls: Map<string, number>;
  /** Every request in order: its `service:Action` and the status answered. */
  readonly served: { readonly action: string; readonly status: number }[];
  /** Total requests. */
  requests(): number;
  /** The next matching requests answer this error. */
  failNext(error: ForcedError): void;
  /** From now on every request answers 503 (an outage). */
  failEveryRequest(): void;
  /** Forgets the errors `failNext` queued and not yet answered. */
  clearFailures(): void;
  close(): Promise<void>;
}

type Params = URLSearchParams;

interface Request {
  readonly service: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly action: string;
  readonly json?: Record<string, unknown>;
  readonly form?: Params;
  readonly raw: Buffer;
  readonly incoming: IncomingMessage;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const tag = (name: string, value: string | number | undefined) =>
  value === undefined ? '' : `<${name}>${typeof value === 'number' ? String(value) : esc(value)}</${name}>`;
const items = (name: string, list: readonly string[]) =>
  `<${name}>${list.map((x) => `<item>${x}</item>`).join('')}</${name}>`;
const requestId = () => randomBytes(16).toString('hex');

/** A list parameter of the EC2 Query protocol: `InstanceType.1`, `InstanceType.2`, … */
function listParam(form: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${name}.${i}`); i++) out.push(form.get(`${name}.${i}`)!);
  return out;
}

function filters(form: Params): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 1; form.has(`Filter.${i}.Name`); i++)
    out.set(form.get(`Filter.${i}.Name`)!, listParam(form, `Filter.${i}.Value`));
  return out;
}

function page<T>(list: readonly T[], form: Params, max: number): { slice: T[]; next?: string } {
  const start = Number(form.get('NextToken') ?? 0) || 0;
  const size = Math.min(max, Number(form.get('MaxResults') ?? max) || max);
  const slice = list.slice(start, start + size);
  return start + size < list.length ? { slice, next: String(start + size) } : { slice };
}

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const { dataset, upstream } = options;
  if (!dataset && !upstream) throw new Error('the fake AWS needs a dataset or an upstream');
  const calls = new Map<string, number>();
  const served: { action: string; status: number }[] = [];
  const forced: (ForcedError & { left: number })[] = [];
  let outage = false;
  const prices = priceRecords().map((r) => ({ record: r, text: JSON.stringify(r) }));
  const spotPrices = dataset?.spotPrices ?? options.spotPrices ?? [];
  /** Access key → account, the static keys and the sessions AssumeRole handed out. */
  const keys = new Map((dataset?.keys ?? []).map((k) => [k.accessKeyId, k.account]));

  const accountOf = (id: string) => dataset?.accounts.find((a) => a.id === id);
  const regionOf = (req: Request): FakeRegion =>
    accountOf(keys.get(req.accessKeyId) ?? '')?.regions[req.region] ?? { instances: [], volumes: [] };

  function error(req: Pick<Request, 'service'>, status: number, code: string, message: string): Answer {
    if (req.service === 'ec2') {
      return {
        status,
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${tag('Code', code)}${tag('Message', message)}</Error></Errors>${tag('RequestID', requestId())}</Response>`,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
      };
    }
    if (req.service === 'sts') {
      return {
        status,
        body: `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type>${tag('Code', code)}${tag('Message', message)}</Error>${tag('RequestId', requestId())}</ErrorResponse>`,
        headers: { 'content-type': 'text/xml' },
      };
    }
    const json = {
      'content-type': req.service === 'pricing' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0',
    };
    return {
      status,
      body: JSON.stringify({ __type: code, message }),
      // CloudWatch speaks JSON in query-compatible mode: the SDK takes the code from this header.
      headers: req.service === 'monitoring' ? { ...json, 'x-amzn-query-error': `${code};Sender` } : json,
    };
  }

  function ec2Answer(action: string, inner: string): Answer {
    return {
      status: 200,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}">${tag('requestId', requestId())}${inner}</${action}Response>`,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
    };
  }

  function describeInstances(req: Request): Answer {
    const form = req.form!;
    const f = filters(form);
    const states = f.get('instance-state-name');
    const ids = listParam(form, 'InstanceId');
    const list = regionOf(req).instances.filter(
      (i) => (!states || states.includes(i.state)) && (!ids.length || ids.includes(i.id)),
    );
    const { slice, next } = page(list, form, 1000);
    const account = keys.get(req.accessKeyId) ?? '';
    const reservations = slice.map(
      (i) =>
        `${tag('reservationId', `r-${i.id.slice(2)}`)}${tag('ownerId', account)}<groupSet/>${items(
          'instancesSet',
          [
            [
              tag('instanceId', i.id),
              tag('imageId', 'ami-0fake0000000000000'),
              `<instanceState>${tag('code', STATE_CODE[i.state])}${tag('name', i.state)}</instanceState>`,
              tag('instanceType', i.type),
              tag('launchTime', i.launchTime.toISOString()),
              `<placement>${tag('availabilityZone', i.az)}${tag('tenancy', i.tenancy ?? 'default')}</placement>`,
              i.lifecycle ? tag('instanceLifecycle', i.lifecycle) : '',
              tag('platformDetails', i.platformDetails ?? 'Linux/UNIX'),
            ].join(''),
          ],
        )}`,
    );
    return ec2Answer(
      'DescribeInstances',
      `${items('reservationSet', reservations)}${next ? tag('nextToken', next) : ''}`,
    );
  }

  function typeXml(name: string, t: FakeInstanceType): string {
    const gpus = t.gpus
      ? `<gpuInfo>${items(
          'gpus',
          t.gpus.map(
            (g) =>
              `${tag('name', g.Name)}${tag('manufacturer', g.Manufacturer)}${tag('count', g.Count)}${tag('logicalGpuCount', g.LogicalGpuCount)}${tag('gpuPartitionSize', g.GpuPartitionSize)}<memoryInfo>${tag('sizeInMiB', g.MemoryMiB)}</memoryInfo>`,
          ),
        )}${tag(
          'totalGpuMemoryInMiB',
          t.gpus.reduce((n, g) => n + g.MemoryMiB * Math.max(g.Count, 1), 0),
        )}</gpuInfo>`
      : '';
    const neuron = t.neuron
      ? `<neuronInfo>${items('neuronDevices', [
          `${tag('count', t.neuron.Count)}${tag('name', t.neuron.Name)}<memoryInfo>${tag('sizeInMiB', t.neuron.MemoryMiB)}</memoryInfo>`,
        ])}</neuronInfo>`
      : '';
    return `${tag('instanceType', name)}<vCpuInfo>${tag('defaultVCpus', t.vcpus)}</vCpuInfo><memoryInfo>${tag('sizeInMiB', t.memoryMiB)}</memoryInfo>${gpus}${neuron}`;
  }

  function describeInstanceTypes(req: Request): Answer {
    const wanted = listParam(req.form!, 'InstanceType');
    const unknown = wanted.filter((t) => !INSTANCE_TYPES[t]);
    if (unknown.length) {
      return error(
        req,
        400,
        'InvalidInstanceType',
        `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
      );
    }
    const names = wanted.length ? wanted : Object.keys(INSTANCE_TYPES);
    return ec2Answer(
      'DescribeInstanceTypes',
      items(
        'instanceTypeSet',
        names.map((n) => typeXml(n, INSTANCE_TYPES[n]!)),
      ),
    );
  }

  function describeVolumes(req: Request): Answer {
    const { slice, next } = page(regionOf(req).volumes, req.form!, 500);
    const volumes = slice.map(
      (v) =>
        `${tag('volumeId', v.id)}${tag('size', v.sizeGiB)}${tag('availabilityZone', v.az)}${tag('status', v.state)}${tag('createTime', '2026-01-05T10:00:00.000Z')}${tag('volumeType', v.type)}${items(
          'attachmentSet',
          v.attachedTo
            ? [
                `${tag('volumeId', v.id)}${tag('instanceId', v.attachedTo)}${tag('device', '/dev/xvda')}${tag('status', 'attached')}`,
              ]
            : [],
        )}<encrypted>false</encrypted>`,
    );
    return ec2Answer(
      'DescribeVolumes',
      `${items('volumeSet', volumes)}${next ? tag('nextToken', next) : ''}`,
    );
  }

  function describeSpotPriceHistory(req: Request): Answer {
    const form = req.form!;
    const types = listParam(form, 'InstanceType');
    const descriptions = listParam(form, 'ProductDescription');
    const end = form.get('EndTime') ? Date.parse(form.get('EndTime')!) : Date.now();
    // AWS answers the price in effect at the start and every change up to the end: here, per type × AZ,
    // the latest row at or before the end.
    const latest = new Map<string, SpotPriceRow>();
    for (const row of spotPrices) {
      if (row.region !== req.region || (types.length && !types.includes(row.type)) || row.at.getTime() > end)
        continue;
      const key = `${row.type}|${row.az}`;
      const seen = latest.get(key);
      if (!seen || row.at > seen.at) latest.set(key, row);
    }
    const rows = [...latest.values()].filter(
      () => !descriptions.length || descriptions.includes('Linux/UNIX'),
    );
    const { slice, next } = page(rows, form, 1000);
    const xml = slice.map(
      (r) =>
        `${tag('instanceType', r.type)}${tag('productDescription', 'Linux/UNIX')}${tag('spotPrice', r.price.toFixed(6))}${tag('timestamp', r.at.toISOString())}${tag('availabilityZone', r.az)}`,
    );
    return ec2Answer(
      'DescribeSpotPriceHistory',
      `${items('spotPriceHistorySet', xml)}${tag('nextToken', next ?? '')}`,
    );
  }

  function getProducts(req: Request): Answer {
    const body = req.json ?? {};
    if (body.ServiceCode !== 'AmazonEC2') {
      return error(req, 400, 'InvalidParameterException', `Unknown service code ${String(body.ServiceCode)}`);
    }
    const list = (body.Filters as { Type: string; Field: string; Value: string }[] | undefined) ?? [];
    const matches = prices.filter(({ record }) => {
      const p = record.product as { productFamily: string; attributes: Record<string, string> };
      const attrs: Record<string, string> = { ...p.attributes, productFamily: p.productFamily };
      return list.every((f) => {
        const have = (attrs[f.Field] ?? '').toLowerCase();
        const values = f.Value.split(',').map((v) => v.trim().toLowerCase());
        switch (f.Type) {
          case 'TERM_MATCH':
          case 'EQUALS':
            return have === f.Value.toLowerCase();
          case 'ANY_OF':
            return values.includes(have);
          case 'NONE_OF':
            return !values.includes(have);
          case 'CONTAINS':
            return have.includes(f.Value.toLowerCase());
          default:
            return false;
        }
      });
    });
    const max = Math.min(100, Number(body.MaxResults ?? 100) || 100);
    const start = Number(body.NextToken ?? 0) || 0;
    const slice = matches.slice(start, start + max);
    return {
      status: 200,
      body: JSON.stringify({
        FormatVersion: 'aws_v1',
        PriceList: slice.map((m) => m.text),
        ...(start + max < matches.length ? { NextToken: String(start + max) } : {}),
      }),
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    };
  }

  function getMetricData(req: Request): Answer {
    const body = req.json ?? {};
    const start = Number(body.StartTime) * 1000;
    const end = Number(body.EndTime) * 1000;
    if (!(end > start))
      return error(
        req,
        400,
        'ValidationError',
        'The parameter StartTime must be less than the parameter EndTime.',
      );
    interface Query {
      readonly Id?: string;
      readonly MetricStat?: {
        readonly Period?: number;
        readonly Metric?: {
          readonly Namespace?: string;
          readonly MetricName?: string;
          readonly Dimensions?: readonly { Name: string; Value: string }[];
        };
      };
    }
    const queries = (body.MetricDataQueries as Query[] | undefined) ?? [];
    if (queries.length > 500)
      return error(
        req,
        400,
        'ValidationError',
        'The collection MetricDataQueries must not have a size greater than 500.',
      );
    const byId = new Map(regionOf(req).instances.map((i) => [i.id, i]));
    const results = queries.map((q) => {
      const metric = q.MetricStat?.Metric ?? {};
      const period = Number(q.MetricStat?.Period) * 1000;
      const dimension = metric.Dimensions?.find((d) => d.Name === 'InstanceId');
      const instance =
        metric.Namespace === 'AWS/EC2' && metric.MetricName === 'CPUUtilization' && dimension
          ? byId.get(dimension.Value)
          : undefined;
      const buckets = new Map<number, number[]>();
      for (const p of [...(instance?.cpu ?? []), ...(instance ? levelPoints(instance, start, end) : [])]) {
        const t = p.at.getTime();
        if (t < start || t >= end) continue;
        const bucket = Math.floor(t / period) * period;
        buckets.set(bucket, [...(buckets.get(bucket) ?? []), p.value]);
      }
      const times = [...buckets.keys()].sort((a, b) => b - a);
      return {
        Id: q.Id,
        Label: 'CPUUtilization',
        Timestamps: times.map((t) => t / 1000),
        Values: times.map((t) => {
          const v = buckets.get(t)!;
          return v.reduce((a, b) => a + b, 0) / v.length;
        }),
        StatusCode: 'Complete',
      };
    });
    return {
      status: 200,
      body: JSON.stringify({ MetricDataResults: results, Messages: [] }),
      headers: { 'content-type': 'application/x-amz-json-1.0' },
    };
  }

  /** The 5-minute datapoints of an instance with a `cpuLevel`, in [start, end) and not after the clock. */
  function levelPoints(i: FakeInstance, start: number, end: number): { at: Date; value: number }[] {
    if (i.cpuLevel === undefined || i.state !== 'running') return [];
    const step = 300_000;
    const last = Math.min(end, (options.now?.() ?? new Date()).getTime() + 1);
    const out: { at: Date; value: number }[] = [];
    for (let t = Math.ceil(Math.max(start, i.launchTime.getTime()) / step) * step; t < last; t += step) {
      // ± 2 points, the same for the same instance and time at every call.
      let h = 2166136261;
      for (const c of `${i.id}@${t}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
      const value = Math.min(100, Math.max(0, i.cpuLevel + ((h % 4001) / 1000 - 2)));
      out.push({ at: new Date(t), value: Math.round(value * 1000) / 1000 });
    }
    return out;
  }

  function sts(req: Request): Answer {
    const form = req.form!;
    const xml = (action: string, inner: string): Answer => ({
      status: 200,
      body: `<${action}Response xmlns="${STS_NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata>${tag('RequestId', requestId())}</ResponseMetadata></${action}Response>`,
      headers: { 'content-type': 'text/xml' },
    });
    if (req.action === 'GetCallerIdentity') {
      const account = keys.get(req.accessKeyId) ?? '';
      return xml(
        'GetCallerIdentity',
        `${tag('Arn', `arn:aws:iam::${account}:user/collectors`)}${tag('UserId', req.accessKeyId)}${tag('Account', account)}`,
      );
    }
    if (req.action === 'AssumeRole') {
      const arn = form.get('RoleArn') ?? '';
      const account = /^arn:aws:iam::(\d{12}):role\//.exec(arn)?.[1];
      if (!account || !accountOf(account)) {
        return error(
          req,
          403,
          'AccessDenied',
          `User is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
        );
      }
      const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
      keys.set(accessKeyId, account);
      const session = form.get('RoleSessionName') ?? 'session';
      const seconds = Number(form.get('DurationSeconds') ?? 3600);
      return xml(
        'AssumeRole',
        `<Credentials>${tag('AccessKeyId', accessKeyId)}${tag('SecretAccessKey', randomBytes(20).toString('base64'))}${tag('SessionToken', randomBytes(48).toString('base64'))}${tag('Expiration', new Date(Date.now() + seconds * 1000).toISOString())}</Credentials><AssumedRoleUser>${tag('AssumedRoleId', `AROAFAKE:${session}`)}${tag('Arn', `arn:aws:sts::${account}:assumed-role/${arn.split('/').pop()}/${session}`)}</AssumedRoleUser>`,
      );
    }
    return error(req, 400, 'InvalidAction', `Could not find operation ${req.action}`);
  }

  const OWNED: Record<string, (req: Request) => Answer> = {
    'ec2:DescribeSpotPriceHistory': describeSpotPriceHistory,
    'pricing:GetProducts': getProducts,
  };
  const WITH_DATASET: Record<string, (req: Request) => Answer> = {
    'ec2:DescribeInstances': describeInstances,
    'ec2:DescribeInstanceTypes': describeInstanceTypes,
    'ec2:DescribeVolumes': describeVolumes,
    'cloudwatch:GetMetricData': getMetricData,
    'sts:AssumeRole': sts,
    'sts:GetCallerIdentity': sts,
  };

  async function forward(req: Request, res: ServerResponse): Promise<void> {
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
      if (
        k !== 'content-length' &&
        k !== 'transfer-encoding' &&
        k !== 'connection' &&
        k !== 'content-encoding'
      )
        out[k] = v;
    });
    served.push({
      action: `${req.service === 'monitoring' ? 'cloudwatch' : req.service}:${req.action}`,
      status: answer.status,
    });
    res.writeHead(answer.status, out).end(body);
  }

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
    if (!dataset) return forward(req, res);
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

const STATE_CODE: Record<FakeInstance['state'], number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** The fake's EC2 actions (EC2 Query protocol: form body, XML answers), each given the data it reads. */
import { INSTANCE_TYPES, type FakeInstanceType } from './instance-types';
import type { FakeInstance, FakeRegion, SpotPriceRow } from './model';
import { EC2_NS, filters, items, listParam, page, requestId, tag } from './query-protocol';
import { error, type Answer, type Request } from './wire';

function ec2Answer(action: string, inner: string): Answer {
  return {
    status: 200,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}">${tag('requestId', requestId())}${inner}</${action}Response>`,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
  };
}

/** DescribeInstances of the caller's region (`region`) in its account (`account`, 12 digits or ''). */
export function describeInstances(req: Request, region: FakeRegion, account: string): Answer {
  const form = req.form!;
  const f = filters(form);
  const states = f.get('instance-state-name');
  const ids = listParam(form, 'InstanceId');
  const list = region.instances.filter(
    (i) => (!states || states.includes(i.state)) && (!ids.length || ids.includes(i.id)),
  );
  const { slice, next } = page(list, form, 1000);
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

export function describeInstanceTypes(req: Request): Answer {
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

export function describeVolumes(req: Request, region: FakeRegion): Answer {
  const { slice, next } = page(region.volumes, req.form!, 500);
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
  return ec2Answer('DescribeVolumes', `${items('volumeSet', volumes)}${next ? tag('nextToken', next) : ''}`);
}

export function describeSpotPriceHistory(req: Request, spotPrices: readonly SpotPriceRow[]): Answer {
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
  const rows = [...latest.values()].filter(() => !descriptions.length || descriptions.includes('Linux/UNIX'));
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

const STATE_CODE: Record<FakeInstance['state'], number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

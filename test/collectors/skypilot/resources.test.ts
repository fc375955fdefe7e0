/** The resources strings: formats as skypilot 0.14.1 writes them (see resources.ts). */
import type { Job } from '../../../src/collectors/skypilot/job';
import { regionOf } from '../../../src/collectors/skypilot/region';
import {
  acceleratorsPerNode,
  gpuType,
  jobGpus,
  nodeCount,
  pricing,
} from '../../../src/collectors/skypilot/resources';

const job = (fields: Partial<Job>): Job => ({ status: 'RUNNING', ...fields });

describe('pricing: spot or on-demand, decided in one place', () => {
  test.each([
    // launched cluster decides when known
    [{ cluster_resources: '2x[spot](gpus=H100:8, p5.48xlarge, ...)', resources: '2x[H100:8]' }, 'spot'],
    [{ cluster_resources: '1x(gpus=H100:8, p5.48xlarge, ...)', resources: '1x[H100:8][Spot]' }, 'ondemand'],
    [{ cluster_resources: '1x[spot](cpus=4, mem=16, m6i.xlarge, ...)' }, 'spot'],
    [{ cluster_resources: "1x AWS(p3.2xlarge[Spot], {'V100': 1})" }, 'spot'], // older servers
    [{ cluster_resources: "1x AWS(p3.2xlarge, {'V100': 1})", resources: '1x[V100:1][Spot]' }, 'ondemand'],
    // not launched: the request, where only a plain [Spot] means spot
    [{ cluster_resources: '-', resources: '1x[H100:8][Spot]' }, 'spot'],
    [{ cluster_resources: '<initializing>', resources: '1x[H100:8][Spot]' }, 'spot'],
    // either pricing, as SkyPilot writes it: not said to be spot, so on-demand until launched
    [{ resources: '1x[A10G:4][On-demand|Spot]' }, 'ondemand'],
    [{ cluster_resources: '-', resources: '1x[A10G:4][On-demand|Spot]' }, 'ondemand'],
    [{ cluster_resources: '1x[spot](gpus=A10G:4, ...)', resources: '1x[A10G:4][On-demand|Spot]' }, 'spot'],
    [{ resources: '1x[A10G:4][On-demand]' }, 'ondemand'],
    [{ resources: '1x[CPU:4]' }, 'ondemand'],
    [{}, 'ondemand'],
  ] as const)('%j → %s', (fields, expected) => {
    expect(pricing(job(fields))).toBe(expected);
  });
});

test('node count comes from the Nx prefix, launched first, else 1', () => {
  expect(nodeCount(job({ cluster_resources: '4x[spot](gpus=A100:8, ...)', resources: '2x[A100:8]' }))).toBe(
    4,
  );
  expect(nodeCount(job({ cluster_resources: '-', resources: '2x[A100:8]' }))).toBe(2);
  expect(nodeCount(job({}))).toBe(1);
});

test('accelerators per node: the field, else the launched string, else a single requested type', () => {
  expect(
    acceleratorsPerNode(job({ accelerators: { H100: 8 }, cluster_resources: '1x(gpus=L4:1, ...)' })),
  ).toEqual({ H100: 8 });
  expect(acceleratorsPerNode(job({ cluster_resources: '2x[spot](gpus=H100-MEGA:8, a3, ...)' }))).toEqual({
    'H100-MEGA': 8,
  });
  expect(acceleratorsPerNode(job({ cluster_resources: "1x AWS(p4d.24xlarge, {'A100': 8})" }))).toEqual({
    A100: 8,
  });
  expect(acceleratorsPerNode(job({ resources: '1x[L4:0.5]' }))).toEqual({ L4: 0.5 });
  expect(acceleratorsPerNode(job({ resources: '1x[CPU:4]' }))).toEqual({});
  expect(
    acceleratorsPerNode(
      job({ accelerators: null, cluster_resources: '1x(cpus=4, mem=16, m6i.xlarge, ...)' }),
    ),
  ).toEqual({});
});

test('GPU types: lower-cased, suffix after the first - dropped', () => {
  expect(gpuType('H100-MEGA')).toBe('h100');
  expect(gpuType('A100-80GB')).toBe('a100');
  expect(gpuType('L4')).toBe('l4');
  expect(gpuType('A10G')).toBe('a10g');
  expect(gpuType('tpu-v5e-8')).toBe('tpu');
});

test('GPUs of a job = per-node count × nodes, by type', () => {
  // 4 nodes × 8 A100-80GB = 32 a100
  const gpus = jobGpus(
    job({ cluster_resources: '4x[spot](gpus=A100-80GB:8, ...)', accelerators: { 'A100-80GB': 8 } }),
  );
  expect([...gpus]).toEqual([['a100', 32]]);
  expect([...jobGpus(job({ accelerators: null, resources: '2x[CPU:4]' }))]).toEqual([]);
});

test('regions: `-`, empty and missing are unknown; values are tag-safe', () => {
  expect(regionOf(job({ region: '-' }))).toBe('unknown');
  expect(regionOf(job({ region: '' }))).toBe('unknown');
  expect(regionOf(job({}))).toBe('unknown');
  expect(regionOf(job({ region: 'US-East-1' }))).toBe('us-east-1');
  expect(regionOf(job({ region: 'my ctx@eks' }))).toBe('my_ctx_eks');
});

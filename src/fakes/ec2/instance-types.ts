/**
 * DescribeInstanceTypes data of the types the fake serves: the GPU and Neuron members exactly as AWS
 * publishes them (taken from the snapshot of AWS's output that moto ships, Apache-2.0), vCPUs and
 * memory for the listing. A type not listed here is refused as AWS refuses an unknown one.
 */

export interface FakeGpu {
  readonly Name: string;
  readonly Manufacturer: string;
  readonly Count: number;
  readonly LogicalGpuCount: number;
  readonly GpuPartitionSize: number;
  readonly MemoryMiB: number;
}

export interface FakeInstanceType {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly gpus?: readonly FakeGpu[];
  readonly neuron?: { readonly Name: string; readonly Count: number; readonly MemoryMiB: number };
}

const nvidia = (Name: string, Count: number, MemoryMiB: number, partition = 1, logical = Count): FakeGpu => ({
  Name,
  Manufacturer: 'NVIDIA',
  Count,
  LogicalGpuCount: logical,
  GpuPartitionSize: partition,
  MemoryMiB,
});

export const INSTANCE_TYPES: Readonly<Record<string, FakeInstanceType>> = {
  't3.micro': { vcpus: 2, memoryMiB: 1024 },
  'm7i.large': { vcpus: 2, memoryMiB: 8192 },
  'c6i.xlarge': { vcpus: 4, memoryMiB: 8192 },
  'r6i.2xlarge': { vcpus: 8, memoryMiB: 65536 },
  'g5.xlarge': { vcpus: 4, memoryMiB: 16384, gpus: [nvidia('A10G', 1, 22888)] },
  'g6.xlarge': { vcpus: 4, memoryMiB: 16384, gpus: [nvidia('L4', 1, 22888)] },
  // A partitioned L4: Count 0, one logical GPU of an eighth.
  'g6f.large': { vcpus: 2, memoryMiB: 8192, gpus: [nvidia('L4', 0, 2861, 0.125, 1)] },
  'p4d.24xlarge': { vcpus: 96, memoryMiB: 1179648, gpus: [nvidia('A100', 8, 40960)] },
  'p5.48xlarge': { vcpus: 192, memoryMiB: 2097152, gpus: [nvidia('H100', 8, 81920)] },
  'trn1.32xlarge': {
    vcpus: 128,
    memoryMiB: 524288,
    neuron: { Name: 'Trainium', Count: 16, MemoryMiB: 32768 },
  },
  'inf2.xlarge': { vcpus: 4, memoryMiB: 16384, neuron: { Name: 'Inferentia2', Count: 1, MemoryMiB: 32768 } },
};

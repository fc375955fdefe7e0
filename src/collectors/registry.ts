import { asanaCollector } from './asana';
import { ec2Collector } from './ec2';
import { githubCollector } from './github';
import { skypilotCollector } from './skypilot';
import type { Collector, Registry } from './types';
import { wandbCollector } from './wandb';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const collectors: Collector<any>[] = [
  githubCollector,
  skypilotCollector,
  wandbCollector,
  ec2Collector,
  asanaCollector,
];

/** The collectors this build can run, by name. */
export const registry: Registry = new Map(collectors.map((c) => [c.name, c]));

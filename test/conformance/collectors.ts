/** The collectors the conformance suite runs: every registered one, by being registered. */
import { registry } from '../../src/collectors/registry';
import type { Collector } from '../../src/collectors/types';

export const REGISTERED: [string, Collector][] = [...registry.entries()];

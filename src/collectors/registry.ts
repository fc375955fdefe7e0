import { skypilotCollector } from './skypilot';
import type { Registry } from './types';

/** The collectors this build can run, by name. */
export const registry: Registry = new Map([[skypilotCollector.name, skypilotCollector]]);

/**
 * Each collector's own monitors (its folder's `monitors.ts`), by collector name; a collector without
 * any gets only the health monitors. src/datadog/resources/monitors.ts reads it.
 */
import { asanaMonitors } from './asana/monitors';
import { ec2Monitors } from './ec2/monitors';
import { githubMonitors } from './github/monitors';
import type { MonitorSpec } from './kit/monitor-spec';
import { skypilotMonitors } from './skypilot/monitors';
import { wandbMonitors } from './wandb/monitors';

export const collectorMonitorSpecs: ReadonlyMap<string, readonly MonitorSpec[]> = new Map([
  ['github', githubMonitors],
  ['skypilot', skypilotMonitors],
  ['wandb', wandbMonitors],
  ['ec2', ec2Monitors],
  ['asana', asanaMonitors],
]);

/** bench-skypilot's side of the fake host: forks fake-host.js (see protocol.ts). */
import { join } from 'node:path';
import { ChildHost } from '../driver/child-host';
import type { HostOps, StartArgs } from './protocol';

export type FakeHost = ChildHost<HostOps>;

/** A child process serving a freshly generated queue; `started` holds the fake's URL and the queue's size. */
export function startFakeHost(args: StartArgs) {
  return ChildHost.start<HostOps>(join(__dirname, 'fake-host.js'), args);
}

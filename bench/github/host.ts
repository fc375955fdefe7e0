/** The bench's side of the fake host: forks fake-host.js (see protocol.ts). */
import { join } from 'node:path';
import { ChildHost } from '../driver/child-host';
import type { HostOps, StartArgs } from './protocol';

export type FakeHost = ChildHost<HostOps>;

/** A child process serving a freshly generated dataset; `started.url` is the fake GitHub's base URL. */
export function startFakeHost(args: StartArgs) {
  return ChildHost.start<HostOps>(join(__dirname, 'fake-host.js'), args);
}

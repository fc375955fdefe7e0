/**
 * Both sides of a collector bench's fake process. Every fake answers `start`, `begin` and `end` (the
 * requests served and the CPU spent in between), `op` (the collector's own operations) and `stop`.
 * The bench forks its own script with FAKE_HOST_ARG: one file holds both sides.
 */
import { ChildHost, serveHost, type Handlers } from './child-host';
import type { Fake, FakeSession, FakeTypes } from './spec';

export const FAKE_HOST_ARG = '--fake-host';

type None = Record<string, never>;

type HostOps<T extends FakeTypes> = {
  start: { args: T['start']; result: T['started'] };
  begin: { args: None; result: None };
  end: { args: None; result: { requests: T['request'][]; cpuMs: number } };
  op: { args: { name: string; args: unknown }; result: unknown };
  stop: { args: None; result: None };
};

/** The bench's side: forks `script` as the fake's process and starts the fake in it. */
export async function forkFake<T extends FakeTypes>(script: string, args: T['start']): Promise<Fake<T>> {
  const { host, started } = await ChildHost.start<HostOps<T>>(script, [FAKE_HOST_ARG], args);
  return {
    started,
    call: (name, opArgs) => host.call('op', { name, args: opArgs }),
    async around(cycle) {
      await host.call('begin', {});
      const run = await cycle();
      const { requests, cpuMs } = await host.call('end', {});
      return { run, requests, fakeCpuMs: cpuMs };
    },
    stop: () => host.stop(),
  };
}

/** The fake's side: serves the bench's requests until it ends. */
export function serveFake<T extends FakeTypes>(
  bench: string,
  start: (args: T['start']) => Promise<FakeSession<T>>,
): void {
  let session: FakeSession<T> | undefined;
  let logStart = 0;
  let cpuStart: NodeJS.CpuUsage | undefined;
  const started = (): FakeSession<T> => {
    if (!session) throw new Error('the fake is not started');
    return session;
  };
  const handlers: Handlers<HostOps<T>> = {
    async start(args) {
      if (session) throw new Error('the fake is already started');
      session = await start(args);
      return session.started;
    },
    begin() {
      logStart = started().requests.length;
      cpuStart = process.cpuUsage();
      return Promise.resolve({});
    },
    end() {
      const cpu = process.cpuUsage(cpuStart);
      return Promise.resolve({
        requests: started().requests.slice(logStart),
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    },
    op({ name, args }) {
      const op = (started().ops as Record<string, ((a: unknown) => Promise<unknown>) | undefined>)[name];
      if (!op) throw new Error(`the fake has no operation ${name}`);
      return op(args);
    },
    async stop() {
      await session?.close();
      session = undefined;
      return {};
    },
  };
  serveHost<HostOps<T>>(bench, handlers, () => session?.close());
}

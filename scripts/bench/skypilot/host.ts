/** bench-skypilot's side of the fake host: forks fake-host.js and calls its operations over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { HostOps, HostRequest, HostResponse, Op, StartArgs } from './protocol';

export class FakeHost {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (response: HostResponse) => {
      const waiter = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (!waiter) return;
      if (response.ok) waiter.resolve(response.result);
      else waiter.reject(new Error(`fake host: ${response.error}`));
    });
    child.on('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`fake host exited (${signal ?? `code ${code}`})`));
      }
      this.pending.clear();
    });
  }

  /** A child process serving a freshly generated queue, with the fake's URL and the queue's size. */
  static async start(args: StartArgs): Promise<{ host: FakeHost; served: HostOps['start']['result'] }> {
    // No --expose-gc and no inspector flags of the bench: the child is a plain server.
    const child = fork(join(__dirname, 'fake-host.js'), [], { execArgv: [], stdio: 'inherit' });
    const host = new FakeHost(child);
    try {
      return { host, served: await host.call('start', args) };
    } catch (err) {
      child.kill();
      throw err;
    }
  }

  call<K extends Op>(op: K, args: HostOps[K]['args']): Promise<HostOps[K]['result']> {
    const id = this.nextId++;
    const request: HostRequest<K> = { id, op, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send(request, (err) => {
        if (!err) return;
        this.pending.delete(id);
        reject(err);
      });
    });
  }

  /** Stops the fake and waits for the child to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.call('stop', {});
    } catch {
      this.child.kill();
    }
    await exited;
  }
}

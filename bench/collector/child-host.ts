/**
 * A bench's fake served from a child process of its own, driven over the IPC channel of `fork`: in the
 * bench's process the fake's data would count in the heap being measured, and its CPU would share the
 * collector's event loop. `Ops` maps each operation to its argument and result; every host has `start`
 * and `stop`. The bench side is `ChildHost`, the child side `serveHost` (see fake.ts for the
 * operations every collector bench's fake answers).
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface OpSpec {
  readonly args: unknown;
  readonly result: unknown;
}

type None = Record<string, never>;

/** What every host's operations include. */
export interface BaseOps {
  start: OpSpec;
  stop: { args: None; result: None };
}

export type HostOpsOf<Ops> = { [K in keyof Ops]: OpSpec } & BaseOps;

export type Op<Ops> = keyof Ops & string;

export interface HostRequest<Ops extends HostOpsOf<Ops>, K extends Op<Ops> = Op<Ops>> {
  readonly id: number;
  readonly op: K;
  readonly args: Ops[K]['args'];
}

export type HostResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** The bench's side: forks the child module and calls its operations. */
export class ChildHost<Ops extends HostOpsOf<Ops>> {
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

  /** Forks `modulePath` with `argv` and calls its `start`; answers the host and what `start` answered. */
  static async start<Ops extends HostOpsOf<Ops>>(
    modulePath: string,
    argv: readonly string[],
    args: Ops['start']['args'],
  ): Promise<{ host: ChildHost<Ops>; started: Ops['start']['result'] }> {
    // No --expose-gc and no inspector flags of the bench: the child is a plain server.
    const child = fork(modulePath, [...argv], { execArgv: [], stdio: 'inherit' });
    const host = new ChildHost<Ops>(child);
    try {
      return { host, started: await host.call('start', args) };
    } catch (err) {
      child.kill();
      throw err;
    }
  }

  call<K extends Op<Ops>>(op: K, args: Ops[K]['args']): Promise<Ops[K]['result']> {
    const id = this.nextId++;
    const request: HostRequest<Ops, K> = { id, op, args };
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

export type Handlers<Ops extends HostOpsOf<Ops>> = {
  [K in Op<Ops>]: (args: Ops[K]['args']) => Promise<Ops[K]['result']>;
};

/**
 * The child's side: answers the bench's requests with `handlers`, and exits when the bench does
 * (after `close`, which stops the fake if one is running). `bench` names the bench in the message
 * printed when the child's side is started by hand.
 */
export function serveHost<Ops extends HostOpsOf<Ops>>(
  bench: string,
  handlers: Handlers<Ops>,
  close: () => Promise<void> | undefined,
): void {
  const dispatch = async (request: HostRequest<Ops>): Promise<HostResponse> => {
    try {
      const handle = handlers[request.op];
      return { id: request.id, ok: true, result: await handle(request.args) };
    } catch (err) {
      return {
        id: request.id,
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      };
    }
  };

  if (!process.send) {
    process.stderr.write(`the fake's side of ${bench} is started by the bench (over an IPC channel)\n`);
    process.exit(2);
  }
  process.on('message', (message: HostRequest<Ops>) => {
    void dispatch(message).then((response) => {
      process.send?.(response);
      if (message.op === 'stop') process.disconnect();
    });
  });
  // The bench ended (or died): nothing left to serve.
  process.on('disconnect', () => {
    const closing = close();
    if (!closing) process.exit(0);
    void closing.finally(() => process.exit(0));
  });
}

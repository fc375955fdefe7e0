/**
 * What a collector's benchmark gives the driver (drive.ts): its flags, its fake (started in a process
 * of its own), the cycles it measures and its table. The driver does the rest: --help and bad flags,
 * the fake's process and its cleanup on Ctrl-C or failure, the machine and its load, the JSON under
 * out/bench/<name>.json.
 */
import type { MachineUnderLoad } from '../driver/results';
import type { OpSpec } from './child-host';

/** The types that cross between the bench and its fake's process. */
export interface FakeTypes {
  /** What `startFake` passes to `fake.start` (dataset size, seed, latency, token). */
  readonly start: unknown;
  /** What the fake answers once started (its URL, the dataset's size). */
  readonly started: unknown;
  /** One request of the fake's log, as the bench reads it. */
  readonly request: unknown;
  /** The collector's own operations on its fake (a change between cycles, a baseline). */
  readonly ops: Record<string, OpSpec>;
}

/** A started fake, in its own process: its log, its operations, how to stop it. */
export interface FakeSession<T extends FakeTypes> {
  readonly started: T['started'];
  /** The fake's request log, appended to as it serves: a cycle's requests are those it adds. */
  readonly requests: readonly T['request'][];
  readonly ops: { [K in keyof T['ops']]: (args: T['ops'][K]['args']) => Promise<T['ops'][K]['result']> };
  close(): Promise<void>;
}

/** The bench's handle on a fake it started. */
export interface Fake<T extends FakeTypes> {
  readonly started: T['started'];
  call<K extends keyof T['ops'] & string>(op: K, args: T['ops'][K]['args']): Promise<T['ops'][K]['result']>;
  /** Runs `cycle`, answering what it returned, the requests the fake served meanwhile and its CPU time. */
  around<R>(cycle: () => Promise<R>): Promise<{ run: R; requests: T['request'][]; fakeCpuMs: number }>;
  stop(): Promise<void>;
}

export interface CollectorBenchRun<O, T extends FakeTypes> {
  readonly options: O;
  readonly progress: (line: string) => void;
  /** Forks a fresh fake; one still running when the bench ends, fails or is interrupted is stopped. */
  readonly startFake: (args: T['start']) => Promise<Fake<T>>;
}

/** The JSON: when, where (machine and load) and with which options, then what `measure` answered. */
export type CollectorBenchResult<O, M> = {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly environment: MachineUnderLoad;
  readonly options: O;
} & M;

export interface CollectorBench<O, T extends FakeTypes, M extends object> {
  /** `npm run bench -- <name>`; also names the JSON and prefixes the progress lines. */
  readonly name: string;
  readonly usage: string;
  /** The options, or 'help' for --help; throws on a bad argument. */
  readonly parse: (argv: readonly string[]) => O | 'help';
  /**
   * Runs in the fake's process only: generates the data and starts the fake. Import the fake's modules
   * inside it (`await import(…)`), so the measured process never loads them.
   */
  readonly startFake: (args: T['start']) => Promise<FakeSession<T>>;
  /** Runs the cycles; answers what the JSON holds after the common fields. */
  readonly measure: (run: CollectorBenchRun<O, T>) => Promise<M>;
  /** The table printed on stdout. */
  readonly render: (result: CollectorBenchResult<O, M>) => string;
  /** Throws when the results are short (a unit failed), after they are written and printed. */
  readonly verify?: (result: CollectorBenchResult<O, M>) => void;
}

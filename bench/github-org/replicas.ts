/**
 * The worker replicas: each a `collectors worker --config <file>` process (bin/collectors.js, built),
 * as a deployment runs them, with the fake's token and the fake intake's key in its environment and
 * nothing else of the shell's (DD_URL, TEMPORAL_ADDRESS or GITHUB_API_URL must not redirect it).
 * Its JSON log lines are read as they come: `worker ready`, one `github requests` per unit attempt
 * (the progress), warnings and errors (counted); its RSS is sampled from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/util/paths';

export interface ReplicaEnv {
  readonly GITHUB_TOKEN: string;
  readonly DD_API_KEY: string;
  /** As the image sets it, and the chart with a heap limit. */
  readonly NODE_OPTIONS: string;
}

/** The image's NODE_OPTIONS (Dockerfile), with the heap limit the chart derives from a memory limit (0: none). */
export function nodeOptions(heapMiB: number): string {
  return ['--max-semi-space-size=4', ...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : [])].join(' ');
}

const READY_TIMEOUT_MS = 60_000;
/** RSS is read this often while a slot runs. */
export const RSS_SAMPLE_MS = 500;

export class Replica {
  private child: ChildProcess | undefined;
  /** Unit attempts finished since the process started (its `github requests` lines). */
  unitsDone = 0;
  /** Log lines at warn or error, by message, over every process of this replica. */
  readonly logged = new Map<string, number>();
  /** Times the process was started. */
  starts = 0;
  private peak = 0;

  constructor(
    readonly index: number,
    private readonly configPath: string,
    private readonly env: ReplicaEnv,
    private readonly progress: (line: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits for its `worker ready`. */
  async start(): Promise<void> {
    const bin = join(projectRoot(), 'bin', 'collectors.js');
    const child = spawn(process.execPath, [bin, 'worker', '--config', this.configPath], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        // As in the container image (Dockerfile).
        MALLOC_ARENA_MAX: '2',
        LOG_LEVEL: 'info',
        // Its name outlives the process, as a container's restarted in its pod (src/engine/routing.ts).
        COLLECTORS_REPLICA: `replica-${this.index}`,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts++;
    this.unitsDone = 0;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`replica ${this.index} not ready after ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      );
      const last: string[] = [];
      const onLine = (line: string) => {
        last.push(line);
        if (last.length > 5) last.shift();
        const record = parse(line);
        if (!record) return;
        if (record.msg === 'worker ready') {
          clearTimeout(timer);
          resolve();
        } else if (record.msg === 'github requests') {
          this.unitsDone++;
        }
        if (record.level === 'warn' || record.level === 'error') {
          // One message per repo would be as many keys: the repo is masked.
          const msg = record.msg.replace(/[\w-]+\/[\w.-]+/g, '<owner>/<repo>');
          this.logged.set(msg, (this.logged.get(msg) ?? 0) + 1);
          if (record.level === 'error') this.progress(`replica ${this.index} error: ${line.slice(0, 500)}`);
        }
      };
      createInterface({ input: child.stderr }).on('line', onLine);
      createInterface({ input: child.stdout }).on('line', onLine);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `replica ${this.index} exited before it was ready (${signal ?? `code ${code}`}); its last lines:\n${last.join('\n')}`,
          ),
        );
      });
    });
    await ready;
  }

  /** SIGTERM (the worker drains, then exits) or SIGKILL; waits for the exit. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  /** Resident set size now, in bytes (0 when unknown: not Linux, or no process). */
  rssBytes(): number {
    const pid = this.pid;
    if (pid === undefined || this.child?.exitCode !== null) return 0;
    try {
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) * 1024 : 0;
    } catch {
      return 0;
    }
  }

  /** Samples the RSS; answers the peak since the last `takePeak`. */
  sample(): void {
    this.peak = Math.max(this.peak, this.rssBytes());
  }

  takePeak(): number {
    this.sample();
    const peak = this.peak;
    this.peak = 0;
    return peak;
  }
}

function parse(line: string): { msg: string; level?: string } | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const record = JSON.parse(line) as { msg?: unknown; level?: unknown };
    return typeof record.msg === 'string'
      ? { msg: record.msg, ...(typeof record.level === 'string' ? { level: record.level } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

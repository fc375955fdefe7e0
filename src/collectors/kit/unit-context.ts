/**
 * A unit's context as the engine builds it, for calling a collector directly (tests, benchmarks):
 * the defaults are a logger that keeps its lines, the global fetch, a no-op heartbeat, a signal
 * never aborted, the first attempt and the unit's samples kept in `samples`. Each can be replaced.
 */
import { memoryLogger, type LogLevel } from '../../log';
import type { SecretResolver } from '../../secrets/types';
import type { CollectContext, PlanContext, Sample, Target } from '../types';

type MemoryLogger = ReturnType<typeof memoryLogger>;

export interface PlanContextInput<Settings> {
  readonly settings: Settings;
  readonly secrets: SecretResolver;
  /** Defaults to now. */
  readonly asOf?: Date;
  /** Level of the memory logger (default debug: every line kept). */
  readonly logLevel?: LogLevel;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}

export interface UnitContextInput<Settings> extends PlanContextInput<Settings> {
  readonly asOf: Date;
  readonly group: string;
  readonly target: Target;
  readonly heartbeat?: (details?: unknown) => void;
  readonly attempt?: number;
  /** Receives the unit's sample (default: kept in `samples`). */
  readonly sample?: (sample: Sample) => void;
}

export function planContext<Settings>(
  input: PlanContextInput<Settings>,
): PlanContext<Settings> & { readonly log: MemoryLogger } {
  return {
    asOf: input.asOf ?? new Date(),
    settings: input.settings,
    secrets: input.secrets,
    log: memoryLogger(input.logLevel),
    fetch: input.fetch ?? globalThis.fetch,
    signal: input.signal ?? new AbortController().signal,
  };
}

export function unitContext<Settings>(
  input: UnitContextInput<Settings>,
): CollectContext<Settings> & { readonly log: MemoryLogger; readonly samples: Sample[] } {
  const samples: Sample[] = [];
  return {
    ...planContext(input),
    asOf: input.asOf,
    group: input.group,
    target: input.target,
    heartbeat: input.heartbeat ?? (() => undefined),
    attempt: input.attempt ?? 1,
    sample: input.sample ?? ((sample) => samples.push(sample)),
    samples,
  };
}

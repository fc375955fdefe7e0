/** What every bench writes: its JSON under out/bench/ and its table on stdout, with the machine it ran on. */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/util/paths';

/** out/bench/, created if missing. */
export async function benchOutDir(): Promise<string> {
  const outDir = join(projectRoot(), 'out', 'bench');
  await mkdir(outDir, { recursive: true });
  return outDir;
}

/** The machine and the Node the bench ran on. */
export function machine() {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
  };
}

export type Machine = ReturnType<typeof machine>;

/** `machine()`, whether memory is read after a full GC, and the load while the bench ran. */
export function machineUnderLoad(loadBefore: readonly number[]) {
  return {
    ...machine(),
    gcExposed: typeof global.gc === 'function',
    /** 1-minute load average when the bench started and ended: other work on the machine skews wall times. */
    loadAverage: { start: loadBefore[0] ?? 0, end: loadavg()[0] ?? 0 },
  };
}

export type MachineUnderLoad = ReturnType<typeof machineUnderLoad>;

/** Writes `result` to out/bench/<name>.json, prints `table`, and says where the JSON went. */
export async function writeResults(
  outDir: string,
  name: string,
  result: unknown,
  table: string,
  progress: (line: string) => void,
): Promise<void> {
  const jsonFile = join(outDir, `${name}.json`);
  await writeFile(jsonFile, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(table);
  progress(`results written to ${jsonFile}`);
}

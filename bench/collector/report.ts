/** What the collector benches' tables share. */
import type { MachineUnderLoad } from '../driver/results';

/** `node v…, N CPUs (load a → b)`: the load says how far other work on the machine skewed the times. */
export function machineLine(env: MachineUnderLoad): string {
  const load = env.loadAverage;
  return `node ${env.node}, ${env.cpus} CPUs (load ${load.start.toFixed(1)} → ${load.end.toFixed(1)})`;
}

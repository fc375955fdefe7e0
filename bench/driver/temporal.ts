/** What the Temporal benches (engine, ops) need around the measurements: a server, quiet SDK logs. */
import { inspect } from 'node:util';
import { DefaultLogger } from '@temporalio/worker';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { progressOf } from './progress';
import type { Machine } from './results';

/** The machine a Temporal bench ran on, and the server it ran against. */
export interface Environment extends Machine {
  readonly temporal: { readonly address: string; readonly namespace: string; readonly devServer: boolean };
}

export const progress = progressOf('bench');

/** The usage lines of every bench that runs on Temporal. */
export const TEMPORAL_USAGE = `  TEMPORAL_ADDRESS=host:port uses that server (namespace TEMPORAL_NAMESPACE or default)
  instead of starting a dev server.`;

let devServer: DevServer | undefined;

/** A dev server on a free port, unless TEMPORAL_ADDRESS names one. */
export async function startServer(): Promise<DevServer | undefined> {
  if (process.env.TEMPORAL_ADDRESS) return undefined;
  const started = Date.now();
  devServer = await startDevServer();
  progress(`Temporal dev server at ${devServer.address} (${Date.now() - started} ms)`);
  return devServer;
}

/** Stops the dev server if this process started one; safe to call twice. */
export async function stopServer(): Promise<void> {
  await devServer?.stop();
}

/** The SDK's warnings on stderr, except the one every activity-only worker gets by design. */
export function sdkLogger(): DefaultLogger {
  return new DefaultLogger('WARN', ({ level, message, meta }) => {
    if (message.startsWith('No workflows registered')) return;
    const attrs = meta ? ` ${inspect(meta, { breakLength: Infinity })}` : '';
    progress(`temporal ${level.toLowerCase()}: ${message}${attrs}`);
  });
}

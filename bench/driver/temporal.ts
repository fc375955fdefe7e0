/** What the Temporal benches (engine, ops) need around the measurements: a server, quiet SDK logs. */
import { inspect } from 'node:util';
import { DefaultLogger } from '@temporalio/worker';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';

export const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

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

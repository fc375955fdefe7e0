/** A Temporal client for the commands that talk to the server (schedules, trigger, backfill, doctor). */
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config';
import { connectionOptions } from './connection';

export async function connectClient(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
  connectTimeoutMs = 10_000,
): Promise<{ client: Client; close: () => Promise<void> }> {
  const { address, namespace } = config.temporal;
  let connection: Connection;
  try {
    connection = await Connection.connect({
      ...connectionOptions(config.temporal, env),
      connectTimeout: connectTimeoutMs,
    });
  } catch (err) {
    // The SDK's message ("Failed to connect before the deadline") does not say where it tried.
    throw new Error(
      `Temporal at ${address} (namespace ${namespace}) is unreachable: ${(err as Error).message}. ` +
        'Check --address, TEMPORAL_ADDRESS, the config file or the Temporal profile',
      { cause: err },
    );
  }
  return {
    client: new Client({ connection, namespace }),
    close: () => connection.close(),
  };
}

/** A Temporal client for the commands that talk to the server (schedules, trigger, backfill, doctor). */
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config';
import { connectionOptions } from './connection';

export async function connectClient(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
  connectTimeoutMs = 10_000,
): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({
    ...connectionOptions(config.temporal, env),
    connectTimeout: connectTimeoutMs,
  });
  return {
    client: new Client({ connection, namespace: config.temporal.namespace }),
    close: () => connection.close(),
  };
}

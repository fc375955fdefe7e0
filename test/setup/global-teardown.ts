export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__servers;
  if (!servers) return;
  servers.moto.kill('SIGTERM');
  await servers.temporal.stop();
}

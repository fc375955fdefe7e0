/**
 * How soon a unit or a submission held by a dead worker (SIGKILL, OOM, a lost node) is handed to
 * another: the server fails an attempt that has not heartbeated for this long, and retries it.
 * Without it, a dead worker would hold the attempt for its whole start-to-close timeout.
 */
export const HEARTBEAT_TIMEOUT_MS = 30_000;

/** Activities heartbeat at least this often while they run, whatever the collector does. */
export const KEEP_ALIVE_INTERVAL_MS = HEARTBEAT_TIMEOUT_MS / 3;

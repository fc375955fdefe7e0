/**
 * The Datadog client's own logger (loglevel) prints a raw stack trace on stderr for every failed
 * request. Its lines go to ours instead, at debug, scrubbed (its request logging, never turned on here,
 * would print the headers, the API key among them) and throttled: the sink's own messages already say
 * what failed.
 */
import { throttledLogger, type Logger } from '../log';
import { datadogApiClient } from './post-payload';

/** Call before the client's first request (it loads the client). */
export function routeClientLog(log: Logger, scrub: (text: string) => string): void {
  // A loglevel logger, which the client types as `any`.
  const clientLog = datadogApiClient().logger as {
    methodFactory: () => (...args: unknown[]) => void;
    setLevel(level: 'debug'): void;
  };
  const quiet = throttledLogger(log.child({ component: 'datadog-client' }));
  clientLog.methodFactory =
    () =>
    (...args: unknown[]) =>
      quiet.debug(
        scrub(
          args
            .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a)))
            .join(' ')
            .trim(),
        ),
      );
  clientLog.setLevel('debug');
}

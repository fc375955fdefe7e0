/**
 * Outbound HTTP through the proxy named by HTTPS_PROXY / HTTP_PROXY, except for NO_PROXY hosts. Node's
 * fetch ignores these variables; installed as the global dispatcher, undici's EnvHttpProxyAgent makes
 * every `fetch` of the process honour them: collectors' `ctx.fetch` and the Datadog sink alike.
 * Temporal's gRPC connection and the AWS SDK do not go through it.
 *
 * Node's built-in fetch takes the global dispatcher only from an undici that speaks its dispatcher
 * API version; Node 26's does not take this one's, and says nothing. So the process's fetch becomes
 * this undici's own, which always uses the dispatcher installed here, on every Node version.
 */
import type * as Undici from 'undici';

export interface ProxySettings {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  /** Comma- or space-separated host names, `.suffix`, `host:port` or `*`. */
  readonly noProxy?: string;
}

/** The proxy variables as curl reads them (lower case first); undefined when no proxy is set. */
export function proxySettings(env: NodeJS.ProcessEnv): ProxySettings | undefined {
  const read = (name: string) => env[name.toLowerCase()] || env[name] || undefined;
  const httpProxy = read('HTTP_PROXY');
  const httpsProxy = read('HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return undefined;
  const noProxy = read('NO_PROXY');
  return {
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

/**
 * Routes the process's fetch through the proxy when one is set (call once, at start). Returns the
 * settings in use, or undefined when fetch stays direct. HTTPS requests use HTTP_PROXY when
 * HTTPS_PROXY is unset (undici's rule).
 */
export function installHttpProxy(env: NodeJS.ProcessEnv = process.env): ProxySettings | undefined {
  const settings = proxySettings(env);
  if (!settings) return undefined;
  // Loaded only when a proxy is set: about 100 modules every command would pay for otherwise.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EnvHttpProxyAgent, fetch: undiciFetch, setGlobalDispatcher } = require('undici') as typeof Undici;
  // The settings are passed explicitly, so `env` (not whatever process.env holds later) decides.
  const agent = withoutWarnings(
    () =>
      new EnvHttpProxyAgent({
        httpProxy: settings.httpProxy,
        httpsProxy: settings.httpsProxy,
        noProxy: settings.noProxy ?? '',
      }),
  );
  setGlobalDispatcher(agent);
  // The process's fetch, from here on: this undici's, so that its global dispatcher applies.
  globalThis.fetch = undiciFetch;
  return settings;
}

/**
 * The agent's constructor prints an "experimental" warning, a plain-text line that would break the
 * JSON log stream on stderr; it is the only warning it emits.
 */
function withoutWarnings<T>(make: () => T): T {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called here
  const emitWarning = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return make();
  } finally {
    process.emitWarning = emitWarning;
  }
}

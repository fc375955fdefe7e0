/**
 * Every outbound call has a timeout (docs/design.md#failures) and ends when the unit is cancelled: the fetch handed
 * to Octokit combines the unit's abort signal with a per-request timer, and says which one fired.
 */
export function timedFetch(base: typeof fetch, timeoutMs: number, unitSignal?: AbortSignal): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = [timeout, ...(unitSignal ? [unitSignal] : []), ...(init?.signal ? [init.signal] : [])];
    try {
      return await base(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (err) {
      if (timeout.aborted) throw new Error(`GitHub did not answer within ${timeoutMs} ms`, { cause: err });
      throw err;
    }
  };
}

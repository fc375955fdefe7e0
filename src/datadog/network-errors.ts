/** Failures of the HTTP layer (no answer at all), told apart from bugs and described for a human. */

/**
 * Errors of the HTTP layer, as opposed to bugs: fetch's `TypeError: fetch failed` (its cause says
 * what happened), node-fetch's FetchError, socket errors. Checked by shape, not `instanceof`: fetch's
 * errors may come from another realm (as under jest).
 */
export function isNetworkError(err: unknown): err is Error {
  if (!isErrorLike(err)) return false;
  return (
    (err.name === 'TypeError' && err.message === 'fetch failed') ||
    err.name === 'FetchError' ||
    err.name === 'AbortError' ||
    typeof (err as { code?: unknown }).code === 'string'
  );
}

/** fetch says only "fetch failed"; its cause has the socket error (e.g. `connect ECONNREFUSED …`). */
export function networkErrorText(err: Error): string {
  const cause = err.cause;
  if (err.message !== 'fetch failed' || !isErrorLike(cause)) return err.message;
  // An AggregateError (one error per address tried) has an empty message; its errors say it.
  const errors = (cause as { errors?: unknown }).errors;
  const inner: unknown[] = Array.isArray(errors) ? errors : [cause];
  const texts = inner.map((e) => (isErrorLike(e) ? e.message : String(e))).filter(Boolean);
  return `${err.message}: ${texts.join('; ') || cause.name}`;
}

function isErrorLike(value: unknown): value is Error {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Error).name === 'string' &&
    typeof (value as Error).message === 'string'
  );
}

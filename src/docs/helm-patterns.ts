/** Patterns the Helm values schema adds to the strings the config checks with code. */

// JSON Schema patterns for the strings zod checks with code (src/time/). They are a first filter for
// `helm lint`; the worker and the schedules hook still validate the rendered file with the real parsers.
// Go's regexp runs them in Helm (no look-arounds), editors run them as ECMAScript.
const UNIT = '(?:w|d|h|ms|m|s)';
export const DURATION_PATTERN = `^(?:[0-9]+${UNIT})+$`;
export const SCHEDULE_PATTERN =
  `^\\s*(?:[0-9]+${UNIT}(?:[0-9]+${UNIT})*` +
  '|@[a-z]+' +
  '|[0-9A-Za-z*/,-]+(?:\\s+[0-9A-Za-z*/,-]+){4,6})\\s*$';
export const DURATION_KEYS = new Set([
  'timeout',
  'initialInterval',
  'maximumInterval',
  'retryFor',
  'catchupWindow',
  'ttl',
]);

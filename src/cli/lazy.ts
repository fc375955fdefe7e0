/**
 * The heavy modules, loaded by the commands that run them and nothing else: building the program
 * (`--help`, `--version`, every command's parse) must not pay for the Temporal worker and client, the
 * sandbox or the workflow code. Each loader is called inside an action, never at the top of a file.
 * test/cli/startup.test.ts holds `--help` to it.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as DatadogResources from '../datadog/resources';
import type * as Doctor from '../doctor';
import type * as RunSandbox from '../sandbox/run-sandbox';
import type * as RunWithConfig from '../sandbox/run-with-config';
import type * as Session from '../sandbox/session';
import type * as TemporalClient from '../temporal/client';
import type * as TemporalSchedules from '../temporal/schedules';
import type * as TemporalWorker from '../temporal/worker';
import type * as BackfillWorkflow from '../workflows/backfill';

export const temporalClient = () => require('../temporal/client') as typeof TemporalClient;
export const temporalSchedules = () => require('../temporal/schedules') as typeof TemporalSchedules;
export const temporalWorker = () => require('../temporal/worker') as typeof TemporalWorker;
export const datadogResources = () => require('../datadog/resources') as typeof DatadogResources;
export const doctorChecks = () => require('../doctor') as typeof Doctor;
export const backfillWorkflow = () => require('../workflows/backfill') as typeof BackfillWorkflow;
export const sandbox = () => ({
  ...(require('../sandbox/session') as typeof Session),
  ...(require('../sandbox/run-sandbox') as typeof RunSandbox),
  ...(require('../sandbox/run-with-config') as typeof RunWithConfig),
});

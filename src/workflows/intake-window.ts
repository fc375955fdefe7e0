/**
 * Without Historical Metrics Ingestion Datadog drops points over an hour old: submission stops
 * trying a little before. Here, not in the engine, because the workflows' health submission needs it
 * too and workflow code imports only its own folder.
 */
export const WITHOUT_HMI_GIVE_UP_AFTER_MS = 55 * 60_000;

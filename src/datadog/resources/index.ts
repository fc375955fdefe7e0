/**
 * What `collectors datadog plan|apply|export`, `collectors doctor` and the sandbox use of the Datadog
 * resources: one module for the CLI's lazy loader (src/cli/lazy.ts).
 */
export { createResourceApi, ResourceApiError, type ResourceApi, type ResourceApiOptions } from './api';
export { applyPlan, type ApplyResult } from './apply';
export { desiredResources, type DesiredResources } from './desired';
export { exportDocument, exportJson } from './export-json';
export { exportTerraform } from './export-terraform';
export { resourceOptionsFromConfig, type ResourceOptions } from './options';
export { hasChanges, planResources, summarize, type Plan, type PlanItem } from './plan';
export { formatPlan } from './plan-text';

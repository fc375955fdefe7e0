/** The loopback fake SkyPilot API server, its dataset generator and its stored-state types. */
export {
  startFakeSkyPilot,
  type FakeSkyPilot,
  type FakeSkyPilotOptions,
  type FakeRequestRecord,
  type ForcedAnswer,
} from './server';
export { generateDataset, CONTROLLER_CLUSTER, type DatasetOptions } from './dataset';
export { presentJob, reportedDuration } from './records';
export { treeRoot } from './queue';
export type { FakeCluster, FakeDataset, FakeJob, FakeLaunchedCluster } from './types';

export {
  startFakeWandb,
  type FakeWandb,
  type FakeWandbOptions,
  type LoggedRequest,
  type RateLimit,
} from './server';
export {
  generateDataset,
  wandbTimeText,
  SANDBOX_PROJECTS,
  type FakeDataset,
  type FakeProject,
  type FakeRun,
  type FakeSweep,
  type GenerateOptions,
  type ProjectSpec,
  type RunState,
} from './dataset';
export { wandbSdl, wandbSchema } from './schema';
export { matches, parseFilters, FilterError } from './filter';

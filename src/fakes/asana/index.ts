export {
  startFakeAsana,
  type FakeAsana,
  type FakeAsanaOptions,
  type LoggedRequest,
  type RateLimit,
} from './server';
export {
  generateDataset,
  asanaDate,
  asanaTime,
  PRIORITY_FIELD,
  SANDBOX_PROJECTS,
  type FakeDataset,
  type FakeEnumField,
  type FakeProject,
  type FakeStatusUpdate,
  type FakeTask,
  type FakeTeam,
  type FakeUser,
  type FakeWorkspace,
  type GenerateOptions,
  type ProjectSpec,
} from './dataset';

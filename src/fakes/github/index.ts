export type { FakeGitHubApp, FakeGitHubAppOptions, MintedToken } from './app';
export {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions,
  type FakeServerError,
  type LoggedRequest,
} from './server';
export type * from './dataset';
export { loadDataset, loadDatasetFile } from './load';
export type { RateLimitChange, FakeResource } from './rate-limit';
export { generateDataset, type GenerateOptions } from './generate';

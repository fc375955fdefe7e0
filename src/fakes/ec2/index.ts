/** The fake AWS of the EC2 collector: EC2, CloudWatch, the Price List API and STS on one loopback port. */
export { startFakeAws } from './server';
export type {
  FakeAccount,
  FakeAws,
  FakeAwsDataset,
  FakeAwsOptions,
  FakeInstance,
  FakeRegion,
  FakeVolume,
  ForcedError,
  SpotPriceRow,
} from './model';
export { generateEstate, generateSandboxEstate, SANDBOX_ACCOUNTS } from './dataset';
export { INSTANCE_TYPES } from './instance-types';
export { EBS, ON_DEMAND, priceRecords } from './prices';

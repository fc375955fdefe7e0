/** What the generated jobs are drawn from, with weights (a mix like a busy research team's). */

export type Choices<T> = readonly (readonly [T, number])[];

export const USERS = [
  'alice',
  'bob',
  'carol',
  'dan',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
];

export const GPUS: Choices<readonly [string | null, number, string]> = [
  [['H100', 8, 'p5.48xlarge'], 40],
  [['H100-MEGA', 8, 'a3-megagpu-8g'], 8],
  [['A100-80GB', 8, 'p4de.24xlarge'], 14],
  [['A100', 8, 'p4d.24xlarge'], 6],
  [['L4', 1, 'g6.xlarge'], 10],
  [['A10G', 4, 'g5.12xlarge'], 10],
  [['H200', 8, 'p5e.48xlarge'], 5],
  [[null, 0, 'm6i.2xlarge'], 7],
];
export const REGIONS: Choices<readonly [string | null, string | null]> = [
  [['aws', 'us-east-1'], 40],
  [['aws', 'us-west-2'], 28],
  [['gcp', 'us-central1'], 12],
  [['aws', 'eu-west-1'], 6],
  [['kubernetes', 'gke-prod'], 10],
  [[null, null], 4], // infra never persisted: the server shows `-`
];
export const TERMINAL = [
  ['SUCCEEDED', 70],
  ['CANCELLED', 10],
  ['FAILED', 9],
  ['FAILED_SETUP', 4],
  ['FAILED_NO_RESOURCE', 3],
  ['FAILED_PRECHECKS', 2],
  ['FAILED_CONTROLLER', 2],
] as const;
export const PROCESSING = [
  ['RUNNING', 85],
  ['RECOVERING', 5],
  ['CANCELLING', 3],
  ['WINDING_DOWN', 3],
] as const;

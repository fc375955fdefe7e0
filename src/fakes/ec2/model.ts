/** The fake AWS's public types: its dataset (accounts, instances, volumes, spot prices), options, handle. */
export interface FakeInstance {
  readonly id: string;
  readonly type: string;
  readonly state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  readonly az: string;
  readonly launchTime: Date;
  readonly lifecycle?: 'spot' | 'capacity-block' | 'scheduled';
  readonly platformDetails?: string;
  readonly tenancy?: 'default' | 'dedicated' | 'host';
  /** CPUUtilization datapoints (5-minute averages). */
  readonly cpu?: readonly { readonly at: Date; readonly value: number }[];
  /**
   * Or: the level (%) it reports every five minutes since launch and up to the fake's clock, within
   * ± 2 points, so a long-running sandbox always has the last hour.
   */
  readonly cpuLevel?: number;
}

export interface FakeVolume {
  readonly id: string;
  readonly sizeGiB: number;
  readonly type: string;
  readonly state: 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error';
  readonly az: string;
  readonly attachedTo?: string;
}

export interface FakeRegion {
  readonly instances: readonly FakeInstance[];
  readonly volumes: readonly FakeVolume[];
}

export interface FakeAccount {
  /** 12 digits. */
  readonly id: string;
  readonly regions: Readonly<Record<string, FakeRegion>>;
}

export interface SpotPriceRow {
  readonly region: string;
  readonly type: string;
  readonly az: string;
  readonly price: number;
  readonly at: Date;
}

export interface FakeAwsDataset {
  readonly accounts: readonly FakeAccount[];
  /** Static keys the fake accepts, each of an account; anything else is refused. */
  readonly keys: readonly {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly account: string;
  }[];
  readonly spotPrices: readonly SpotPriceRow[];
}

export interface FakeAwsOptions {
  /** Answer everything from this dataset. */
  readonly dataset?: FakeAwsDataset;
  /** Else forward what the fake does not own (all but GetProducts and DescribeSpotPriceHistory) here. */
  readonly upstream?: string;
  /** Spot prices when running in front of an upstream. */
  readonly spotPrices?: readonly SpotPriceRow[];
  /** Delay of every answer, as AWS's own latency (default 0). */
  readonly latencyMs?: number;
  /** The fake's clock: no `cpuLevel` datapoint is later (default the real clock). */
  readonly now?: () => Date;
}

export interface ForcedError {
  /** `ec2:DescribeInstances`, or undefined for any request. */
  readonly action?: string;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** How many requests get it (default 1). */
  readonly times?: number;
}

export interface FakeAws {
  readonly url: string;
  /** Requests by `service:Action` (every answer counted, errors too). */
  readonly calls: Map<string, number>;
  /** Every request in order: its `service:Action` and the status answered. */
  readonly served: { readonly action: string; readonly status: number }[];
  /** Total requests. */
  requests(): number;
  /** The next matching requests answer this error. */
  failNext(error: ForcedError): void;
  /** From now on every request answers 503 (an outage). */
  failEveryRequest(): void;
  /** Forgets the errors `failNext` queued and not yet answered. */
  clearFailures(): void;
  close(): Promise<void>;
}

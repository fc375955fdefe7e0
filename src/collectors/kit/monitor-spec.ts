/**
 * A monitor a collector declares for its own metrics, beside the health monitors every collector
 * gets (src/datadog/resources/monitors.ts turns each into a Datadog monitor). Plain data in catalog
 * terms: the metric and tag keys must be the collector's own (a test checks every generated query).
 */
export interface MonitorSpec {
  /** Unique within the collector, lower-case words joined by `-` (`rate-limit-low`): the key of its threshold override. */
  readonly id: string;
  /** What it watches, for the monitor's name (`GitHub rate limit under 10 %`). */
  readonly title: string;
  /** A catalog metric of the collector. */
  readonly metric: string;
  /** How the points of one evaluation window reduce to one value per group. */
  readonly reduce: 'avg' | 'min' | 'max' | 'sum';
  /** How the series of one group combine at each timestamp. */
  readonly combine: 'avg' | 'min' | 'max' | 'sum';
  /** Tag keys the monitor alerts by (target tags or the metric's own tags). */
  readonly by: readonly string[];
  /** Extra `key:value` filters (the metric's own tags, e.g. `resource:core`). */
  readonly filter?: Readonly<Record<string, string>>;
  /** The evaluation window in collection cycles (the schedule's interval × cycles). */
  readonly cycles: number;
  readonly comparator: '>' | '>=' | '<' | '<=';
  /** The threshold when the options set none, in the metric's unit. */
  readonly defaultThreshold: number;
  /** The notification's text: what is wrong and what to look at. */
  readonly message: string;
}

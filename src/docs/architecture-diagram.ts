/** The README's architecture diagram (mermaid), whose source node names each registered collector's service. */
import type { Registry } from '../collectors/types';

export function architectureDiagram(registry: Registry): string {
  const services = [...registry.values()].map((c) => c.sandbox?.service ?? c.name).join(' / ');
  return `\`\`\`mermaid
flowchart LR
  schedule["Temporal Schedule<br/>#lt;deployment#gt;-collector-#lt;name#gt;<br/>(or trigger, backfill, manual start)"]
  cycle["workflow collectionCycle<br/>input: { collector, asOf? }<br/>no config, no secrets"]
  plan["activity planCycle<br/>reads the config now:<br/>groups, targets, deadline"]
  batch["child workflow collectBatch × N<br/>(cycle.batchSize units each)"]
  unit["activity collectGroup × unit<br/>(group × target; own timeout, retries)"]
  submit["activity submitMetrics<br/>validate, tag, chunk, gzip"]
  health["health points<br/>duration, errors, counts"]
  source[("${services} API<br/>(a loopback fake in the sandbox)")]
  datadog[("Datadog intake<br/>(dry run: console + out/dry-run/)")]
  secrets[("secrets: env or<br/>AWS Secrets Manager")]
  schedule --> cycle
  cycle --> plan
  cycle --> batch
  batch --> unit
  unit --> source
  unit -. token .-> secrets
  batch --> submit
  cycle --> health
  health --> submit
  submit --> datadog
\`\`\``;
}

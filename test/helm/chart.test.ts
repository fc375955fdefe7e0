/**
 * The chart rendered by the real helm with its defaults and with each values file under
 * test/helm/values/, and what the manifests must say: the hook, the probes, the security context,
 * Secrets by reference only, and a config file the project itself accepts.
 */
import { parse } from 'yaml';
import { registry } from '../../src/collectors/registry';
import { parseConfig, type Config } from '../../src/config';
import { deploymentSecrets } from '../../src/collectors/secrets';
import { shutdownGraceMs } from '../../src/temporal/worker';
import { parseDuration } from '../../src/time/duration';
import {
  find,
  lint,
  onlyContainer,
  podTemplate,
  render,
  type Container,
  type K8sObject,
  type PodTemplate,
  type Run,
} from './support';

const SCENARIOS = {
  defaults: [],
  'all collectors on, Kubernetes Secret': ['all-collectors.yaml'],
  'Temporal Cloud with mTLS': ['temporal-cloud-mtls.yaml'],
  'Temporal Cloud with an API key': ['temporal-cloud-api-key.yaml'],
  'IRSA and AWS Secrets Manager': ['irsa.yaml'],
} as const satisfies Record<string, readonly string[]>;
type Scenario = keyof typeof SCENARIOS;
const NAMES = Object.keys(SCENARIOS) as Scenario[];

const rendered = new Map<Scenario, K8sObject[]>();
const linted = new Map<Scenario, Run>();

beforeAll(async () => {
  // Every helm run at once: each takes a fraction of a second, mostly process start.
  await Promise.all(
    NAMES.flatMap((name) => [
      render(SCENARIOS[name]).then((objects) => rendered.set(name, objects)),
      lint(SCENARIOS[name]).then((result) => linted.set(name, result)),
    ]),
  );
});

const objects = (name: Scenario) => rendered.get(name)!;
const worker = (name: Scenario) => find(objects(name), 'Deployment');
const hookJob = (name: Scenario) => find(objects(name), 'Job', '-schedules-sync');
const testPod = (name: Scenario) => find(objects(name), 'Pod', '-doctor');
const applyJobs = (name: Scenario) =>
  objects(name).filter((o) => o.kind === 'Job' && o.metadata.name.endsWith('-datadog-apply'));
const pods = (name: Scenario): [string, K8sObject][] => [
  ['worker', worker(name)],
  ['schedules hook', hookJob(name)],
  ['helm test', testPod(name)],
];

/** The config file in the ConfigMap, validated by the project's own parser with the real registry. */
function configOf(name: Scenario): Config {
  const text = find(objects(name), 'ConfigMap').data!['collectors.yaml']!;
  return parseConfig(parse(text) as unknown, { env: {}, registry, source: `ConfigMap (${name})` });
}

describe.each(NAMES)('%s', (name) => {
  it('passes helm lint --strict', () => {
    const result = linted.get(name)!;
    expect({ code: result.code, output: result.stdout + result.stderr }).toMatchObject({ code: 0 });
  });

  it("renders a config file that passes the project's own validation", () => {
    expect(() => configOf(name)).not.toThrow();
  });

  it('syncs the schedules in a hook Job after install, upgrade and rollback', () => {
    const job = hookJob(name);
    expect(job.metadata.annotations).toEqual({
      'helm.sh/hook': 'post-install,post-upgrade,post-rollback',
      'helm.sh/hook-weight': '0',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    const args = onlyContainer(job).args;
    expect(args).toEqual(
      name === 'all collectors on, Kubernetes Secret'
        ? ['schedules', 'sync', '--prune']
        : ['schedules', 'sync'],
    );
    // The same config, secrets and identity as the worker.
    const [w, j] = [onlyContainer(worker(name)), onlyContainer(job)];
    expect(j.image).toBe(w.image);
    const workerOnly = new Set(['NODE_OPTIONS', 'COLLECTORS_REPLICA']);
    expect(j.env).toEqual(w.env!.filter((e) => !workerOnly.has(e.name)));
    // A worker replica is named after its pod, which a container restart keeps.
    expect(w.env!.find((e) => e.name === 'COLLECTORS_REPLICA')).toEqual({
      name: 'COLLECTORS_REPLICA',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    });
    expect(j.envFrom).toEqual(w.envFrom);
    expect(j.volumeMounts).toEqual(w.volumeMounts);
    expect(podTemplate(job).spec.volumes).toEqual(podTemplate(worker(name)).spec.volumes);
    expect(podTemplate(job).spec.serviceAccountName).toBe(podTemplate(worker(name)).spec.serviceAccountName);
  });

  it('has a helm test Pod that runs collectors doctor', () => {
    const pod = testPod(name);
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    expect(onlyContainer(pod).args).toEqual(['doctor', '--timeout', '15s']);
    expect(onlyContainer(pod).env).toEqual(onlyContainer(hookJob(name)).env);
  });

  it('probes /healthz and /readyz on the health port, and exposes metrics for Prometheus', () => {
    const config = configOf(name);
    const template = podTemplate(worker(name));
    const container = onlyContainer(worker(name));
    const port = (portName: string) => container.ports?.find((p) => p.name === portName)?.containerPort;
    expect(port('health')).toBe(config.worker.healthPort);
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'health' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(port('metrics')).toBe(config.worker.metricsPort);
    expect(template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(config.worker.metricsPort),
      'prometheus.io/path': '/metrics',
    });
  });

  it('runs every pod non-root, read-only, without privileges, with a writable /tmp', () => {
    for (const [what, object] of pods(name)) {
      const { spec } = podTemplate(object);
      const container = onlyContainer(object);
      expect([what, spec.securityContext]).toEqual([
        what,
        expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
      ]);
      expect([what, container.securityContext]).toEqual([
        what,
        {
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
      ]);
      expect([what, spec.automountServiceAccountToken]).toEqual([what, false]);
      const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
      expect([what, spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir]).toEqual([
        what,
        expect.any(Object),
      ]);
    }
  });

  it("gives pods more time after SIGTERM than the worker's shutdown grace", () => {
    const graceSeconds = shutdownGraceMs(configOf(name)) / 1000;
    expect(podTemplate(worker(name)).spec.terminationGracePeriodSeconds).toBeGreaterThan(graceSeconds);
  });

  it('renders no Secret and takes every secret by reference', () => {
    expect(objects(name).filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(Object.keys(find(objects(name), 'ConfigMap').data!)).toEqual(['collectors.yaml']);
    const secretVariables = new Set(['TEMPORAL_API_KEY', ...deploymentSecrets(registry).map((s) => s.env)]);
    for (const [what, object] of pods(name)) {
      for (const variable of onlyContainer(object).env ?? []) {
        if (secretVariables.has(variable.name)) {
          expect([what, variable]).toEqual([
            what,
            { name: variable.name, valueFrom: { secretKeyRef: expect.any(Object) } },
          ]);
        }
      }
    }
  });

  it('spreads the worker pods across nodes and limits evictions, selecting only worker pods', () => {
    const template = podTemplate(worker(name));
    const [spread] = template.spec.topologySpreadConstraints!;
    expect(spread?.topologyKey).toBe('kubernetes.io/hostname');
    const pdb = find(objects(name), 'PodDisruptionBudget');
    const selector = (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
    expect(spread?.labelSelector.matchLabels).toEqual(selector);
    const selects = (t: PodTemplate) =>
      Object.entries(selector).every(([k, v]) => t.metadata.labels[k] === v);
    expect(selects(template)).toBe(true);
    expect(selects(podTemplate(hookJob(name)))).toBe(false);
    expect(selects(podTemplate(testPod(name)))).toBe(false);
  });
});

describe('values reach the config file and the pods', () => {
  it('copies the collectors section as it is', () => {
    const config = configOf('all collectors on, Kubernetes Secret');
    expect(config.deployment).toBe('staging');
    expect(Object.keys(config.collectors).sort()).toEqual([...registry.keys()].sort());
    expect(config.collectors.github).toMatchObject({ enabled: true });
    const text = find(objects('all collectors on, Kubernetes Secret'), 'ConfigMap').data!['collectors.yaml']!;
    // The values file gives each registered collector its example section (src/docs/helm-test-values.ts).
    expect((parse(text) as { collectors: unknown }).collectors).toEqual(
      Object.fromEntries(
        [...registry.values()].map((c) => [c.name, { enabled: true, ...c.deploy?.exampleSection }]),
      ),
    );
  });

  it('loads the app secrets from the existing Kubernetes Secret', () => {
    const name = 'all collectors on, Kubernetes Secret';
    expect(configOf(name).secrets.backend).toBe('env');
    for (const [, object] of pods(name)) {
      expect(onlyContainer(object).envFrom).toEqual([{ secretRef: { name: 'datadog-collectors-secrets' } }]);
    }
  });

  it('with IRSA: annotates the ServiceAccount with the role and reads AWS Secrets Manager', () => {
    const name = 'IRSA and AWS Secrets Manager';
    const account = find(objects(name), 'ServiceAccount');
    expect(account.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/datadog-collectors',
    });
    expect(podTemplate(worker(name)).spec.serviceAccountName).toBe(account.metadata.name);
    expect(configOf(name).secrets).toMatchObject({ backend: 'aws', region: 'us-east-1' });
    for (const [, object] of pods(name)) expect(onlyContainer(object).envFrom).toBeUndefined();
    expect(find(objects('defaults'), 'ServiceAccount').metadata.annotations).toBeUndefined();
  });

  it('with Temporal Cloud mTLS: mounts the certificate Secret and points the config at its files', () => {
    const name = 'Temporal Cloud with mTLS';
    const tls = configOf(name).temporal.tls;
    expect(tls).toMatchObject({
      enabled: true,
      serverName: 'collectors.a1b2c.tmprl.cloud',
      serverRootCaFile: '/etc/temporal-tls/ca.crt',
      clientCertFile: '/etc/temporal-tls/tls.crt',
      clientKeyFile: '/etc/temporal-tls/tls.key',
    });
    expect(configOf(name).temporal).toMatchObject({
      namespace: 'collectors.a1b2c',
      taskQueue: 'prod-metrics',
    });
    for (const [what, object] of pods(name)) {
      const volume = podTemplate(object).spec.volumes?.find(
        (v) => v.secret?.secretName === 'temporal-client-tls',
      );
      expect([what, volume?.secret?.items?.map((i) => i.path).sort()]).toEqual([
        what,
        ['ca.crt', 'tls.crt', 'tls.key'],
      ]);
      const mount = onlyContainer(object).volumeMounts?.find((m) => m.name === volume?.name);
      expect([what, mount]).toEqual([
        what,
        { name: volume?.name, mountPath: '/etc/temporal-tls', readOnly: true },
      ]);
    }
  });

  it('with a Temporal Cloud API key: TEMPORAL_API_KEY from the Secret, no certificate volume', () => {
    const name = 'Temporal Cloud with an API key';
    for (const [what, object] of pods(name)) {
      const env = onlyContainer(object).env!;
      expect([what, env.find((e) => e.name === 'TEMPORAL_API_KEY')]).toEqual([
        what,
        { name: 'TEMPORAL_API_KEY', valueFrom: { secretKeyRef: { name: 'temporal-cloud', key: 'api-key' } } },
      ]);
      expect(podTemplate(object).spec.volumes?.some((v) => v.secret)).toBe(false);
    }
    // No TLS section: the connection turns TLS on because of the key (src/temporal/connection.ts).
    const text = find(objects(name), 'ConfigMap').data!['collectors.yaml']!;
    expect((parse(text) as { temporal: Record<string, unknown> }).temporal).toEqual({
      address: 'us-east-1.aws.api.temporal.io:7233',
      namespace: 'collectors.a1b2c',
    });
  });

  it("sets the heap limit from the memory limit, keeping the image's small young generation", () => {
    const heap = (c: Container) => c.env?.find((e) => e.name === 'NODE_OPTIONS')?.value;
    // 75 % of 1Gi = 768 MiB; the image's own NODE_OPTIONS (Dockerfile) is replaced, so it is repeated.
    expect(heap(onlyContainer(worker('defaults')))).toBe('--max-semi-space-size=4 --max-old-space-size=768');
    expect(heap(onlyContainer(worker('IRSA and AWS Secrets Manager')))).toBe(
      '--max-semi-space-size=4 --max-old-space-size=1536', // of 2Gi
    );
  });

  it('creates the metrics Service and ServiceMonitor only when asked', () => {
    expect(objects('defaults').filter((o) => o.kind === 'Service' || o.kind === 'ServiceMonitor')).toEqual(
      [],
    );
    const name = 'IRSA and AWS Secrets Manager';
    const service = find(objects(name), 'Service');
    const monitor = find(objects(name), 'ServiceMonitor');
    expect(monitor.metadata.labels).toMatchObject({ release: 'prometheus' });
    const selector = (monitor.spec as { selector: { matchLabels: Record<string, string> } }).selector
      .matchLabels;
    expect(service.metadata.labels).toMatchObject(selector);
    expect(service.spec).toMatchObject({ ports: [{ name: 'metrics', port: 9464, targetPort: 'metrics' }] });
  });
});

describe('rendering reacts to values', () => {
  it('rolls the pods when the config changes, and only then', async () => {
    const checksum = (objects: K8sObject[]) =>
      podTemplate(find(objects, 'Deployment')).metadata.annotations?.['checksum/config'];
    const collectors = (schedule: string) =>
      `collectors={"skypilot":{"schedule":"${schedule}","targets":[{"name":"prod","url":"https://sky.example.com"}]}}`;
    const [a, b, c] = await Promise.all([
      render([], [collectors('10m')]),
      render([], [collectors('10m')]),
      render([], [collectors('20m')]),
    ]);
    expect(checksum(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum(b)).toBe(checksum(a));
    expect(checksum(c)).not.toBe(checksum(a));
  });

  it('moves the probes with worker.healthPort and sets no heap limit without a memory limit', async () => {
    const objects = await render(
      [],
      ['worker={"healthPort":9000,"metricsPort":0}', 'resources={"limits":null}'],
    );
    const container = onlyContainer(find(objects, 'Deployment'));
    expect(container.ports).toEqual([{ name: 'health', containerPort: 9000, protocol: 'TCP' }]);
    expect(container.env?.some((e) => e.name === 'NODE_OPTIONS')).toBe(false);
    expect(
      podTemplate(find(objects, 'Deployment')).metadata.annotations?.['prometheus.io/scrape'],
    ).toBeUndefined();
  });

  it("keeps the default grace above every catalog's default unit timeout", () => {
    const timeouts = [...registry.values()].flatMap((c) =>
      c.catalog.groups.map((g) => parseDuration(g.timeout)),
    );
    const gracePeriod = podTemplate(worker('defaults')).spec.terminationGracePeriodSeconds!;
    expect(Math.max(120_000, ...timeouts) / 1000).toBeLessThan(gracePeriod);
  });
});

describe('the Datadog resources hook', () => {
  it('is off by default', () => {
    expect(applyJobs('defaults')).toEqual([]);
  });

  it('with datadog.resources.enabled, runs `datadog apply` after the schedules hook, with the same env and secrets', () => {
    // all-collectors.yaml sets datadog.resources.enabled and datadogApply.prune.
    const [job] = applyJobs('all collectors on, Kubernetes Secret');
    expect(job).toBeDefined();
    expect(job!.metadata.annotations).toEqual({
      'helm.sh/hook': 'post-install,post-upgrade,post-rollback',
      // After the schedules hook's weight 0.
      'helm.sh/hook-weight': '1',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    const container = onlyContainer(job!);
    const sync = onlyContainer(hookJob('all collectors on, Kubernetes Secret'));
    expect(container.args).toEqual(['datadog', 'apply', '--prune']);
    expect(container.env).toEqual(sync.env);
    expect(container.envFrom).toEqual(sync.envFrom);
    expect(container.volumeMounts).toEqual(sync.volumeMounts);
    expect(configOf('all collectors on, Kubernetes Secret').datadog.resources.enabled).toBe(true);
  });
});

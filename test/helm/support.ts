/**
 * Runs the chart through the real helm binary (installed into .tools/bin by `npm test`) and parses what
 * it renders. A missing helm fails the tests: nothing here is skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { projectRoot } from '../../src/util/paths';

export const ROOT = projectRoot();
export const CHART = join(ROOT, 'helm', 'datadog-collectors');
export const VALUES_DIR = join(ROOT, 'test', 'helm', 'values');
/** As in the README: `helm upgrade --install datadog-collectors ./helm/datadog-collectors -n monitoring`. */
export const RELEASE = 'datadog-collectors';
export const NAMESPACE = 'monitoring';

export function toolPath(name: string): string {
  const path = join(ROOT, '.tools', 'bin', name);
  if (!existsSync(path)) {
    throw new Error(`${name} is not installed in .tools/bin: run 'bash scripts/install-tools.sh ${name}'`);
  }
  return path;
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(binary: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(binary, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export const helm = (args: readonly string[]) => run(toolPath('helm'), args);

/** `-f` for each values file (names under test/helm/values/) and `--set-json` for each override. */
function valuesArgs(files: readonly string[], setJson: readonly string[]): string[] {
  return [...files.flatMap((f) => ['-f', join(VALUES_DIR, f)]), ...setJson.flatMap((s) => ['--set-json', s])];
}

export const lint = (files: readonly string[] = [], setJson: readonly string[] = []) =>
  helm(['lint', '--strict', CHART, ...valuesArgs(files, setJson)]);

export const template = (files: readonly string[] = [], setJson: readonly string[] = []) =>
  helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...valuesArgs(files, setJson)]);

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec?: unknown;
  readonly data?: Record<string, string>;
}

// The parts of Kubernetes objects the tests read.
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef?: { readonly name: string; readonly key: string } };
}
export interface Probe {
  readonly httpGet?: { readonly path: string; readonly port: string | number };
}
export interface Container {
  readonly name: string;
  readonly image: string;
  readonly args?: string[];
  readonly env?: EnvVar[];
  readonly envFrom?: { readonly secretRef?: { readonly name: string } }[];
  readonly ports?: { readonly name: string; readonly containerPort: number }[];
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly securityContext?: Record<string, unknown>;
  readonly volumeMounts?: {
    readonly name: string;
    readonly mountPath: string;
    readonly readOnly?: boolean;
  }[];
}
export interface Volume {
  readonly name: string;
  readonly emptyDir?: Record<string, unknown>;
  readonly configMap?: { readonly name: string };
  readonly secret?: { readonly secretName: string; readonly items?: { key: string; path: string }[] };
}
export interface PodSpec {
  readonly containers: Container[];
  readonly securityContext?: Record<string, unknown>;
  readonly volumes?: Volume[];
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  readonly topologySpreadConstraints?: {
    readonly topologyKey: string;
    readonly labelSelector: { readonly matchLabels: Record<string, string> };
  }[];
}
export interface PodTemplate {
  readonly metadata: {
    readonly labels: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec: PodSpec;
}

/** The objects of a rendered manifest stream; a YAML error fails, as it would for kubectl. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`rendered YAML does not parse: ${doc.errors[0]!.message}`);
    const object = doc.toJS() as K8sObject | null;
    return object ? [object] : [];
  });
}

export async function render(
  files: readonly string[] = [],
  setJson: readonly string[] = [],
): Promise<K8sObject[]> {
  const result = await template(files, setJson);
  if (result.code !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return parseManifests(result.stdout);
}

export function find(objects: readonly K8sObject[], kind: string, nameSuffix = ''): K8sObject {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name.endsWith(nameSuffix));
  if (found.length !== 1) {
    throw new Error(
      `expected one ${kind} named *${nameSuffix}, found ${found.map((o) => o.metadata.name).join(', ')}`,
    );
  }
  return found[0]!;
}

/** The pod template of a Deployment or Job, or a Pod seen as one. */
export function podTemplate(object: K8sObject): PodTemplate {
  if (object.kind === 'Pod')
    return { metadata: object.metadata as PodTemplate['metadata'], spec: object.spec as PodSpec };
  return (object.spec as { template: PodTemplate }).template;
}

export function onlyContainer(object: K8sObject): Container {
  const containers = podTemplate(object).spec.containers;
  if (containers.length !== 1) throw new Error(`${object.metadata.name} has ${containers.length} containers`);
  return containers[0]!;
}

import type { KubeObject } from './render-chart.js';

/**
 * kube-score-like checks on rendered manifests (kube-score cannot be installed here). Each
 * returns human-readable problems; an empty list means the manifests pass. Pure functions over
 * parsed objects, so the tests can also prove that each check catches a bad manifest.
 */

type Labels = Record<string, string>;
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: unknown[];
}
interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Labels; limits?: Labels };
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
  securityContext?: SecurityContext;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type?: string };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: SecurityContext;
  automountServiceAccountToken?: boolean;
}
interface Workload {
  /** `Deployment line-3` or `Pod line-3-test-health`. */
  id: string;
  labels: Labels;
  spec: PodSpec;
  isHelmTest: boolean;
}

const id = (object: KubeObject) => `${object.kind} ${object.metadata.name}`;
const spec = <T>(object: KubeObject) => (object.spec ?? {}) as T;

/** Pods the manifests would run: Deployment templates and bare Pods (helm test). */
export function workloads(objects: KubeObject[]): Workload[] {
  const out: Workload[] = [];
  for (const object of objects) {
    if (object.kind === 'Deployment') {
      const template = spec<{ template: { metadata?: { labels?: Labels }; spec: PodSpec } }>(object).template;
      out.push({
        id: id(object),
        labels: template.metadata?.labels ?? {},
        spec: template.spec,
        isHelmTest: false,
      });
    } else if (object.kind === 'Pod') {
      out.push({
        id: id(object),
        labels: object.metadata.labels ?? {},
        spec: spec<PodSpec>(object),
        isHelmTest: object.metadata.annotations?.['helm.sh/hook'] === 'test',
      });
    }
  }
  return out;
}

/** Whether a label selector selects a set of labels (matchLabels only; expressions are refused). */
export function selects(selector: Selector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  if (selector.matchExpressions?.length)
    throw new Error('matchExpressions are not supported by these checks');
  const wanted = Object.entries(selector.matchLabels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
}

export function containerProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const pod = workload.spec.securityContext ?? {};
    if (workload.spec.automountServiceAccountToken !== false) {
      problems.push(`${workload.id}: automountServiceAccountToken is not false`);
    }
    for (const container of [...(workload.spec.initContainers ?? []), ...workload.spec.containers]) {
      const where = `${workload.id} container ${container.name}`;
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (!container.resources?.[kind]?.[resource]) problems.push(`${where}: no ${resource} ${kind}`);
        }
      }
      if (!workload.isHelmTest) {
        if (!container.readinessProbe) problems.push(`${where}: no readinessProbe`);
        if (!container.livenessProbe) problems.push(`${where}: no livenessProbe`);
      }
      const context = container.securityContext ?? {};
      if ((context.runAsNonRoot ?? pod.runAsNonRoot) !== true)
        problems.push(`${where}: runAsNonRoot is not true`);
      if ((context.runAsUser ?? pod.runAsUser) === 0) problems.push(`${where}: runs as UID 0`);
      if (context.readOnlyRootFilesystem !== true) problems.push(`${where}: root file system is writable`);
      if (context.allowPrivilegeEscalation !== false)
        problems.push(`${where}: allowPrivilegeEscalation is not false`);
      if (context.privileged === true) problems.push(`${where}: privileged`);
      if (!context.capabilities?.drop?.includes('ALL'))
        problems.push(`${where}: capabilities do not drop ALL`);
      if (context.capabilities?.add?.length) problems.push(`${where}: adds capabilities`);
      const seccomp = context.seccompProfile?.type ?? pod.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
        problems.push(`${where}: seccomp profile is not RuntimeDefault`);
      }
      const image = container.image ?? '';
      if (!/@sha256:[a-f0-9]{64}$/.test(image) && !/:[^/:]+$/.test(image))
        problems.push(`${where}: image has no tag`);
      if (/:latest$/.test(image)) problems.push(`${where}: image tag is latest`);
    }
  }
  return problems;
}

/** Selectors of Deployment, Service, PDB, NetworkPolicy, HPA and ServiceMonitor hit their targets. */
export function selectorProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const pods = workloads(objects);
  const servingPods = pods.filter((pod) => !pod.isHelmTest);
  const selected = (selector: Selector | undefined) => pods.filter((pod) => selects(selector, pod.labels));

  const checkSelectsServingPods = (object: KubeObject, selector: Selector | undefined) => {
    const hits = selected(selector);
    if (!hits.some((pod) => !pod.isHelmTest)) problems.push(`${id(object)}: selector selects no serving pod`);
    for (const pod of hits.filter((hit) => hit.isHelmTest))
      problems.push(`${id(object)}: selector selects ${pod.id}`);
    return hits.filter((pod) => !pod.isHelmTest);
  };

  for (const object of objects) {
    switch (object.kind) {
      case 'Deployment': {
        const { selector, template } = spec<{
          selector: Selector;
          template: { metadata?: { labels?: Labels } };
        }>(object);
        if (!selects(selector, template.metadata?.labels ?? {})) {
          problems.push(`${id(object)}: selector does not select its own pod template`);
        }
        break;
      }
      case 'Service': {
        const service = spec<{
          selector?: Labels;
          ports: { name?: string; port: number; targetPort?: string | number }[];
        }>(object);
        const targets = checkSelectsServingPods(object, { matchLabels: service.selector ?? {} });
        for (const port of service.ports) {
          const target = port.targetPort ?? port.port;
          if (typeof target !== 'string')
            problems.push(`${id(object)}: port ${port.port} targets a number, not a named port`);
          for (const pod of targets) {
            const found = pod.spec.containers.some((container) =>
              (container.ports ?? []).some((p) =>
                typeof target === 'string' ? p.name === target : p.containerPort === target,
              ),
            );
            if (!found)
              problems.push(`${id(object)}: target port ${String(target)} is not a port of ${pod.id}`);
          }
        }
        break;
      }
      case 'PodDisruptionBudget':
        checkSelectsServingPods(object, spec<{ selector: Selector }>(object).selector);
        break;
      case 'NetworkPolicy': {
        const policy = spec<{
          podSelector: Selector;
          policyTypes?: string[];
          ingress?: { from?: unknown[]; ports?: { port?: string | number }[] }[];
          egress?: { to?: unknown[] }[];
        }>(object);
        // A rule without peers matches every peer: it would undo the default deny.
        for (const rule of policy.ingress ?? []) {
          if (!rule.from?.length) problems.push(`${id(object)}: an ingress rule allows every source`);
        }
        for (const rule of policy.egress ?? []) {
          if (!rule.to?.length) problems.push(`${id(object)}: an egress rule allows every destination`);
        }
        const targets = checkSelectsServingPods(object, policy.podSelector);
        for (const type of ['Ingress', 'Egress']) {
          if (!policy.policyTypes?.includes(type)) problems.push(`${id(object)}: does not restrict ${type}`);
        }
        for (const rule of policy.ingress ?? []) {
          for (const port of rule.ports ?? []) {
            if (typeof port.port !== 'string') continue;
            for (const pod of targets) {
              if (
                !pod.spec.containers.some((container) =>
                  (container.ports ?? []).some((p) => p.name === port.port),
                )
              ) {
                problems.push(`${id(object)}: ingress port ${port.port} is not a port of ${pod.id}`);
              }
            }
          }
        }
        break;
      }
      case 'HorizontalPodAutoscaler': {
        const target = spec<{ scaleTargetRef: { kind: string; name: string } }>(object).scaleTargetRef;
        const deployment = objects.find(
          (other) => other.kind === target.kind && other.metadata.name === target.name,
        );
        if (!deployment)
          problems.push(`${id(object)}: scales ${target.kind} ${target.name}, which is not rendered`);
        else if (spec<{ replicas?: number }>(deployment).replicas !== undefined) {
          problems.push(`${id(deployment)}: sets replicas although ${id(object)} scales it`);
        }
        break;
      }
      case 'ServiceMonitor': {
        const monitor = spec<{ selector: Selector; endpoints: { port?: string }[] }>(object);
        const services = objects.filter(
          (other) => other.kind === 'Service' && selects(monitor.selector, other.metadata.labels ?? {}),
        );
        if (services.length === 0) problems.push(`${id(object)}: selects no Service`);
        for (const endpoint of monitor.endpoints) {
          const named = services.some((service) =>
            spec<{ ports: { name?: string }[] }>(service).ports.some((port) => port.name === endpoint.port),
          );
          if (!named)
            problems.push(`${id(object)}: endpoint port ${String(endpoint.port)} is not a Service port name`);
        }
        break;
      }
      default:
        break;
    }
  }
  if (servingPods.length === 0) problems.push('no serving pods rendered');
  return problems;
}

/** PDB leaves room to evict: with minAvailable N, at least N+1 replicas must run. */
export function disruptionProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const pdb of objects.filter((object) => object.kind === 'PodDisruptionBudget')) {
    const { minAvailable } = spec<{ minAvailable?: number | string }>(pdb);
    if (typeof minAvailable !== 'number') continue;
    const hpa = objects.find((object) => object.kind === 'HorizontalPodAutoscaler');
    const deployment = objects.find((object) => object.kind === 'Deployment');
    const replicas = hpa
      ? (spec<{ minReplicas?: number }>(hpa).minReplicas ?? 1)
      : ((deployment && spec<{ replicas?: number }>(deployment).replicas) ?? 1);
    if (replicas <= minAvailable) {
      problems.push(
        `${id(pdb)}: minAvailable ${minAvailable} with ${replicas} replica(s) blocks every node drain`,
      );
    }
  }
  return problems;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Names and label values the API server would refuse (the OpenAPI schemas do not check them). */
export function metadataProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const { name, labels = {} } = object.metadata;
    // Services become DNS labels; everything else here is a DNS subdomain.
    const dnsLabel = object.kind === 'Service';
    if (
      dnsLabel ? !DNS_LABEL.test(name) || name.length > 63 : !DNS_SUBDOMAIN.test(name) || name.length > 253
    ) {
      problems.push(`${id(object)}: name is not a valid ${dnsLabel ? 'DNS label' : 'DNS subdomain'}`);
    }
    for (const [key, value] of Object.entries(labels)) {
      if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
        problems.push(`${id(object)}: label ${key} has an invalid value ${JSON.stringify(value)}`);
      }
    }
  }
  return problems;
}

export function kubeScoreProblems(objects: KubeObject[]): string[] {
  return [
    ...containerProblems(objects),
    ...selectorProblems(objects),
    ...disruptionProblems(objects),
    ...metadataProblems(objects),
  ];
}

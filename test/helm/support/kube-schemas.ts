import type { KubeObject } from './render-chart.js';

/**
 * The kinds the chart emits and the module of each in `kubernetes-models` (generated from the
 * Kubernetes OpenAPI definitions) or `@kubernetes-models/prometheus-operator` (generated from the
 * Prometheus Operator CRDs). Each module exports a class named after the kind, whose
 * `validate()` checks types, required fields, enums and formats as kubeconform does, and an
 * interface `I<Kind>` that kube-unknown-fields.ts uses to reject unknown fields.
 */
export const KIND_MODULES: Record<string, string> = {
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Service': 'kubernetes-models/v1/Service',
  'v1/ServiceAccount': 'kubernetes-models/v1/ServiceAccount',
  'v1/Pod': 'kubernetes-models/v1/Pod',
  'v1/PersistentVolumeClaim': 'kubernetes-models/v1/PersistentVolumeClaim',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'networking.k8s.io/v1/NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
  'monitoring.coreos.com/v1/ServiceMonitor':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PrometheusRule':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
};

// `never`: each model's constructor takes its own kind's type; the objects here are untyped.
type Model = new (data: never) => { validate(): void };

export const kindKey = (object: KubeObject) => `${object.apiVersion}/${object.kind}`;

export function unknownKindProblem(object: KubeObject): string {
  return `${kindKey(object)}: no schema for this kind (add it to test/helm/support/kube-schemas.ts)`;
}

/** Problems of one object against its Kubernetes schema; an unknown kind is itself a problem. */
export async function kubeSchemaProblems(object: KubeObject): Promise<string[]> {
  const specifier = KIND_MODULES[kindKey(object)];
  if (!specifier) return [unknownKindProblem(object)];
  // Loaded lazily: each module is large.
  const Model = ((await import(specifier)) as Record<string, Model>)[object.kind]!;
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return [`${kindKey(object)} ${object.metadata?.name ?? '?'}: ${(error as Error).message}`];
  }
}

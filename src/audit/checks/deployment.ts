import type { RepoFacts } from '../inventory/facts.js';
import {
  containersOf,
  kindEvidence,
  templateSets,
  valueAt,
  workloadTemplates,
  type HelmChart,
  type KubeObject,
} from '../inventory/kubernetes.js';
import type { RepoFile } from '../inventory/walk.js';
import type { Evidence } from '../types.js';
import { ladder, present, type CheckDefinition, type Outcome } from './check.js';
import { any, filesNamed, inCi, inDocs, inFiles, inManifest, nonEmpty } from './evidence.js';

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const DEPLOY_ANCHORS = [
  /(^|\/)templates\/deployment\.ya?ml$/,
  /(^|\/)Chart\.yaml$/,
  /(^|\/)kustomization\.ya?ml$/,
  'poc.yaml',
];

const services = (facts: RepoFacts) => facts.kube.objects.filter((object) => LONG_RUNNING.has(object.kind));
const chartWorkloads = (facts: RepoFacts) =>
  facts.kube.charts.flatMap((chart) => workloadTemplates(chart).map((file) => ({ chart, file })));

const noDeployment = (facts: RepoFacts) =>
  services(facts).length === 0 && chartWorkloads(facts).length === 0
    ? 'no Kubernetes workload (chart or manifests)'
    : undefined;

const at = (object: KubeObject, text: string): Evidence => ({ file: object.file, line: object.line, text });

/**
 * Runs a rule over every long-running workload: raw objects structurally, chart templates
 * statically (the key is set, and a `.Values` reference next to it is non-empty in values.yaml).
 */
function perWorkload(
  facts: RepoFacts,
  what: string,
  raw: (object: KubeObject) => string | undefined,
  chart: (chart: HelmChart, file: RepoFile) => { evidence?: Evidence; problem?: string },
): Outcome {
  const good: Evidence[] = [];
  const bad: Evidence[] = [];
  const problems: string[] = [];
  for (const object of services(facts)) {
    const problem = raw(object);
    if (problem) {
      bad.push(at(object, `${object.kind}/${object.name}: ${problem}`));
      problems.push(`${object.kind}/${object.name} ${problem}`);
    } else good.push(at(object, `${object.kind}/${object.name}`));
  }
  for (const { chart: helm, file } of chartWorkloads(facts)) {
    const result = chart(helm, file);
    if (result.problem) {
      bad.push({ file: file.path, line: 1, text: result.problem });
      problems.push(`${file.path} ${result.problem}`);
    } else if (result.evidence) good.push(result.evidence);
  }
  if (bad.length > 0)
    return { grade: 'missing', evidence: bad, message: `${what}: ${problems.slice(0, 3).join('; ')}.` };
  return present(good, `${what}: nothing to check.`, what, 'automated');
}

function helmKeys(keys: string[]) {
  return (chart: HelmChart, file: RepoFile, facts: RepoFacts) => {
    const found = keys.map((key) => templateSets(chart, file, key, facts.index));
    const missing = keys.filter((_, i) => !found[i]);
    return missing.length > 0 ? { problem: `does not set ${missing.join(', ')}` } : { evidence: found[0]! };
  };
}

const containerLacks = (
  object: KubeObject,
  test: (container: Record<string, unknown>) => boolean,
  what: string,
) => {
  const lacking = containersOf(object)
    .filter((container) => !test(container))
    .map((container) => String(container.name ?? '?'));
  return lacking.length > 0 ? `container ${lacking.join(', ')} lacks ${what}` : undefined;
};

const get = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
    node,
  );

function hardened(object: KubeObject, container: Record<string, unknown>): boolean {
  const pod =
    get(object.body, 'spec', 'template', 'spec', 'securityContext') ??
    get(object.body, 'spec', 'securityContext');
  const own = container.securityContext;
  const nonRoot = get(own, 'runAsNonRoot') === true || get(pod, 'runAsNonRoot') === true;
  return (
    nonRoot && get(own, 'readOnlyRootFilesystem') === true && get(own, 'allowPrivilegeEscalation') === false
  );
}

function chartHardened(chart: HelmChart, file: RepoFile): { problem?: string; evidence?: Evidence } {
  const text = `${file.text ?? ''}\n${chart.valuesFile?.text ?? ''}`;
  const wanted: Array<[string, RegExp]> = [
    ['runAsNonRoot: true', /runAsNonRoot:\s*true/],
    ['readOnlyRootFilesystem: true', /readOnlyRootFilesystem:\s*true/],
    ['allowPrivilegeEscalation: false', /allowPrivilegeEscalation:\s*false/],
  ];
  const missing = wanted.filter(([, pattern]) => !pattern.test(text)).map(([name]) => name);
  if (missing.length > 0) return { problem: `securityContext lacks ${missing.join(', ')}` };
  const index = (file.text ?? '').indexOf('securityContext');
  return {
    evidence: {
      file: file.path,
      line: index === -1 ? 1 : (file.text ?? '').slice(0, index).split('\n').length,
      text: 'securityContext',
    },
  };
}

function floatingImage(image: unknown): boolean {
  if (typeof image !== 'string') return true;
  if (image.includes('@sha256:')) return false;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return !tag || tag === 'latest';
}

function kindCheck(
  id: string,
  kind: string,
  title: string,
  severity: CheckDefinition['severity'],
  rationale: string,
  remediation: string,
): CheckDefinition {
  return {
    id,
    title,
    area: 'architecture',
    severity,
    target: 'automated',
    rationale,
    remediation,
    effort: 'S',
    fixable: true,
    anchors: DEPLOY_ANCHORS,
    notApplicable: noDeployment,
    evaluate: (facts) =>
      present(kindEvidence(facts.kube, kind, facts.index), `No ${kind} for the workload.`, kind, 'automated'),
  };
}

export const deploymentChecks: CheckDefinition[] = [
  {
    id: 'DEP-001',
    title: 'Helm chart or Kubernetes manifests',
    area: 'architecture',
    severity: 'high',
    target: 'documented',
    rationale: 'Without declarative deployment, each plant is installed by hand and drifts.',
    remediation: 'Add a Helm chart (or kustomize manifests) for the serving app.',
    effort: 'M',
    fixable: true,
    anchors: ['poc.yaml', /(^|\/)(Dockerfile|Containerfile)$/, 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            facts.kube.charts.map((chart) => facts.index.whole(chart.chartFile)),
            facts.kube.kustomizations.map((file) => facts.index.whole(file)),
            services(facts).map((object) => at(object, `kind: ${object.kind}`)),
          ).slice(0, 3),
          automated: inCi(
            facts,
            /\b(helm (upgrade|install|lint|template)|kubectl apply|kustomize build|poc promote|argocd|flux)\b/,
          ),
        },
        'No Helm chart or Kubernetes manifests.',
        'Deployment manifests',
      ),
  },
  {
    id: 'DEP-002',
    title: 'Liveness and readiness probes',
    area: 'architecture',
    severity: 'high',
    target: 'automated',
    rationale:
      'Without probes Kubernetes sends traffic to pods still loading the model and never restarts hung ones.',
    remediation:
      'Set livenessProbe and readinessProbe on the serving container (pointing at /healthz and /readyz).',
    effort: 'S',
    fixable: false,
    anchors: DEPLOY_ANCHORS,
    notApplicable: noDeployment,
    evaluate: (facts) =>
      perWorkload(
        facts,
        'Probes',
        (object) =>
          containerLacks(
            object,
            (c) => Boolean(c.livenessProbe) && Boolean(c.readinessProbe),
            'liveness/readiness probes',
          ),
        (chart, file) => helmKeys(['livenessProbe', 'readinessProbe'])(chart, file, facts),
      ),
  },
  {
    id: 'DEP-003',
    title: 'Resource requests and limits',
    area: 'architecture',
    severity: 'high',
    target: 'automated',
    rationale:
      'Without requests the scheduler overcommits the node; without limits one model starves its neighbours.',
    remediation: 'Set resources.requests and resources.limits (CPU and memory) for every container.',
    effort: 'S',
    fixable: false,
    anchors: DEPLOY_ANCHORS,
    notApplicable: noDeployment,
    evaluate: (facts) =>
      perWorkload(
        facts,
        'Resources',
        (object) =>
          containerLacks(
            object,
            (c) => Boolean(get(c, 'resources', 'requests')) && Boolean(get(c, 'resources', 'limits')),
            'resource requests and limits',
          ),
        (chart, file) => helmKeys(['resources'])(chart, file, facts),
      ),
  },
  {
    id: 'DEP-004',
    title: 'Hardened securityContext',
    area: 'architecture',
    severity: 'high',
    target: 'automated',
    rationale: 'A writable, privileged, root container widens every vulnerability into the plant network.',
    remediation:
      'Set runAsNonRoot: true, readOnlyRootFilesystem: true and allowPrivilegeEscalation: false (and drop capabilities).',
    effort: 'S',
    fixable: false,
    anchors: DEPLOY_ANCHORS,
    notApplicable: noDeployment,
    evaluate: (facts) =>
      perWorkload(
        facts,
        'securityContext',
        (object) =>
          containerLacks(
            object,
            (c) => hardened(object, c),
            'runAsNonRoot, readOnlyRootFilesystem and allowPrivilegeEscalation: false',
          ),
        chartHardened,
      ),
  },
  kindCheck(
    'DEP-005',
    'PodDisruptionBudget',
    'PodDisruptionBudget',
    'medium',
    'Node drains during plant maintenance take every replica down at once without a budget.',
    'Add a PodDisruptionBudget (minAvailable: 1) for the serving Deployment.',
  ),
  kindCheck(
    'DEP-006',
    'HorizontalPodAutoscaler',
    'HorizontalPodAutoscaler',
    'low',
    'Load peaks (shift start, batch re-inspection) exceed a fixed replica count.',
    'Add a HorizontalPodAutoscaler with sensible min and max replicas.',
  ),
  kindCheck(
    'DEP-007',
    'NetworkPolicy',
    'Default-deny NetworkPolicy',
    'medium',
    'OT networks need segmentation (IEC 62443 zones); an open pod can reach every system on the plant network.',
    'Add a NetworkPolicy that denies by default and allows only the callers and integrations the service needs.',
  ),
  {
    id: 'DEP-008',
    title: 'Pinned images in manifests',
    area: 'architecture',
    severity: 'medium',
    target: 'automated',
    rationale: '`latest` makes rollbacks impossible: the previous version is no longer addressable.',
    remediation:
      'Reference images by version tag or digest; in a chart, default the tag to .Chart.AppVersion.',
    effort: 'S',
    fixable: false,
    anchors: DEPLOY_ANCHORS,
    notApplicable: noDeployment,
    evaluate: (facts) =>
      perWorkload(
        facts,
        'Images',
        (object) => {
          const floating = containersOf(object, true)
            .filter((c) => floatingImage(c.image))
            .map((c) => String(c.image ?? '(none)'));
          return floating.length > 0 ? `uses floating image ${floating.join(', ')}` : undefined;
        },
        (chart, file) => {
          const tag = valueAt(chart.values, 'image.tag');
          if (tag === 'latest' || /image:[^\n]*:latest\b/.test(file.text ?? ''))
            return { problem: 'uses image tag latest' };
          const line = (file.text ?? '').split('\n').findIndex((l) => /^\s*image:/.test(l));
          return { evidence: { file: file.path, line: line + 1 || 1, text: 'image' } };
        },
      ),
  },
  {
    id: 'DEP-009',
    title: 'A rollback path',
    area: 'architecture',
    severity: 'high',
    target: 'automated',
    rationale:
      'When a model misbehaves on the line, the fix is the previous version in minutes, not a retraining.',
    remediation:
      'Keep previous releases addressable and script the rollback (poc promote --rollback, helm rollback, a GitOps revert), and document it in the runbook.',
    effort: 'M',
    fixable: true,
    anchors: [/(^|\/)RUNBOOK\.md$/i, 'poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(roll ?back|rollout undo)\b/i),
          automated: any(
            inCi(facts, /\b(roll ?back|rollout undo|poc promote)\b/i),
            inManifest(facts, ['environments'], nonEmpty),
            inFiles(
              facts,
              /(^|\/)(Makefile|scripts\/[^/]+)$/,
              /\b(helm rollback|rollout undo|poc promote .*--rollback)\b/,
            ),
          ),
        },
        'No rollback path: nothing says how to return to the previous model.',
        'Rollback',
      ),
  },
  {
    id: 'DEP-010',
    title: 'Environments and promotion defined',
    area: 'architecture',
    severity: 'medium',
    target: 'documented',
    rationale: 'Without staged environments, the first test of a release is production at the plant.',
    remediation:
      'Declare environments (staging, production per facility) in poc.yaml and promote through them.',
    effort: 'S',
    fixable: true,
    anchors: ['poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            inManifest(facts, ['environments'], nonEmpty),
            filesNamed(
              facts,
              /(^|\/)values-(staging|prod|production|dev|qa)[^/]*\.ya?ml$|(^|\/)overlays\/[^/]+\/kustomization\.ya?ml$/,
            ),
          ),
          automated: inCi(facts, /^\s*environment:/m),
        },
        'No environments: nothing separates staging from production.',
        'Environments',
      ),
  },
];

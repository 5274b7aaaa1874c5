import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateChart, type GeneratedChart } from './support/generate-chart.js';
import { kubeSchemaProblems } from './support/kube-schemas.js';
import { kubeScoreProblems } from './support/kube-score.js';
import { unknownFieldProblems } from './support/kube-unknown-fields.js';
import { renderChart, type KubeObject } from './support/render-chart.js';

/**
 * The checks the chart tests rely on do catch what they claim to: each case breaks one thing
 * in the real rendered production chart and expects exactly that to be reported.
 */
type Mutation = (objects: KubeObject[]) => void;

const find = (objects: KubeObject[], kind: string) => objects.find((object) => object.kind === kind)!;
/* eslint-disable @typescript-eslint/no-explicit-any -- mutations reach deep into untyped manifests */
const podSpec = (objects: KubeObject[]) => (find(objects, 'Deployment').spec as any).template.spec;
const container = (objects: KubeObject[]) => podSpec(objects).containers[0];

describe('kube-score-like checks', () => {
  let chart: GeneratedChart;
  let objects: KubeObject[];
  beforeAll(async () => {
    chart = await generateChart({ name: 'line-3', facilities: ['plant-a'] });
    const production = chart.targets.find((target) => target.facility === 'plant-a')!;
    const rendered = await renderChart(chart.chartDir, { values: production.values, releaseName: 'line-3' });
    objects = rendered.documents.map((document) => document.object);
  }, 120_000);
  afterAll(() => chart?.cleanup());

  const broken = (mutate: Mutation) => {
    const copy = structuredClone(objects);
    mutate(copy);
    return kubeScoreProblems(copy);
  };

  it('pass on the chart as rendered', () => {
    expect(kubeScoreProblems(objects)).toEqual([]);
  });

  it.each<[string, Mutation, RegExp]>([
    ['missing limits', (o) => delete container(o).resources.limits, /container line-3: no cpu limits/],
    ['missing requests', (o) => delete container(o).resources.requests.memory, /no memory requests/],
    ['missing readiness probe', (o) => delete container(o).readinessProbe, /no readinessProbe/],
    ['missing liveness probe', (o) => delete container(o).livenessProbe, /no livenessProbe/],
    [
      'root user',
      (o) => {
        container(o).securityContext.runAsNonRoot = false;
      },
      /runAsNonRoot is not true/,
    ],
    ['UID 0', (o) => (container(o).securityContext.runAsUser = 0), /runs as UID 0/],
    [
      'writable root FS',
      (o) => (container(o).securityContext.readOnlyRootFilesystem = false),
      /root file system is writable/,
    ],
    [
      'privilege escalation',
      (o) => delete container(o).securityContext.allowPrivilegeEscalation,
      /allowPrivilegeEscalation/,
    ],
    [
      'capabilities kept',
      (o) => (container(o).securityContext.capabilities.drop = ['NET_RAW']),
      /do not drop ALL/,
    ],
    [
      'no seccomp',
      (o) => {
        delete container(o).securityContext.seccompProfile;
        delete podSpec(o).securityContext.seccompProfile;
      },
      /seccomp profile is not RuntimeDefault/,
    ],
    ['token mounted', (o) => delete podSpec(o).automountServiceAccountToken, /automountServiceAccountToken/],
    ['latest tag', (o) => (container(o).image = 'ghcr.io/acme/line-3:latest'), /image tag is latest/],
    [
      'Service selecting nothing',
      (o) => ((find(o, 'Service').spec as any).selector['app.kubernetes.io/name'] = 'other'),
      /Service line-3: selector selects no serving pod/,
    ],
    [
      'Service targeting an unnamed port',
      (o) => ((find(o, 'Service').spec as any).ports[0].targetPort = 'web'),
      /target port web is not a port of Deployment line-3/,
    ],
    [
      'PDB selecting nothing',
      (o) =>
        ((find(o, 'PodDisruptionBudget').spec as any).selector.matchLabels['app.kubernetes.io/instance'] =
          'x'),
      /PodDisruptionBudget line-3: selector selects no serving pod/,
    ],
    [
      'NetworkPolicy selecting nothing',
      (o) => ((find(o, 'NetworkPolicy').spec as any).podSelector.matchLabels = { app: 'x' }),
      /NetworkPolicy line-3: selector selects no serving pod/,
    ],
    [
      'NetworkPolicy without egress',
      (o) => ((find(o, 'NetworkPolicy').spec as any).policyTypes = ['Ingress']),
      /does not restrict Egress/,
    ],
    [
      'an ingress rule open to every source',
      (o) => delete (find(o, 'NetworkPolicy').spec as any).ingress[0].from,
      /an ingress rule allows every source/,
    ],
    [
      'an egress rule open to every destination',
      (o) => ((find(o, 'NetworkPolicy').spec as any).egress[0].to = []),
      /an egress rule allows every destination/,
    ],
    [
      'a label value longer than 63 characters',
      (o) => (find(o, 'Pod').metadata.labels!['app.kubernetes.io/name'] = 'x'.repeat(64)),
      /Pod line-3-test-health: label app.kubernetes.io\/name has an invalid value/,
    ],
    [
      'a Service name that is no DNS label',
      (o) => (find(o, 'Service').metadata.name = 'Line_3'),
      /Service Line_3: name is not a valid DNS label/,
    ],
    [
      'test pod selected by the Service',
      (o) => Object.assign(find(o, 'Pod').metadata.labels!, (find(o, 'Service').spec as any).selector),
      /Service line-3: selector selects Pod line-3-test-health/,
    ],
    [
      'replicas fighting the HPA',
      (o) => ((find(o, 'Deployment').spec as any).replicas = 2),
      /sets replicas although HorizontalPodAutoscaler/,
    ],
    [
      'PDB blocking drains',
      (o) => ((find(o, 'HorizontalPodAutoscaler').spec as any).minReplicas = 1),
      /blocks every node drain/,
    ],
    [
      'ServiceMonitor on a port the Service does not name',
      (o) => ((find(o, 'ServiceMonitor').spec as any).endpoints[0].port = 'metrics'),
      /endpoint port metrics is not a Service port name/,
    ],
  ])('catch %s', (_title, mutate, expected) => {
    const problems = broken(mutate);
    expect(
      problems.some((problem) => expected.test(problem)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('the Kubernetes schemas catch wrong types, missing fields and unknown fields', async () => {
    const copy = structuredClone(objects);
    (find(copy, 'Deployment').spec as any).replicas = 'two';
    delete (find(copy, 'Service').spec as any).ports[0].port;
    delete (find(copy, 'HorizontalPodAutoscaler').spec as any).maxReplicas;
    const problems = (await Promise.all(copy.map((object) => kubeSchemaProblems(object)))).flat();
    expect(problems.join('\n')).toMatch(/Deployment line-3: .*replicas must be integer/);
    expect(problems.join('\n')).toMatch(/Service line-3: .*must have required property port/);
    expect(problems.join('\n')).toMatch(
      /HorizontalPodAutoscaler line-3: .*must have required property maxReplicas/,
    );
    expect(await unknownFieldProblems([find(objects, 'Deployment')])).toEqual([]);
    const typo = structuredClone(find(objects, 'Deployment'));
    podSpec([typo]).containers[0].readinessprobe = {};
    const rule = structuredClone(find(objects, 'PrometheusRule'));
    (rule.spec as any).groups[0].rules[0].fore = '5m';
    expect(await unknownFieldProblems([typo, rule])).toEqual([
      `apps/v1/Deployment line-3: Object literal may only specify known properties, and '"readinessprobe"' does not exist in type 'IContainer'.`,
      `monitoring.coreos.com/v1/PrometheusRule line-3: Object literal may only specify known properties, and '"fore"' does not exist in type 'IRule'.`,
    ]);
    expect(
      await kubeSchemaProblems({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    ).toEqual([
      'example.com/v1/Widget: no schema for this kind (add it to test/helm/support/kube-schemas.ts)',
    ]);
  }, 120_000);
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AnswersInput } from '../../src/scaffold/index.js';
import { generateChart, type GeneratedChart } from './support/generate-chart.js';
import { kubeSchemaProblems } from './support/kube-schemas.js';
import { kubeScoreProblems } from './support/kube-score.js';
import { unknownFieldProblems } from './support/kube-unknown-fields.js';
import { only, renderChart, type KubeObject, type RenderedChart } from './support/render-chart.js';
import { mergedValues, valuesSchemaProblems } from './support/values-schema.js';

/**
 * The generated chart, rendered for every environment and facility of two projects that differ
 * in every answer the chart depends on, through the Go text/template + Sprig harness (Helm's
 * engine), with strict value references. Each rendering must pass values.schema.json, the
 * Kubernetes schemas and the kube-score-like checks.
 */
const PROJECTS: { title: string; answers: AnswersInput }[] = [
  {
    title: 'quality inspection, every integration, two facilities, p99 <= 120 ms',
    answers: {
      name: 'line-3-inspection',
      useCase: 'quality-inspection',
      integrations: ['mes-rest', 'erp-rest', 'historian-rest', 'sensors-mqtt'],
      registry: 'registry.plant.example:5000/vision',
      facilities: ['plant-a', 'jebel-ali'],
      sla: { percentile: 99, boundMs: 120 },
    },
  },
  {
    title: 'the longest project name (53 characters), one facility',
    answers: { name: 'a'.repeat(20) + '-' + 'b'.repeat(32), facilities: ['f'] },
  },
  {
    title: 'predictive maintenance, no integration, one facility, default SLA',
    answers: {
      name: 'pump-health',
      useCase: 'predictive-maintenance',
      integrations: [],
      facilities: ['riyadh-1'],
    },
  },
];

const NAMESPACE = 'inference';
const ALERTS = [
  'PocAccuracyDegraded',
  'PocHighErrorRate',
  'PocInputDrift',
  'PocLatencySLABreach',
  'PocLowConfidenceRate',
  'PocOutOfDistributionInputs',
];

describe.each(PROJECTS)('generated chart: $title', ({ answers }) => {
  let chart: GeneratedChart;
  beforeAll(async () => {
    chart = await generateChart(answers);
  }, 120_000);
  afterAll(() => chart?.cleanup());

  const render = (values: string[]) =>
    renderChart(chart.chartDir, {
      values,
      strict: true,
      releaseName: chart.context.name,
      namespace: NAMESPACE,
    });

  it('has a values file for staging, production and each facility', () => {
    expect(chart.targets.map((target) => target.name)).toEqual([
      'staging',
      ...chart.context.facilities.map((facility) => `production-${facility}`),
    ]);
  });

  describe.each(['staging', 'production-0', 'production-last', 'defaults'])('target %s', (which) => {
    let values: string[];
    let rendered: RenderedChart;
    let objects: KubeObject[];
    beforeAll(async () => {
      const production = chart.targets.filter((target) => target.facility !== undefined);
      const target =
        which === 'staging'
          ? chart.targets[0]
          : which === 'production-0'
            ? production[0]
            : which === 'production-last'
              ? production.at(-1)
              : { name: 'defaults', values: [] };
      values = target!.values;
      rendered = await render(values);
      objects = rendered.documents.map((document) => document.object);
    }, 120_000);

    it('values pass values.schema.json', async () => {
      expect(await valuesSchemaProblems(chart.chartDir, await mergedValues(chart.chartDir, values))).toEqual(
        [],
      );
    });

    it('every document passes its Kubernetes schema', async () => {
      const problems = (await Promise.all(objects.map((object) => kubeSchemaProblems(object)))).flat();
      expect(problems).toEqual([]);
      expect(objects.length).toBeGreaterThanOrEqual(6);
    });

    it('passes the kube-score-like checks', () => {
      expect(kubeScoreProblems(objects)).toEqual([]);
    });

    it('labels and namespaces every object for this release', () => {
      for (const object of objects) {
        expect(object.metadata.namespace, `${object.kind} namespace`).toBe(NAMESPACE);
        expect(object.metadata.labels?.['app.kubernetes.io/instance']).toBe(chart.context.name);
        expect(object.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('Helm');
      }
    });

    it('runs the image of the chart appVersion with the model version as a label and a config checksum', () => {
      const deployment = only(rendered, 'Deployment');
      const template = deployment.spec!.template as {
        metadata: { labels: Record<string, string>; annotations: Record<string, string> };
        spec: { containers: { image: string; startupProbe: { httpGet: { path: string } } }[] };
      };
      expect(template.spec.containers[0]!.image).toBe(`${chart.context.image}:0.1.0`);
      expect(template.metadata.labels['poc2prod.io/model-version']).toBe('0.1.0');
      expect(template.metadata.annotations['checksum/config']).toMatch(/^[a-f0-9]{64}$/);
      expect(template.spec.containers[0]!.startupProbe.httpGet.path).toBe('/readyz');
    });

    it('scales, budgets disruptions and monitors as the environment asks', () => {
      const kinds = new Set(objects.map((object) => object.kind));
      if (which === 'staging') {
        expect(kinds.has('HorizontalPodAutoscaler')).toBe(false);
        expect(kinds.has('PodDisruptionBudget')).toBe(false);
        expect(only(rendered, 'Deployment').spec!.replicas).toBe(1);
      } else if (which !== 'defaults') {
        expect(only(rendered, 'HorizontalPodAutoscaler').spec!.minReplicas).toBe(2);
        expect(only(rendered, 'PodDisruptionBudget').spec!.minAvailable).toBe(1);
        expect(kinds.has('PersistentVolumeClaim')).toBe(true);
      }
      expect(kinds.has('ServiceMonitor')).toBe(which !== 'defaults');
      expect(kinds.has('PrometheusRule')).toBe(which !== 'defaults');
      expect(kinds.has('NetworkPolicy')).toBe(true);
      expect(kinds.has('ServiceAccount')).toBe(true);
      expect(only(rendered, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    });

    it('alerts on the SLA from poc.yaml, drift, low confidence and errors', () => {
      if (which === 'defaults') return;
      const rule = only(rendered, 'PrometheusRule');
      const groups = (
        rule.spec!.groups as { rules: { alert: string; expr: string; for: string }[] }[]
      ).flatMap((group) => group.rules);
      expect(groups.map((entry) => entry.alert).sort()).toEqual(ALERTS);
      const latency = groups.find((entry) => entry.alert === 'PocLatencySLABreach')!;
      const { percentile, boundMs } = chart.context.sla;
      expect(latency.expr).toContain(`histogram_quantile(${percentile / 100}, `);
      expect(latency.expr.trim()).toMatch(new RegExp(`> ${String(boundMs / 1000).replace('.', '\\.')}$`));
      expect(latency.expr).toContain(`namespace="${NAMESPACE}",service="${chart.context.name}"`);
      const lowConfidence = groups.find((entry) => entry.alert === 'PocLowConfidenceRate')!;
      expect(lowConfidence.expr).toContain('le="0.8"');
    });

    it('denies by default and opens DNS, the API port and the facility endpoints', () => {
      const policy = only(rendered, 'NetworkPolicy').spec as {
        ingress: { ports: { port: string }[] }[];
        egress: { to: { ipBlock?: { cidr: string } }[]; ports: { port: number }[] }[];
      };
      expect(policy.ingress.map((rule) => rule.ports[0]!.port)).toEqual(['http']);
      expect(policy.egress[0]!.ports.map((port) => port.port)).toEqual([53, 53]);
      const endpoints = policy.egress.slice(1);
      const expected = which.startsWith('production') ? chart.context.integrations.length : 0;
      expect(endpoints).toHaveLength(expected);
      for (const endpoint of endpoints) expect(endpoint.to[0]!.ipBlock!.cidr).toMatch(/^192\.0\.2\.\d+\/32$/);
    });

    it('configures the app from the ConfigMap: port, data dir, model version, the facility broker', () => {
      const data = only(rendered, 'ConfigMap').data as Record<string, string>;
      expect(data).toMatchObject({
        PORT: '8080',
        POC_DATA_DIR: `/var/lib/${chart.context.name}`,
        POC_MODEL_VERSION: '0.1.0',
      });
      const broker = which.startsWith('production') && chart.context.hasMqtt;
      expect(data.MQTT_URL).toEqual(
        broker ? expect.stringMatching(/^mqtts:\/\/192\.0\.2\.\d+:8883$/) : undefined,
      );
    });

    it('renders NOTES for the release', () => {
      expect(rendered.notes).toContain(`helm test ${chart.context.name} -n ${NAMESPACE}`);
      if (which.startsWith('production'))
        expect(rendered.notes).toMatch(/for facility [a-z0-9-]+ \(production\)/);
    });
  });

  it('no document of any target has a field its kind does not have', async () => {
    const objects = [];
    for (const target of [...chart.targets, { values: [] }]) {
      objects.push(...(await render(target.values)).documents.map((document) => document.object));
    }
    expect(await unknownFieldProblems(objects)).toEqual([]);
  }, 120_000);

  it('rolls the pods when the configuration changes (checksum annotation)', async () => {
    const checksum = async (values: string[]) => {
      const deployment = only(await render(values), 'Deployment');
      return (deployment.spec!.template as { metadata: { annotations: Record<string, string> } }).metadata
        .annotations['checksum/config'];
    };
    const override = join(chart.root, 'log-level.yaml');
    writeFileSync(override, 'config:\n  logLevel: warn\n');
    const base = chart.targets[0]!.values;
    expect(await checksum([...base, override])).not.toBe(await checksum(base));
    expect(await checksum(base)).toBe(await checksum(base));
  });

  it('accepts the values poc promote pins (image digest, model version and sha256) and runs them', async () => {
    // The overlay shape of pinnedValues() in src/promote/bundle.ts: deploy.image and the
    // image digest, the model's version and file digest.
    const digest = `sha256:${'ab'.repeat(32)}`;
    const pinned = join(chart.root, 'pinned.json');
    writeFileSync(
      pinned,
      JSON.stringify({
        image: { repository: chart.context.image, digest },
        model: { sha256: 'cd'.repeat(32), version: '0.2.0' },
      }),
    );
    const values = [...chart.targets.at(-1)!.values, pinned];
    expect(await valuesSchemaProblems(chart.chartDir, await mergedValues(chart.chartDir, values))).toEqual(
      [],
    );
    const rendered = await render(values);
    const template = only(rendered, 'Deployment').spec!.template as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: { containers: { image: string }[] };
    };
    expect(template.spec.containers[0]!.image).toBe(`${chart.context.image}@${digest}`);
    expect(template.metadata.labels['poc2prod.io/model-version']).toBe('0.2.0');
    expect(template.metadata.annotations['poc2prod.io/model-sha256']).toBe('cd'.repeat(32));
    expect((only(rendered, 'Pod').spec as { containers: { image: string }[] }).containers[0]!.image).toBe(
      `${chart.context.image}@${digest}`,
    );
  });

  it('denies everything rather than render a network rule without peers', async () => {
    const closed = join(chart.root, 'closed.yaml');
    writeFileSync(
      closed,
      'networkPolicy:\n  ingress:\n    allowSameNamespace: false\n  egress:\n    dns: false\n    endpoints: []\nmonitoring:\n  enabled: false\n',
    );
    const policy = only(await render([...chart.targets[0]!.values, closed]), 'NetworkPolicy').spec!;
    expect(policy.ingress).toEqual([]);
    expect(policy.egress).toEqual([]);
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('mounts poc.yaml from --set-file config.manifest and points the app at it', async () => {
    const manifest = join(chart.root, 'manifest.yaml');
    writeFileSync(manifest, 'config:\n  manifest: |\n    project:\n      name: x\n');
    const rendered = await render([...chart.targets[0]!.values, manifest]);
    const data = only(rendered, 'ConfigMap').data as Record<string, string>;
    expect(data['poc.yaml']).toBe('project:\n  name: x\n');
    expect(data.POC_MANIFEST).toBe(`/etc/${chart.context.name}/poc.yaml`);
    expect(rendered.notes).toContain(
      `poc.yaml comes from config.manifest (mounted at /etc/${chart.context.name}/poc.yaml)`,
    );
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateChart, type GeneratedChart } from './support/generate-chart.js';
import { renderChart } from './support/render-chart.js';
import { mergedValues, valuesSchemaProblems } from './support/values-schema.js';

/**
 * Bad values are refused with a message that names the key and the rule, before anything
 * renders: values.schema.json for shape and types, `required` in the templates for values
 * that only matter in combination.
 */
describe('the generated chart refuses bad values', () => {
  let chart: GeneratedChart;
  beforeAll(async () => {
    chart = await generateChart({ name: 'line-3', facilities: ['plant-a'] });
  }, 120_000);
  afterAll(() => chart?.cleanup());

  const problemsOf = async (overlay: string) => {
    const file = join(chart.root, `bad-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, overlay);
    const production = chart.targets.find((target) => target.facility === 'plant-a')!;
    return valuesSchemaProblems(
      chart.chartDir,
      await mergedValues(chart.chartDir, [...production.values, file]),
    );
  };

  it.each([
    ['a misspelt key', 'replicas: 3\n', "/: must NOT have additional properties 'replicas'"],
    [
      'a misspelt nested key',
      'autoscaling:\n  maxReplica: 9\n',
      "/autoscaling: must NOT have additional properties 'maxReplica'",
    ],
    ['a wrong type', 'replicaCount: "three"\n', '/replicaCount: must be integer'],
    [
      'an unknown pull policy',
      'image:\n  pullPolicy: Sometimes\n',
      '/image/pullPolicy: must be equal to one of the allowed values: "Always", "IfNotPresent", "Never"',
    ],
    [
      'a CIDR that is not one',
      'networkPolicy:\n  egress:\n    endpoints:\n      - name: mes\n        cidrs: ["10.0.0.300"]\n        ports: [{ port: 443 }]\n',
      '/networkPolicy/egress/endpoints/0/cidrs/0: must match pattern',
    ],
    [
      'an endpoint without a destination',
      'networkPolicy:\n  egress:\n    endpoints:\n      - name: mes\n        ports: [{ port: 443 }]\n',
      "/networkPolicy/egress/endpoints/0: must have required property 'cidrs'",
    ],
    [
      'limits removed with null',
      'resources:\n  limits: null\n',
      "/resources: must have required property 'limits'",
    ],
    [
      'an SLA percentile of 100',
      'monitoring:\n  sla:\n    percentile: 100\n',
      '/monitoring/sla/percentile: must be < 100',
    ],
    [
      'both PDB settings',
      'podDisruptionBudget:\n  maxUnavailable: 1\n',
      '/podDisruptionBudget: must match exactly one schema in oneOf',
    ],
    [
      'a model version that is no label value',
      'model:\n  version: "1.0 beta"\n',
      '/model/version: must match pattern',
    ],
    ['a facility that is no DNS label', 'facility: Plant_A\n', '/facility: must match pattern'],
  ])('%s', async (_title, overlay, message) => {
    const problems = await problemsOf(overlay);
    expect(
      problems.some((problem) => problem.startsWith(message)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('accepts the same override done right', async () => {
    expect(await problemsOf('podDisruptionBudget:\n  minAvailable: null\n  maxUnavailable: 1\n')).toEqual([]);
  });

  it('stops the render with a clear message when a value needed by another is missing', async () => {
    const file = join(chart.root, 'no-host.yaml');
    writeFileSync(file, 'ingress:\n  enabled: true\n');
    await expect(renderChart(chart.chartDir, { values: [file] })).rejects.toThrow(
      /ingress\.host is required when ingress\.enabled is true/,
    );
    writeFileSync(file, 'serviceAccount:\n  create: false\n');
    await expect(renderChart(chart.chartDir, { values: [file] })).rejects.toThrow(
      /serviceAccount\.name is required when serviceAccount\.create is false/,
    );
    writeFileSync(
      file,
      'networkPolicy:\n  egress:\n    endpoints:\n      - name: mes\n        ports: [{ port: 443 }]\n',
    );
    await expect(renderChart(chart.chartDir, { values: [file] })).rejects.toThrow(
      /networkPolicy\.egress\.endpoints mes: give cidrs or a namespace/,
    );
  });
});

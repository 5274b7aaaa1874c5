import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEMPLATES_ROOT } from '../../src/scaffold/index.js';
import { generateChart, type GeneratedChart } from './support/generate-chart.js';
import { metricNames, promqlSyntaxErrors, SERVING_METRICS } from './support/promql.js';
import { only, renderChart } from './support/render-chart.js';

/**
 * The Grafana dashboard and the PrometheusRule speak PromQL that Prometheus' grammar parses and
 * that reads only the metrics the serving app exports; the dashboard covers every one of them.
 */
interface Target {
  expr: string;
  legendFormat?: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: Target[];
  fieldConfig?: { defaults: { thresholds?: { steps: { value: number | null }[] } } };
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string }[] };
}

describe('monitoring', () => {
  let chart: GeneratedChart;
  let dashboard: Dashboard;
  let text: string;
  beforeAll(async () => {
    chart = await generateChart({
      name: 'line-3',
      sla: { percentile: 99, boundMs: 120 },
      facilities: ['plant-a'],
    });
    text = readFileSync(join(chart.root, 'monitoring', 'grafana-dashboard.json'), 'utf8');
    dashboard = JSON.parse(text) as Dashboard;
  }, 120_000);
  afterAll(() => chart?.cleanup());

  const targets = () => dashboard.panels.flatMap((panel) => panel.targets ?? []);

  it('is a dashboard for this project with a valid uid and unique panel ids', () => {
    expect(dashboard.title).toBe('line-3 inference');
    expect(dashboard.uid).toBe('poc-line-3');
    expect(dashboard.uid.length).toBeLessThanOrEqual(40);
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('parses every query and reads only, and every one of, the serving metrics', () => {
    expect(targets().flatMap((target) => promqlSyntaxErrors(target.expr))).toEqual([]);
    const used = new Set(targets().flatMap((target) => metricNames(target.expr)));
    expect([...used].sort()).toEqual([...SERVING_METRICS]);
  });

  it('defines every variable the queries use', () => {
    const defined = new Set(dashboard.templating.list.map((variable) => variable.name));
    const referenced = new Set(text.match(/\$\{?([a-z_]+)/g)!.map((match) => match.replace(/^\$\{?/, '')));
    for (const name of referenced) expect(defined, `$${name}`).toContain(name);
  });

  it('keeps Grafana legend templates and draws the SLA from poc.yaml', () => {
    expect(targets().some((target) => target.legendFormat === '{{feature}}')).toBe(true);
    const latency = dashboard.panels.find((panel) => panel.title === 'Inference latency')!;
    expect(latency.targets!.map((target) => target.legendFormat)).toContain('p99 (SLA)');
    expect(latency.targets!.some((target) => target.expr.includes('histogram_quantile(99 / 100,'))).toBe(
      true,
    );
    expect(latency.fieldConfig!.defaults.thresholds!.steps.map((step) => step.value)).toEqual([null, 120]);
  });

  it('alerts in PromQL that parses and reads only the serving metrics', async () => {
    const production = chart.targets.find((target) => target.facility === 'plant-a')!;
    const rendered = await renderChart(chart.chartDir, {
      values: production.values,
      releaseName: 'line-3',
      strict: true,
    });
    const rules = (only(rendered, 'PrometheusRule').spec!.groups as { rules: { expr: string }[] }[]).flatMap(
      (group) => group.rules,
    );
    expect(rules.flatMap((rule) => promqlSyntaxErrors(rule.expr))).toEqual([]);
    const used = new Set(rules.flatMap((rule) => metricNames(rule.expr)));
    for (const name of used) expect(SERVING_METRICS as readonly string[]).toContain(name);
    expect(used.size).toBeGreaterThanOrEqual(5);
  });

  it('has a runbook section for every alert the chart links to', async () => {
    const readme = readFileSync(join(chart.root, 'monitoring', 'README.md'), 'utf8');
    const prometheusRule = readFileSync(join(chart.chartDir, 'templates', 'prometheusrule.yaml'), 'utf8');
    const anchors = [...prometheusRule.matchAll(/printf "%s#([a-z-]+)"/g)].map((match) => match[1]!);
    expect(anchors.sort()).toEqual(['accuracy', 'drift', 'errors', 'latency', 'low-confidence', 'ood']);
    for (const anchor of anchors) expect(readme).toMatch(new RegExp(`^### ${anchor}$`, 'm'));
    for (const metric of SERVING_METRICS) expect(readme).toContain(`\`${metric}\``);
    expect(readme).toContain('p99 inference latency above 120 ms');
  });

  it('reads only metrics the generated serving app declares, with the buckets the alerts need', () => {
    // The serving app is another part of the template; this holds the metric contract together.
    const source = readFileSync(join(TEMPLATES_ROOT, 'project/src/monitoring/metrics.ts'), 'utf8');
    const declared = new Set([...source.matchAll(/name: '(poc_[a-z_]+)'/g)].map((match) => match[1]!));
    for (const metric of SERVING_METRICS) expect(declared, metric).toContain(metric);
    // A bucket at the SLA bound (the app derives it from poc.yaml) and at the default threshold.
    expect(source).toMatch(/slaBoundSeconds,/);
    expect(source).toMatch(/name: 'poc_prediction_confidence',[^}]*buckets: \[[^\]]*\b0\.8\b/s);
  });

  it('the PromQL check catches a broken expression', () => {
    expect(promqlSyntaxErrors('sum(rate(poc_ood_total[5m]')).not.toEqual([]);
    expect(metricNames('rate(poc_prediction_confidence_bucket{le="0.8"}[5m]) / up')).toEqual([
      'poc_prediction_confidence',
      'up',
    ]);
  });
});

import { parser } from '@prometheus-io/lezer-promql';

/**
 * PromQL checks with Prometheus' own grammar (the Lezer parser its web UI uses): syntax errors,
 * and the metric names an expression reads, so alerts and dashboards can be held to the metrics
 * the serving app exports.
 */
export function promqlSyntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(`syntax error at ${node.from} in: ${expr}`);
    },
  });
  return errors;
}

/** Metric names of the vector selectors, without the histogram suffixes. */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter(node) {
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        names.add(expr.slice(node.from, node.to).replace(/_(bucket|count|sum)$/, ''));
      }
    },
  });
  return [...names].sort();
}

/**
 * The serving app's metrics that alerts and the dashboard read (the app declares them in
 * templates/project/src/monitoring/metrics.ts; monitoring.test.ts holds the two together).
 */
export const SERVING_METRICS = [
  'poc_feature_drift_psi',
  'poc_feedback_accuracy',
  'poc_feedback_window_size',
  'poc_http_requests_total',
  'poc_inference_latency_seconds',
  'poc_model_info',
  'poc_ood_total',
  'poc_prediction_confidence',
  'poc_predictions_total',
] as const;

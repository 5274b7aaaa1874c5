import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every metric the app exports, on its own registry (one per app instance, so tests can run
 * several apps in one process). Names are the contract with the Helm chart's ServiceMonitor,
 * PrometheusRule and the Grafana dashboard: change them only together.
 */
export function createMetrics(slaBoundSeconds: number) {
  const registry = new Registry();
  const latencyBuckets = [
    0.001,
    0.0025,
    0.005,
    0.01,
    0.015,
    0.025,
    slaBoundSeconds / 2,
    slaBoundSeconds,
    0.1,
    0.25,
    1,
  ]
    .filter((value, index, all) => all.indexOf(value) === index)
    .sort((a, b) => a - b);
  const metrics = {
    registry,
    inferenceLatency: new Histogram({
      name: 'poc_inference_latency_seconds',
      help: 'Time to score one input: features, out-of-distribution check and model run',
      buckets: latencyBuckets,
      registers: [registry],
    }),
    predictions: new Counter({
      name: 'poc_predictions_total',
      help: 'Predictions by class and decision (accept or review)',
      labelNames: ['class', 'decision'] as const,
      registers: [registry],
    }),
    confidence: new Histogram({
      name: 'poc_prediction_confidence',
      help: 'Confidence (top class probability) of predictions',
      buckets: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1],
      registers: [registry],
    }),
    drift: new Gauge({
      name: 'poc_feature_drift_psi',
      help: 'Population stability index of each feature over the recent window against the training profile',
      labelNames: ['feature'] as const,
      registers: [registry],
    }),
    ood: new Counter({
      name: 'poc_ood_total',
      help: 'Inputs outside the training profile (sent to review)',
      registers: [registry],
    }),
    oodByFeature: new Counter({
      name: 'poc_ood_features_total',
      help: 'Out-of-distribution inputs by the feature that lay outside the training range',
      labelNames: ['feature'] as const,
      registers: [registry],
    }),
    reviews: new Counter({
      name: 'poc_reviews_total',
      help: 'Predictions queued for human review, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'poc_http_requests_total',
      help: 'HTTP requests by route and status code',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'poc_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['route'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    modelInfo: new Gauge({
      name: 'poc_model_info',
      help: 'Model being served (value 1) by version',
      labelNames: ['version'] as const,
      registers: [registry],
    }),
    modelReady: new Gauge({
      name: 'poc_model_ready',
      help: '1 when the model is loaded and warmed up',
      registers: [registry],
    }),
    feedback: new Counter({
      name: 'poc_feedback_total',
      help: 'Ground-truth outcomes received, by model version and outcome (confirmed, false-alarm, missed, misclassified)',
      labelNames: ['version', 'outcome'] as const,
      registers: [registry],
    }),
    feedbackAccuracy: new Gauge({
      name: 'poc_feedback_accuracy',
      help: 'Rolling accuracy over the feedback window, by model version',
      labelNames: ['version'] as const,
      registers: [registry],
    }),
    feedbackPrecision: new Gauge({
      name: 'poc_feedback_precision',
      help: 'Rolling precision of the positive class over the feedback window, by model version',
      labelNames: ['version'] as const,
      registers: [registry],
    }),
    feedbackRecall: new Gauge({
      name: 'poc_feedback_recall',
      help: 'Rolling recall of the positive class over the feedback window, by model version',
      labelNames: ['version'] as const,
      registers: [registry],
    }),
    feedbackWindow: new Gauge({
      name: 'poc_feedback_window_size',
      help: 'Feedback records in the rolling window, by model version',
      labelNames: ['version'] as const,
      registers: [registry],
    }),
    retrainingTriggers: new Counter({
      name: 'poc_retraining_triggers_total',
      help: 'Retraining triggers fired, by channel (webhook, marker, webhook-failed)',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    ingestMessages: new Counter({
      name: 'poc_ingest_messages_total',
      help: 'Sensor messages received, by result (accepted, rejected)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    ingestRejections: new Counter({
      name: 'poc_ingest_rejections_total',
      help: 'Sensor messages rejected at ingestion, by reason (sent to the dead-letter file)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    ingestGaps: new Counter({
      name: 'poc_ingest_gaps_total',
      help: 'Sequence gaps seen in the sensor stream (messages missing between two accepted ones)',
      registers: [registry],
    }),
    mqttConnected: new Gauge({
      name: 'poc_mqtt_connected',
      help: '1 while connected to the sensor broker',
      registers: [registry],
    }),
    mqttReconnects: new Counter({
      name: 'poc_mqtt_reconnects_total',
      help: 'Reconnections to the sensor broker after a lost connection',
      registers: [registry],
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

import { kindEvidence } from '../inventory/kubernetes.js';
import { ladder, type CheckDefinition } from './check.js';
import { any, inCode, inDocs, inFiles } from './evidence.js';

const ANCHORS = [/(^|\/)(app|main|serve|server)\.(py|ts|js)$/, /(^|\/)Chart\.yaml$/, 'poc.yaml', 'README.md'];
const METRIC = /\b(Histogram|Summary|Gauge|Counter)\b/;

export const monitoringChecks: CheckDefinition[] = [
  {
    id: 'MON-001',
    title: 'Latency metrics',
    area: 'monitoring',
    severity: 'high',
    target: 'automated',
    rationale: 'A slow model stops the line; without latency metrics nobody sees it coming.',
    remediation:
      'Export a request-latency histogram (Prometheus /metrics or OpenTelemetry) from the serving app.',
    effort: 'S',
    fixable: false,
    anchors: ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(
            facts,
            /\b(latency|response time)\b.{0,60}\b(metric|dashboard|prometheus|grafana)/i,
          ),
          automated: inCode(
            facts,
            /\b(prometheus_client|prom-client|opentelemetry|@opentelemetry|statsd)\b[\s\S]*?(Histogram|Summary|histogram|latency)|latency[_a-z]*\s*=\s*(new\s+)?(client\.)?(Histogram|Summary)/,
          ),
        },
        'No latency metrics exported.',
        'Latency metrics',
      ),
  },
  {
    id: 'MON-002',
    title: 'Drift and out-of-distribution detection',
    area: 'monitoring',
    severity: 'high',
    target: 'automated',
    rationale:
      'Sensors age and products change; without drift detection accuracy decays unseen until scrap piles up.',
    remediation:
      'Compare serving inputs to the training profile (PSI, KS, range checks) and export a drift metric.',
    effort: 'M',
    fixable: false,
    anchors: ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(
            facts,
            /\b(data drift|concept drift|drift detection|out[- ]of[- ]distribution)\b/i,
          ),
          automated: inCode(
            facts,
            /\b(drift|population_stability|psi_score|ks_2samp|kolmogorov|evidently|alibi_detect|nannyml|outOfDistribution|out_of_distribution|ood)\b/i,
          ),
        },
        'No drift or out-of-distribution detection.',
        'Drift detection',
      ),
  },
  {
    id: 'MON-003',
    title: 'Confidence metrics',
    area: 'monitoring',
    severity: 'medium',
    target: 'automated',
    rationale:
      'Falling confidence is the earliest, label-free sign that inputs moved away from the training data.',
    remediation: 'Export the prediction confidence as a histogram and the share of low-confidence answers.',
    effort: 'S',
    fixable: false,
    anchors: ANCHORS,
    evaluate: (facts) => {
      const metricFiles = facts.code.filter((file) => METRIC.test(file.text ?? ''));
      return ladder(
        { automated: facts.index.grep(metricFiles, /confidence/i) },
        'Prediction confidence is not exported as a metric.',
        'Confidence metrics',
      );
    },
  },
  {
    id: 'MON-004',
    title: 'Alert rules',
    area: 'monitoring',
    severity: 'high',
    target: 'automated',
    rationale: 'Metrics nobody is paged for are read after the incident.',
    remediation:
      'Add alert rules (PrometheusRule or Alertmanager rules) for latency, errors, drift and low confidence, routed to the escalation contact.',
    effort: 'S',
    fixable: true,
    anchors: [/(^|\/)templates\/prometheusrule\.ya?ml$/, /(^|\/)Chart\.yaml$/, 'poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\balert(s|ing)?\b.{0,60}\b(latency|drift|confidence|error)/i),
          automated: any(
            kindEvidence(facts.kube, 'PrometheusRule', facts.index),
            inFiles(facts, /\.(ya?ml|json)$/, /^\s*-\s*alert:\s*\S/m),
          ),
        },
        'No alert rules.',
        'Alert rules',
      ),
  },
  {
    id: 'MON-005',
    title: 'A dashboard',
    area: 'monitoring',
    severity: 'medium',
    target: 'automated',
    rationale: 'Operators and the model owner need one place to see health, latency, drift and confidence.',
    remediation:
      'Ship a Grafana dashboard (JSON, or a ConfigMap the Grafana sidecar loads) with the service.',
    effort: 'S',
    fixable: true,
    anchors: [/(^|\/)Chart\.yaml$/, 'poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(grafana|dashboard)\b/i),
          automated: any(
            inFiles(
              facts,
              /(^|\/)[^/]*dashboards?[^/]*\/[^/]+\.json$|dashboard[^/]*\.json$/i,
              /"panels"\s*:/,
            ),
            inFiles(facts, /\.ya?ml$/, /grafana_dashboard|grafana\.com\/dashboard/),
          ),
        },
        'No dashboard.',
        'Dashboard',
      ),
  },
  {
    id: 'MON-006',
    title: 'Predictions are logged for audit',
    area: 'monitoring',
    severity: 'low',
    target: 'automated',
    rationale:
      'Investigating a bad decision needs the input, output, confidence and model version that produced it.',
    remediation:
      'Log every prediction (id, model version, score, decision) as structured records, without personal data.',
    effort: 'S',
    fixable: false,
    anchors: ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          automated: inCode(
            facts,
            /\b(log(ger)?\.(info|debug)\([^)]*predict|prediction[_ ]log|audit[_ ]log|structlog|pino|json_logger|JSONFormatter)/i,
          ),
        },
        'Predictions are not logged as structured records.',
        'Prediction log',
      ),
  },
];

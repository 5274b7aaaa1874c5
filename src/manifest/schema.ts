import { z } from 'zod';

/**
 * The poc.yaml schema: the single source of truth for types, validation, defaults and the
 * JSON Schema editors use (schema/poc.schema.json is generated from it).
 * Cross-field rules (references between sections) live in rules.ts.
 */

export const USE_CASES = ['quality-inspection', 'predictive-maintenance'] as const;
export const INTEGRATION_KINDS = ['rest', 'mqtt', 'opcua', 'modbus'] as const;
export const DEPLOYERS = ['helm', 'gitops'] as const;

/** DNS-1123 label: usable as a Helm release, a Kubernetes name and a directory. */
export const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be lowercase letters, digits and "-", starting and ending with a letter or digit',
  )
  .max(53, 'must be at most 53 characters (Helm release names)');

const relativePath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(p),
    'must be a path relative to the project root',
  );

/** "30m", "2h", "1d", "45s". */
export const duration = z.string().regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 45s, 30m, 2h or 1d');

const contact = z.string().min(1).describe('Name and e-mail or team, e.g. "Jane Doe <jane@plant.example>"');

const project = z.strictObject({
  name: dnsLabel.describe('Project name; also the Helm release and image name'),
  useCase: z.enum(USE_CASES).default('quality-inspection'),
  description: z.string().optional(),
  templateVersion: z.string().optional().describe('poc2prod template version that generated the project'),
});

const owners = z
  .strictObject({
    model: contact.describe('Owns model performance in production'),
    data: contact.describe('Owns the data: quality, access, retention'),
    operations: contact.describe('Runs the system at the plant'),
    escalation: contact.describe('Escalation contact when accuracy degrades or the system fails'),
  })
  .describe('Who owns what in production');

const session = z
  .strictObject({
    intraOpThreads: z.int().min(0).default(0).describe('0 lets onnxruntime choose'),
    interOpThreads: z.int().min(0).default(0).describe('0 lets onnxruntime choose'),
    graphOptimizationLevel: z.enum(['disabled', 'basic', 'extended', 'all']).default('all'),
    executionMode: z.enum(['sequential', 'parallel']).default('sequential'),
    enableCpuMemArena: z.boolean().default(true),
    enableMemPattern: z.boolean().default(true),
    executionProviders: z.array(z.string().min(1)).min(1).default(['cpu']),
  })
  .describe('onnxruntime session options, shared by poc bench and the serving app');

const retraining = z.strictObject({
  minAccuracy: z
    .number()
    .min(0)
    .max(1)
    .default(0.9)
    .describe('Retraining triggers below this rolling accuracy'),
  window: z.int().min(10).default(500).describe('Feedback records in the rolling window'),
  cooldown: duration.default('24h').describe('At most one trigger per cooldown'),
  webhook: z
    .url()
    .optional()
    .describe('URL called when retraining triggers; otherwise a marker file is written'),
});

const model = z.strictObject({
  path: relativePath.default('model/model.onnx'),
  version: z.string().min(1).default('0.1.0'),
  profile: relativePath
    .optional()
    .describe('Training profile (feature ranges and distributions) for drift and OOD checks'),
  session: session.default(session.parse({})),
  confidenceThreshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.8)
    .describe('Below this confidence a prediction goes to review'),
  safeDefaultAction: z
    .string()
    .min(1)
    .default('hold-for-human-review')
    .describe('Answer given while a review is pending'),
  retraining: retraining.default(retraining.parse({})),
});

const sla = z.strictObject({
  percentile: z.number().gt(0).lt(100).default(95),
  boundMs: z.number().positive().default(50).describe('Latency bound for the percentile, in milliseconds'),
  throughputRps: z.number().positive().optional().describe('Requests per second the service must sustain'),
});

export const s3BucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name');

const localRemote = z.strictObject({
  type: z.literal('local'),
  path: z.string().min(1).describe('Directory of the remote, absolute or relative to the project root'),
});

const s3Remote = z.strictObject({
  type: z.literal('s3'),
  bucket: s3BucketName,
  prefix: z.string().default(''),
  endpoint: z
    .url()
    .optional()
    .describe('For S3-compatible servers (MinIO, Ceph); credentials come from the AWS chain'),
  region: z.string().default('us-east-1'),
  profile: z.string().optional().describe('AWS profile name (never keys: no secrets in poc.yaml)'),
  forcePathStyle: z.boolean().default(false),
});

const dataset = z.strictObject({
  name: dnsLabel,
  path: relativePath,
  description: z.string().optional(),
});

const data = z.strictObject({
  remote: z
    .discriminatedUnion('type', [localRemote, s3Remote])
    .default({ type: 'local', path: '../.poc-remote' }),
  datasets: z.array(dataset).default([]),
});

const integration = z.strictObject({
  name: dnsLabel,
  kind: z.enum(INTEGRATION_KINDS),
  system: z.string().optional().describe('What it talks to, e.g. MES, ERP, historian, sensors'),
  contract: relativePath.describe('OpenAPI (rest) or AsyncAPI (mqtt) document'),
  endpoints: z
    .record(z.string(), z.string().min(1))
    .default({})
    .describe('Endpoint per environment name; "mock" is the one poc mock serves'),
});

const freezeWindow = z.strictObject({
  name: z.string().min(1),
  days: z
    .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
    .min(1)
    .default(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
  timezone: z.string().default('UTC'),
});

const approvals = z.strictObject({
  required: z.int().min(0).default(0),
  distinctFromAuthor: z.boolean().default(true).describe('The approver may not be the author of the commit'),
});

const gateFields = {
  minAuditScore: z.int().min(0).max(100),
  benchRequired: z.boolean(),
  dataPushed: z.boolean(),
  soak: duration.describe('Time the bundle must run in the preceding environment'),
  approvals,
  freeze: z.array(freezeWindow).describe('Windows in which promotion is refused (rollback may break glass)'),
};

const gates = z.strictObject({
  minAuditScore: gateFields.minAuditScore.default(80),
  benchRequired: gateFields.benchRequired.default(true),
  dataPushed: gateFields.dataPushed.default(true),
  soak: gateFields.soak.default('0s'),
  approvals: approvals.default(approvals.parse({})),
  freeze: gateFields.freeze.default([]),
});

const cluster = z.strictObject({
  name: dnsLabel,
  facility: z.string().min(1).optional(),
  context: z.string().min(1).optional().describe('kubeconfig context'),
  namespace: dnsLabel.default('default'),
  values: z.array(relativePath).default([]).describe('Helm values files, applied in order'),
  healthUrl: z.url().optional().describe('Checked after deploy, in addition to the deployer'),
});

const gitops = z.strictObject({
  repo: z.string().min(1).describe('Environment repository (URL or path)'),
  branch: z.string().min(1).default('main'),
  path: z
    .string()
    .min(1)
    .default('clusters/{cluster}')
    .describe('Per-cluster directory; {cluster} and {facility} expand'),
});

const environment = z.strictObject({
  name: dnsLabel,
  deployer: z.enum(DEPLOYERS).default('helm'),
  after: dnsLabel.optional().describe('Environment that must hold the bundle first'),
  clusters: z.array(cluster).min(1),
  gitops: gitops.optional(),
  gates: z.strictObject(gateFields).partial().optional().describe('Overrides of the global gates'),
  maxParallel: z.int().min(1).default(1).describe('Clusters deployed at once within a wave'),
});

const deploy = z.strictObject({
  chart: relativePath.optional().describe('Helm chart directory'),
  image: z.string().min(1).optional().describe('Container image repository, without tag'),
});

const waiver = z.strictObject({
  check: z.string().regex(/^[A-Z]{2,5}-\d{3}$/, 'must be an audit check id such as SRV-003'),
  reason: z.string().min(10, 'must explain why (at least 10 characters)'),
  owner: contact,
  expires: z.iso.date('must be a date, YYYY-MM-DD'),
});

export const manifestSchema = z
  .strictObject({
    project,
    owners: owners.optional(),
    model: model.default(model.parse({})),
    sla: sla.default(sla.parse({})),
    data: data.default(data.parse({})),
    integrations: z.array(integration).default([]),
    deploy: deploy.default({}),
    environments: z.array(environment).default([]),
    gates: gates.default(gates.parse({})),
    waivers: z.array(waiver).default([]),
  })
  .describe('poc2prod project manifest');

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestInput = z.input<typeof manifestSchema>;
export type Environment = Manifest['environments'][number];
export type Cluster = Environment['clusters'][number];
export type Integration = Manifest['integrations'][number];
export type Gates = Manifest['gates'];
export type Waiver = Manifest['waivers'][number];
export type SessionOptions = Manifest['model']['session'];
export type DataRemote = Manifest['data']['remote'];

import type { RepoFacts } from '../inventory/facts.js';
import { floatingBaseImages, isRootUser, runtimeUser } from '../inventory/dockerfile.js';
import { ladder, present, type CheckDefinition } from './check.js';
import { any, filesNamed, inCi, inDocs, inManifest, inServing, inTests } from './evidence.js';

const noServing = (facts: RepoFacts) =>
  facts.serving.length === 0 ? 'no serving application found' : undefined;
const noDockerfile = (facts: RepoFacts) => (facts.dockerfiles.length === 0 ? 'no Dockerfile' : undefined);
const APP_ANCHORS = [
  /(^|\/)(app|main|serve|server|api)\.(py|ts|js)$/,
  /(^|\/)(Dockerfile|Containerfile)$/,
  'README.md',
];

export const servingChecks: CheckDefinition[] = [
  {
    id: 'SRV-001',
    title: 'A serving application',
    area: 'serving',
    severity: 'high',
    target: 'documented',
    rationale:
      'A model that only runs in a notebook cannot be called by the line; it has to be rebuilt to go live.',
    remediation:
      'Wrap the model in a small HTTP or MQTT service (FastAPI, Flask, Node) that loads the exported model.',
    effort: 'L',
    fixable: true,
    anchors: [/\.ipynb$/, 'README.md'],
    evaluate: (facts) =>
      present(
        facts.serving.slice(0, 3).map((file) => facts.index.whole(file)),
        'No serving application: the model is not callable by other systems.',
        'Serving application',
      ),
  },
  {
    id: 'SRV-002',
    title: 'Container image',
    area: 'serving',
    severity: 'high',
    target: 'documented',
    rationale: 'Without an image, what runs in production depends on whoever installed the server.',
    remediation: 'Add a Dockerfile for the serving app and build it in CI.',
    effort: 'S',
    fixable: true,
    anchors: APP_ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          documented: facts.dockerfiles.slice(0, 3).map((file) => facts.index.whole(file)),
          automated:
            facts.dockerfiles.length > 0
              ? inCi(
                  facts,
                  /\b(docker (buildx )?build|docker\/build-push-action|kaniko|buildah|podman build|ko build)\b/,
                )
              : [],
        },
        'No Dockerfile: the serving environment is not reproducible.',
        'Container image',
      ),
  },
  {
    id: 'SRV-003',
    title: 'Container runs as non-root',
    area: 'serving',
    severity: 'high',
    target: 'automated',
    rationale: 'A root container turns any code-execution bug into control of the node.',
    remediation: 'End the runtime stage with `USER <non-root uid>` (e.g. `USER 10001`).',
    effort: 'S',
    fixable: false,
    anchors: [/(^|\/)(Dockerfile|Containerfile)$/],
    notApplicable: noDockerfile,
    evaluate: (facts) => {
      const roots = facts.dockerfiles.filter((file) => {
        const user = runtimeUser(file);
        return !user || isRootUser(user.user);
      });
      if (roots.length > 0)
        return {
          grade: 'missing',
          evidence: roots.map((file) => runtimeUser(file)?.evidence ?? facts.index.whole(file)),
          message: `Runs as root: ${roots.map((file) => file.path).join(', ')} (no non-root USER in the final stage).`,
        };
      return present(
        facts.dockerfiles.map((file) => runtimeUser(file)!.evidence),
        '',
        'Non-root USER in every runtime stage',
        'automated',
      );
    },
  },
  {
    id: 'SRV-004',
    title: 'Health and readiness endpoints',
    area: 'serving',
    severity: 'high',
    target: 'automated',
    rationale:
      'Without readiness, traffic reaches a pod before its model is loaded; without health, a hung pod is never restarted.',
    remediation: 'Expose /healthz (process alive) and /readyz (model loaded) and wire them to the probes.',
    effort: 'S',
    fixable: false,
    anchors: APP_ANCHORS,
    notApplicable: noServing,
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\/(healthz?|readyz?|livez?)\b/),
          automated: inServing(facts, /["'`]\/(healthz?|readyz?|ready|livez?|health\/(live|ready))["'`]/),
          verified: inTests(facts, /\/(healthz?|readyz?|ready|livez?)\b/),
        },
        'No health or readiness endpoint in the serving code.',
        'Health endpoints',
      ),
  },
  {
    id: 'SRV-005',
    title: 'Input validation on every endpoint',
    area: 'serving',
    severity: 'high',
    target: 'automated',
    rationale: 'Unvalidated input gives confident nonsense for malformed requests and is an injection path.',
    remediation:
      'Validate request bodies against a schema (pydantic, zod, ajv, jsonschema) and reject bad input with 400/422.',
    effort: 'S',
    fixable: false,
    anchors: APP_ANCHORS,
    notApplicable: noServing,
    evaluate: (facts) =>
      ladder(
        {
          automated: inServing(
            facts,
            /\b(BaseModel|pydantic|marshmallow|jsonschema|cerberus|z\.object\(|zod|ajv|Joi\.object|validate\(|safeParse\()/,
          ),
          verified: inTests(facts, /\b(422|400)\b|invalid (input|request|payload)/i),
        },
        'The serving code accepts requests without validating them.',
        'Input validation',
      ),
  },
  {
    id: 'SRV-006',
    title: 'Model version exposed',
    area: 'serving',
    severity: 'medium',
    target: 'automated',
    rationale: 'When predictions go wrong, operators must know which model made them.',
    remediation: 'Return the model version in every response (or a header) and in the metrics labels.',
    effort: 'S',
    fixable: false,
    anchors: APP_ANCHORS,
    notApplicable: noServing,
    evaluate: (facts) =>
      ladder(
        {
          documented: inManifest(facts, ['model', 'version']),
          automated: inServing(facts, /\b(model_version|modelVersion|MODEL_VERSION|x-model-version)\b/i),
        },
        'Responses do not say which model version produced them.',
        'Model version',
      ),
  },
  {
    id: 'SRV-007',
    title: 'Confidence threshold and fallback',
    area: 'serving',
    severity: 'high',
    target: 'automated',
    rationale:
      'On inputs unlike its training data a model answers with confidence anyway; a threshold and a safe fallback contain that.',
    remediation:
      'Compare the score to a threshold (poc.yaml model.confidenceThreshold) and answer a safe default (hold for review) below it.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml', ...APP_ANCHORS],
    notApplicable: noServing,
    evaluate: (facts) => {
      const threshold = inServing(
        facts,
        /\b(confidence_?threshold|confidenceThreshold|CONFIDENCE_THRESHOLD|min_confidence)\b/i,
      );
      const fallback = inServing(
        facts,
        /\b(fallback|safe_?default|safeDefault|SAFE_DEFAULT|hold.for.(human.)?review|abstain)/i,
      );
      return ladder(
        {
          documented: any(
            inManifest(facts, ['model', 'confidenceThreshold']),
            inDocs(facts, /confidence threshold/i),
          ),
          automated: threshold.length > 0 && fallback.length > 0 ? [...threshold, ...fallback] : [],
          verified:
            threshold.length > 0 && fallback.length > 0
              ? inTests(facts, /\b(threshold|fallback|low.confidence)/i)
              : [],
        },
        'No confidence threshold with a safe fallback in the serving code.',
        'Confidence threshold',
      );
    },
  },
  {
    id: 'SRV-008',
    title: 'Latency SLA declared',
    area: 'serving',
    severity: 'medium',
    target: 'documented',
    rationale: 'An SLA nobody wrote down cannot be tested, and the line stops when inference is slow.',
    remediation: 'Declare the latency percentile and bound (poc.yaml sla, e.g. p95 <= 50 ms).',
    effort: 'S',
    fixable: true,
    anchors: ['poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            inManifest(facts, ['sla']),
            inDocs(
              facts,
              /\b(p9[059]|p99\.9|latency (sla|slo|budget|target))\b.{0,40}\d+\s?ms|\b(sla|slo)\b.{0,40}\d+\s?ms/i,
            ),
          ),
          automated: inCi(facts, /\bpoc bench\b/),
        },
        'No latency SLA is declared.',
        'Latency SLA',
      ),
  },
  {
    id: 'SRV-009',
    title: 'Pinned base image',
    area: 'serving',
    severity: 'medium',
    target: 'automated',
    rationale: "A floating base image changes under you: yesterday's build is not today's.",
    remediation: 'Pin every FROM to a version tag (better: a digest), never `latest`.',
    effort: 'S',
    fixable: false,
    anchors: [/(^|\/)(Dockerfile|Containerfile)$/],
    notApplicable: noDockerfile,
    evaluate: (facts) => {
      const floating = facts.dockerfiles.flatMap(floatingBaseImages);
      if (floating.length > 0)
        return {
          grade: 'missing',
          evidence: floating,
          message: `Base image floats: ${floating.map((item) => item.text).join('; ')}.`,
        };
      return present(
        filesNamed(facts, /(^|\/)(Dockerfile|Containerfile)(\.[^/]*)?$|\.Dockerfile$/),
        '',
        'Every base image is pinned',
        'automated',
      );
    },
  },
];

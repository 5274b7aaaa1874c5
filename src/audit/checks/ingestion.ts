import type { RepoFacts } from '../inventory/facts.js';
import { ladder, type CheckDefinition } from './check.js';
import { any, filesNamed, inCi, inCode, inDocs, inManifest, inTests, nonEmpty } from './evidence.js';

const CONTRACT_FILE =
  /(^|\/)[^/]*(openapi|asyncapi|swagger)[^/]*\.(ya?ml|json)$|(^|\/)contracts?\/[^/]+\.(ya?ml|json)$/i;
const INTEGRATION_CODE =
  /\b(paho\.mqtt|import mqtt|from ['"]mqtt['"]|asyncua|opcua|node-opcua|pymodbus|modbus|requests\.(get|post)\(\s*f?["']https?:|httpx\.(get|post)|kafka|pika|amqp)/i;

/** Integrations the project declares (poc.yaml) or that its code evidently talks to. */
function integrationEvidence(facts: RepoFacts) {
  return any(inManifest(facts, ['integrations'], nonEmpty), inCode(facts, INTEGRATION_CODE));
}

const TEST_RUNNER =
  /\b(pytest|python -m (pytest|unittest)|npm (run )?test|npx vitest|vitest|jest|go test|tox|nox|make test)\b/;
const contractTests = (facts: RepoFacts) =>
  inTests(facts, /\b(openapi|asyncapi|contract|schemathesis|pact)\b/i);

const noIntegrations = (facts: RepoFacts) =>
  integrationEvidence(facts).length === 0 && facts.index.select(CONTRACT_FILE).length === 0
    ? 'no integration with plant or enterprise systems found'
    : undefined;

export const ingestionChecks: CheckDefinition[] = [
  {
    id: 'ING-001',
    title: 'Input schema or data contract',
    area: 'ingestion',
    severity: 'high',
    target: 'automated',
    rationale: 'Without a schema, a renamed sensor tag or a unit change flows silently into the model.',
    remediation:
      'Declare the input schema (JSON Schema, pydantic, pandera, an OpenAPI/AsyncAPI contract) and validate every record against it.',
    effort: 'M',
    fixable: true,
    anchors: ['poc.yaml', /(^|\/)(app|main|serve|server)\.(py|ts)$/, 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(input|data) (schema|contract)\b/i),
          automated: any(
            filesNamed(facts, CONTRACT_FILE),
            filesNamed(facts, /(^|\/)[^/]*schema[^/]*\.json$|(^|\/)great_expectations\//i),
            inCode(
              facts,
              /\b(pandera|great_expectations|jsonschema|pydantic|BaseModel|z\.object\(|ajv|\.compile\()/,
            ),
          ),
          verified: inTests(facts, /\b(schema|contract)\b/i),
        },
        'No input schema or data contract: nothing says what valid input looks like.',
        'Input schema',
      ),
  },
  {
    id: 'ING-002',
    title: 'Ingestion retries and buffering',
    area: 'ingestion',
    severity: 'medium',
    target: 'automated',
    rationale: 'Plant networks drop; without reconnects and a buffer, data is lost during every outage.',
    remediation: 'Reconnect with backoff and buffer records while a source or sink is down.',
    effort: 'M',
    fixable: false,
    anchors: [/(^|\/)[^/]*(ingest|mqtt|consumer)[^/]*\.(py|ts|js)$/, 'README.md'],
    notApplicable: noIntegrations,
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(retry|retries|reconnect|buffer(ing)?|backoff)\b/i),
          automated: inCode(
            facts,
            /\b(reconnectPeriod|reconnect|backoff|tenacity|retry|retries|buffer(ed)?Queue|queue\.Queue)\b/i,
          ),
        },
        'No reconnect, retry or buffering in the ingestion code.',
        'Ingestion resilience',
      ),
  },
  {
    id: 'INT-001',
    title: 'A contract per integration',
    area: 'ingestion',
    severity: 'high',
    target: 'automated',
    rationale:
      'An integration without a contract breaks when the other side changes, and nobody can mock it.',
    remediation:
      'Write an OpenAPI (REST) or AsyncAPI (MQTT) document for each integration and reference it in poc.yaml.',
    effort: 'M',
    fixable: true,
    anchors: ['poc.yaml', 'README.md'],
    notApplicable: noIntegrations,
    evaluate: (facts) => {
      const integrations = facts.pocYaml?.manifest?.integrations ?? [];
      const contracts = filesNamed(facts, CONTRACT_FILE, 5);
      if (integrations.length > 0) {
        const missing = integrations.filter((item) => !facts.index.file(item.contract));
        if (missing.length > 0)
          return {
            grade: 'missing',
            evidence: inManifest(facts, ['integrations']),
            message: `Contract file missing for ${missing.map((item) => `${item.name} (${item.contract})`).join(', ')}.`,
          };
      }
      return ladder(
        {
          documented: inDocs(facts, /\b(interface|integration) (spec|specification|contract)\b/i),
          automated: contracts,
        },
        'Integrations found but no OpenAPI/AsyncAPI contract.',
        'Integration contracts',
      );
    },
  },
  {
    id: 'INT-002',
    title: 'Mocks for every integration',
    area: 'ingestion',
    severity: 'medium',
    target: 'automated',
    rationale: 'Without mocks, tests and demos need the real MES or historian, so they are skipped.',
    remediation: 'Serve mocks from the contracts (`poc mock`) or keep recorded fixtures next to the tests.',
    effort: 'S',
    fixable: true,
    anchors: ['poc.yaml', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'README.md'],
    notApplicable: noIntegrations,
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            inDocs(facts, /\bpoc mock\b|\bmock (server|broker)\b/i),
            filesNamed(facts, /(^|\/)(mocks?|fixtures)\//),
          ),
          automated: any(
            inCi(facts, /\bpoc mock\b|wiremock|prism mock|mockserver|mosquitto/i),
            inTests(facts, /\b(mock|aedes|responses|httpretty|nock|msw|wiremock)\b/i),
          ),
        },
        'No mocks of the integrations: tests need the real systems.',
        'Integration mocks',
      ),
  },
  {
    id: 'INT-003',
    title: 'Contract tests',
    area: 'ingestion',
    severity: 'medium',
    target: 'automated',
    rationale: 'A contract nobody tests drifts from the implementation on both sides.',
    remediation:
      'Verify the service and the mocks against the contracts in CI (`poc mock verify`, schemathesis, pact).',
    effort: 'M',
    fixable: true,
    anchors: ['.github/workflows/ci.yml', '.gitlab-ci.yml', 'poc.yaml', 'README.md'],
    notApplicable: noIntegrations,
    evaluate: (facts) =>
      ladder(
        {
          documented: contractTests(facts),
          automated: any(
            contractTests(facts).length > 0 ? inCi(facts, TEST_RUNNER) : [],
            inCi(facts, /\b(poc (mock|contract)s? (verify|test)|schemathesis|pact|dredd|contract[-_ ]test)/i),
          ),
        },
        'No contract tests: nothing checks that the code honours the contracts.',
        'Contract tests',
      ),
  },
];

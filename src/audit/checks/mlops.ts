import { parseAllDocuments } from 'yaml';

import type { RepoFacts } from '../inventory/facts.js';
import type { Evidence } from '../types.js';
import { ladder, present, type CheckDefinition } from './check.js';
import { any, filesNamed, inCi, inCode, inConfig, inDocs } from './evidence.js';

const CI_ANCHORS = [
  '.github/workflows/ci.yml',
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
  '.gitlab-ci.yml',
  'README.md',
];
const TEST_RUNNER =
  /\b(pytest|python -m (pytest|unittest)|npm (run )?test|npx vitest|vitest|jest|go test|tox|nox|make test)\b/;
const BENCH_RESULT =
  /(^|\/)(\.poc\/bench|bench(mark)?s?\/results?)\/[^/]+\.json$|(^|\/)bench[-_]?result[^/]*\.json$/;
const MODEL_FILE = /\.(onnx|pt|pth|pkl|joblib|h5|safetensors)$/;

/** A bench result at least as new as the newest model file: the SLA was measured on this model. */
function freshBenchResult(facts: RepoFacts): Evidence[] {
  const results = facts.index.select(BENCH_RESULT);
  if (results.length === 0) return [];
  const newestModel = Math.max(0, ...facts.index.select(MODEL_FILE).map((file) => file.mtimeMs));
  const fresh = results.filter((file) => file.mtimeMs >= newestModel);
  return fresh
    .slice(0, 1)
    .map((file) => ({ file: file.path, line: 1, text: 'bench result newer than the model' }));
}

/** Malformed YAML and JSON, located. Chart templates and other templated files are not YAML yet. */
function malformedConfig(facts: RepoFacts): Evidence[] {
  const found: Evidence[] = [];
  for (const file of facts.index.select(/\.(ya?ml|json|ipynb)$/i)) {
    const text = file.text;
    if (text === undefined || /(^|\/)templates\//.test(file.path) || text.includes('{{')) continue;
    if (/\.(json|ipynb)$/i.test(file.path)) {
      if (file.path.endsWith('tsconfig.json') || /(^|\/)\.vscode\//.test(file.path)) continue;
      try {
        JSON.parse(text);
      } catch (error) {
        const position = /position (\d+)/.exec((error as Error).message)?.[1];
        const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
        found.push({
          file: file.path,
          line,
          text: `invalid JSON: ${(error as Error).message.split('\n')[0]!.slice(0, 80)}`,
        });
      }
      continue;
    }
    const docs = parseAllDocuments(text, { uniqueKeys: false });
    const error = (Array.isArray(docs) ? docs : [docs]).flatMap((doc) => doc.errors)[0];
    if (error)
      found.push({
        file: file.path,
        line: error.linePos?.[0].line ?? 1,
        text: `invalid YAML: ${error.message.split('\n')[0]!.slice(0, 80)}`,
      });
  }
  return found;
}

const SECRET_PATTERNS: Array<[string, RegExp]> = [
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['private key', /-----BEGIN (RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY-----/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['Slack token', /\bxox[baprs]-[A-Za-z0-9-]{10,}/],
  [
    'hard-coded password or key',
    /\b(password|passwd|secret|api[_-]?key|access[_-]?token)\s*[:=]\s*["'](?!\$\{|<|changeme|example|xxx|\*)[^"'\s]{8,}["']/i,
  ],
];

/** Committed secrets, located but never quoted: evidence must not leak them further. */
function committedSecrets(facts: RepoFacts): Evidence[] {
  const found: Evidence[] = [];
  const candidates = facts.index.files.filter(
    (file) =>
      file.text !== undefined &&
      !/(^|\/)(package-lock\.json|poetry\.lock|uv\.lock|yarn\.lock|go\.sum)$/.test(file.path),
  );
  for (const file of candidates) {
    for (const [name, pattern] of SECRET_PATTERNS) {
      const match = pattern.exec(file.text!);
      if (!match) continue;
      const evidence = facts.index.evidenceAt(file, match.index);
      found.push({ file: evidence.file, line: evidence.line, text: `${name} (value not shown)` });
      break;
    }
  }
  for (const file of facts.index.select(/(^|\/)\.env(\.[a-z]+)?$/)) {
    if (/^\s*[A-Z_]+\s*=\s*\S+/m.test(file.text ?? '') && !found.some((item) => item.file === file.path))
      found.push({ file: file.path, line: 1, text: '.env file with values (not shown)' });
  }
  return found;
}

/** requirements*.txt lines without an exact pin, when no lock file pins them instead. */
function unpinnedRequirements(facts: RepoFacts): Evidence[] {
  const found: Evidence[] = [];
  for (const file of facts.index.select(/(^|\/)requirements[^/]*\.txt$/)) {
    const lines = (file.text ?? '').split('\n');
    lines.forEach((raw, i) => {
      const line = raw.replace(/#.*/, '').trim();
      if (!line || line.startsWith('-') || line.includes('==') || line.includes('@') || /\.whl$/.test(line))
        return;
      found.push({ file: file.path, line: i + 1, text: line });
    });
  }
  return found;
}

export const mlopsChecks: CheckDefinition[] = [
  {
    id: 'OPS-001',
    title: 'A CI pipeline',
    area: 'change',
    severity: 'high',
    target: 'automated',
    rationale: "Without CI every change reaches the plant tested only on the author's machine.",
    remediation: 'Add a CI pipeline (GitHub Actions or GitLab CI) that runs on every push and merge request.',
    effort: 'S',
    fixable: true,
    anchors: ['README.md', 'poc.yaml'],
    evaluate: (facts) =>
      present(
        facts.ci.slice(0, 3).map((file) => facts.index.whole(file)),
        'No CI pipeline.',
        'CI pipeline',
        'automated',
      ),
  },
  {
    id: 'OPS-002',
    title: 'Automated tests',
    area: 'change',
    severity: 'high',
    target: 'automated',
    rationale:
      'Untested code is changed by fear or not at all; a PoC that cannot change cannot go to production.',
    remediation: 'Write tests for features, serving and contracts, and run them in CI.',
    effort: 'M',
    fixable: false,
    anchors: CI_ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          documented: facts.tests.slice(0, 2).map((file) => facts.index.whole(file)),
          automated: facts.tests.length > 0 ? inCi(facts, TEST_RUNNER) : [],
          verified:
            facts.tests.length > 0
              ? filesNamed(facts, /(^|\/)(junit[^/]*\.xml|coverage\.xml|lcov\.info|coverage-summary\.json)$/)
              : [],
        },
        'No tests.',
        'Tests',
      ),
  },
  {
    id: 'OPS-003',
    title: 'CI runs the production-readiness audit',
    area: 'change',
    severity: 'medium',
    target: 'automated',
    rationale: 'Readiness that is only checked before go-live regresses in between.',
    remediation: 'Run `poc audit --sarif --min-score N > poc-audit.sarif` in CI and upload the SARIF.',
    effort: 'S',
    fixable: true,
    anchors: CI_ANCHORS,
    evaluate: (facts) =>
      ladder({ automated: inCi(facts, /\bpoc audit\b/) }, 'CI does not run `poc audit`.', 'Audit in CI'),
  },
  {
    id: 'OPS-004',
    title: 'Latency benchmarked in CI',
    area: 'change',
    severity: 'high',
    target: 'automated',
    rationale:
      'A latency SLA that is not measured on every model change is broken by the first bigger model.',
    remediation:
      'Run `poc bench` (or an equivalent load test) against the SLA in CI and keep the result with the model.',
    effort: 'S',
    fixable: true,
    anchors: CI_ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(benchmark|load test|poc bench)\b/i),
          automated: inCi(
            facts,
            /\b(poc bench|locust|k6 run|pytest-benchmark|--benchmark|hyperfine|vegeta|wrk)\b/,
          ),
          verified:
            inCi(facts, /\b(poc bench|locust|k6 run|pytest-benchmark|--benchmark|hyperfine|vegeta|wrk)\b/)
              .length > 0
              ? freshBenchResult(facts)
              : [],
        },
        'Latency is never benchmarked.',
        'Latency benchmark',
      ),
  },
  {
    id: 'OPS-005',
    title: 'Experiment tracking or lineage',
    area: 'change',
    severity: 'medium',
    target: 'automated',
    rationale:
      'Which data, code and parameters produced the model in production must be answerable years later.',
    remediation: 'Track runs (MLflow, DVC pipelines, W&B) or record lineage with every model version.',
    effort: 'S',
    fixable: false,
    anchors: ['dvc.yaml', 'MLproject', 'poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            facts.index.hasDir(/(^|\/)(mlruns|wandb)$/)
              ? [{ file: facts.index.hasDir(/(^|\/)(mlruns|wandb)$/)!, line: 1 }]
              : [],
            inDocs(facts, /\b(mlflow|experiment tracking|lineage)\b/i),
          ),
          automated: any(
            inCode(
              facts,
              /\b(import mlflow|mlflow\.(start_run|log_)|import wandb|dvclive|from clearml|neptune\.init)/,
            ),
            filesNamed(facts, /(^|\/)(MLproject|dvc\.ya?ml)$/),
            inConfig(facts, /\bmlflow\b/),
            // poc promote records each release's model and data digests in its ledger.
            inCi(facts, /\bpoc promote\b/),
          ),
        },
        'No experiment tracking or lineage.',
        'Experiment tracking',
      ),
  },
  {
    id: 'OPS-006',
    title: 'Dependencies pinned',
    area: 'architecture',
    severity: 'medium',
    target: 'automated',
    rationale:
      "Unpinned dependencies change the model's numerics and the service's behaviour between two builds.",
    remediation:
      'Pin exact versions (== in requirements, or commit a lock file: poetry.lock, uv.lock, package-lock.json).',
    effort: 'S',
    fixable: false,
    anchors: [/(^|\/)requirements[^/]*\.txt$/, 'pyproject.toml', 'package.json', 'README.md'],
    notApplicable: (facts) => (facts.code.length === 0 ? 'no code' : undefined),
    evaluate: (facts) => {
      const locks = filesNamed(
        facts,
        /(^|\/)(poetry\.lock|uv\.lock|Pipfile\.lock|package-lock\.json|pnpm-lock\.yaml|yarn\.lock|go\.sum|conda-lock\.ya?ml|requirements[^/]*\.lock)$/,
      );
      const unpinned = unpinnedRequirements(facts);
      if (unpinned.length > 0 && locks.length === 0)
        return {
          grade: 'missing',
          evidence: unpinned.slice(0, 5),
          message: `Unpinned requirements: ${unpinned
            .slice(0, 3)
            .map((item) => item.text)
            .join(', ')}.`,
        };
      const pinnedRequirements = filesNamed(facts, /(^|\/)requirements[^/]*\.txt$/);
      return present(
        any(locks, pinnedRequirements),
        'No dependency lock file and no pinned requirements.',
        'Dependencies pinned',
        'automated',
      );
    },
  },
  {
    id: 'OPS-007',
    title: 'poc.yaml is valid',
    area: 'change',
    severity: 'medium',
    target: 'automated',
    rationale: 'Every gate reads poc.yaml; an invalid manifest silently disables them.',
    remediation: 'Run `poc validate` and fix every listed problem.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml'],
    notApplicable: (facts) => (facts.pocYaml ? undefined : 'no poc.yaml'),
    evaluate: (facts) => {
      const poc = facts.pocYaml!;
      if (poc.manifest)
        return present([{ file: poc.file.path, line: 1 }], '', 'poc.yaml is valid', 'automated');
      return {
        grade: 'missing',
        evidence: poc.parsed.problems.slice(0, 5).map((problem) => ({
          file: poc.file.path,
          line: problem.line ?? 1,
          text: problem.message.slice(0, 120),
        })),
        message: `poc.yaml has ${poc.parsed.problems.length} problem(s): ${poc.parsed.problems[0]?.message ?? ''}`,
      };
    },
  },
  {
    id: 'OPS-008',
    title: 'Configuration files parse',
    area: 'architecture',
    severity: 'medium',
    target: 'automated',
    rationale: 'A malformed YAML or JSON file breaks the deploy or the pipeline at the worst moment.',
    remediation: 'Fix the syntax errors listed (a YAML/JSON linter in CI prevents them).',
    effort: 'S',
    fixable: false,
    anchors: ['README.md'],
    evaluate: (facts) => {
      const broken = malformedConfig(facts);
      if (broken.length > 0)
        return {
          grade: 'missing',
          evidence: broken.slice(0, 10),
          message: `${broken.length} malformed YAML/JSON file(s): ${broken
            .slice(0, 3)
            .map((item) => `${item.file}:${item.line}`)
            .join(', ')}.`,
        };
      return { grade: 'automated', evidence: [], message: 'Every YAML and JSON file parses.' };
    },
  },
  {
    id: 'OPS-009',
    title: 'No secrets in the repository',
    area: 'architecture',
    severity: 'critical',
    target: 'automated',
    rationale: 'A committed credential is public to everyone who ever clones the repository, forever.',
    remediation:
      'Remove the secret, rotate it, purge it from history, and read credentials from the environment or a secret store.',
    effort: 'M',
    fixable: false,
    anchors: ['README.md'],
    evaluate: (facts) => {
      const secrets = committedSecrets(facts);
      if (secrets.length > 0)
        return {
          grade: 'missing',
          evidence: secrets.slice(0, 10),
          message: `${secrets.length} likely secret(s) committed: ${secrets
            .slice(0, 3)
            .map((item) => `${item.file}:${item.line}`)
            .join(', ')}.`,
        };
      return { grade: 'automated', evidence: [], message: 'No credentials found in the repository.' };
    },
  },
];

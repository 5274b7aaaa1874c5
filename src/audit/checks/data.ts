import { ladder, present, type CheckDefinition } from './check.js';
import {
  any,
  filesNamed,
  inCi,
  inCode,
  inConfig,
  inDocs,
  inFiles,
  inManifest,
  nonEmpty,
} from './evidence.js';
import { dataInGit, MAX_DATA_FILE_BYTES, MAX_DATA_TOTAL_BYTES } from './raw-data.js';

const LOCK_FILE =
  /(^|\/)(dvc\.lock|[^/]+\.dvc|data\.lock(\.json|\.ya?ml)?|poc-data\.lock|\.poc\/data[^/]*\.(lock|json|ya?ml)|data\/[^/]*\.lock(\.json|\.ya?ml)?)$/;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const dataChecks: CheckDefinition[] = [
  {
    id: 'DAT-001',
    title: 'Data versioned with a lock file',
    area: 'data',
    severity: 'high',
    target: 'automated',
    rationale: 'A model whose training data cannot be reproduced cannot be audited, debugged or retrained.',
    remediation:
      'Version datasets with content hashes in a lock file (`poc data add`, or DVC) committed next to the code.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml', 'dvc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(data versioning|dvc|dataset version)/i),
          // Datasets declared in poc.yaml are versioned by `poc data` as a dvc.yaml stage is by DVC.
          automated: any(filesNamed(facts, LOCK_FILE), inManifest(facts, ['data', 'datasets'], nonEmpty)),
          verified:
            filesNamed(facts, LOCK_FILE).length > 0
              ? inCi(facts, /\b(dvc (pull|status|repro)|poc data (pull|verify|status))\b/)
              : [],
        },
        'Datasets are not versioned: no lock file records what the model was trained on.',
        'Data versioning',
      ),
  },
  {
    id: 'DAT-002',
    title: 'A data remote',
    area: 'data',
    severity: 'high',
    target: 'documented',
    rationale: 'Data that lives on one laptop is lost with it, and nobody else can retrain.',
    remediation:
      'Configure a shared remote (S3, MinIO or a network directory) in poc.yaml data.remote or .dvc/config.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml', '.dvc/config', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            inManifest(facts, ['data', 'remote']),
            inFiles(facts, /(^|\/)\.dvc\/config$/, /\[\s*['"]?remote/),
          ),
          automated: inCi(facts, /\b(dvc push|poc data push)\b/),
        },
        'No data remote: datasets exist only where they were made.',
        'Data remote',
      ),
  },
  {
    id: 'DAT-003',
    title: 'Raw data kept out of git',
    area: 'data',
    severity: 'high',
    target: 'automated',
    rationale:
      'Data in git bloats every clone forever and leaks whatever the data contains to everyone with read access.',
    remediation:
      'Move datasets to the data remote (`poc data add`, DVC), ignore them in .gitignore and purge them from history.',
    effort: 'M',
    fixable: false,
    anchors: ['.gitignore', 'README.md'],
    evaluate: (facts) => {
      const files = dataInGit(facts);
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const large = files.filter((file) => file.size > MAX_DATA_FILE_BYTES);
      if (large.length > 0 || total > MAX_DATA_TOTAL_BYTES) {
        const worst = [...files].sort((a, b) => b.size - a.size).slice(0, 5);
        return {
          grade: 'missing',
          evidence: worst.map((file) => ({ file: file.path, line: 1, text: megabytes(file.size) })),
          message: `${files.length} data file(s), ${megabytes(total)}, are kept in git (largest: ${worst[0]!.path}).`,
        };
      }
      const ignored = inFiles(facts, /(^|\/)(\.gitignore|\.dvcignore)$/, /^\/?(data|datasets?|raw)\b/m);
      const evidence = ignored.length > 0 ? ignored : filesNamed(facts, LOCK_FILE);
      return evidence.length > 0
        ? present(evidence, '', 'Raw data stays out of git', 'automated')
        : { grade: 'automated', evidence: [], message: 'No large raw data in the repository.' };
    },
  },
  {
    id: 'DAT-004',
    title: 'Production-representative data, or synthetic data documented',
    area: 'data',
    severity: 'medium',
    target: 'documented',
    rationale: 'A pilot trained on a clean lab sample fails on the first shift of real parts.',
    remediation:
      'Describe each dataset: where it comes from, the period and lines it covers, and what is synthetic and why.',
    effort: 'S',
    fixable: true,
    anchors: ['poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            inManifest(facts, ['data', 'datasets', 0, 'description']),
            inDocs(
              facts,
              /\b(production[- ]representative|representative of production|synthetic data|datasheet|collected (from|at|on) (line|plant|site))/i,
            ),
          ),
        },
        'Nothing says whether the data represents production or is synthetic.',
        'Data provenance',
      ),
  },
  {
    id: 'DAT-005',
    title: 'Training data profile',
    area: 'data',
    severity: 'medium',
    target: 'documented',
    rationale:
      'Drift and out-of-distribution checks need a reference: the ranges and distributions seen in training.',
    remediation:
      'Save a profile of the training data (feature ranges, histograms) with the model and reference it in poc.yaml model.profile.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            inManifest(facts, ['model', 'profile']),
            filesNamed(
              facts,
              /(^|\/)[^/]*(profile|reference[-_]stats|baseline[-_]stats|expectations?)[^/]*\.(json|ya?ml)$/i,
            ),
            inCode(facts, /\b(ydata_profiling|pandas_profiling|great_expectations|tfdv|whylogs)\b/),
          ),
        },
        'No profile of the training data to compare production inputs against.',
        'Training profile',
      ),
  },
  {
    id: 'DAT-006',
    title: 'Data and model versioned together',
    area: 'data',
    severity: 'medium',
    target: 'automated',
    rationale:
      'To explain a prediction you need the exact model and the exact data it was trained on, as one pair.',
    remediation:
      'Track the model artefact in the same lock as its data (`poc data add model/`, DVC outs) or register it with its run.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml', 'dvc.yaml', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: inManifest(facts, ['model', 'version']),
          automated: any(
            // poc promote bundles the model digest with the data lock: declaring both pairs them.
            inManifest(facts, ['data', 'datasets'], nonEmpty).length > 0
              ? inManifest(facts, ['model', 'path'])
              : [],
            inFiles(facts, LOCK_FILE, /\.(onnx|pt|pth|pkl|joblib|h5|safetensors)\b|\bmodels?\//),
            inFiles(facts, /(^|\/)dvc\.ya?ml$/, /\bouts:[\s\S]*\bmodels?\b/),
            inCode(facts, /\b(register_model|registered_model_name|log_model)\b/),
            inConfig(facts, /\bmodel\.(onnx|pt|pkl)\.dvc\b/),
          ),
        },
        'The model artefact is not versioned with its data.',
        'Model and data lineage',
      ),
  },
];

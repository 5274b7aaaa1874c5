import type { RepoFacts } from '../inventory/facts.js';
import type { Evidence } from '../types.js';
import { ladder, type CheckDefinition } from './check.js';
import { any, filesNamed, inCi, inManifest, inTests } from './evidence.js';

const FEATURE_MODULE =
  /(^|\/)(features?|feature_engineering|preprocess(ing)?|transforms?)(\.(py|ts|js)|\/[^/]+\.(py|ts|js))$/i;

/** Feature modules that both training and serving code import, cited where serving imports them. */
function sharedFeatureImports(facts: RepoFacts): Evidence[] {
  const modules = facts.index.select(FEATURE_MODULE).filter((file) => !file.path.endsWith('.ipynb'));
  const names = [
    ...new Set(modules.map((file) => /([^/]+?)(\/[^/]+)?\.(py|ts|js)$/.exec(file.path)?.[1] ?? '')),
  ].filter(Boolean);
  if (names.length === 0) return [];
  const importPattern = new RegExp(`(import|from)\\s+[^\\n]*\\b(${names.join('|')})\\b`);
  const inServing = facts.index.grep(facts.serving, importPattern);
  const inTraining = facts.index.grep(facts.training, importPattern);
  return inServing.length > 0 && inTraining.length > 0
    ? [...inServing.slice(0, 1), ...inTraining.slice(0, 1)]
    : [];
}

const noModelCode = (facts: RepoFacts) =>
  facts.training.length === 0 && facts.serving.length === 0 && facts.notebooks.length === 0
    ? 'no training or serving code found'
    : undefined;

export const featureChecks: CheckDefinition[] = [
  {
    id: 'FEA-001',
    title: 'One feature implementation for training and serving',
    area: 'features',
    severity: 'high',
    target: 'automated',
    rationale:
      'Two implementations of the same features drift apart: training/serving skew degrades accuracy silently.',
    remediation:
      'Move feature computation into one module imported by both the training code and the serving app.',
    effort: 'M',
    fixable: false,
    anchors: [FEATURE_MODULE, /(^|\/)train[^/]*\.(py|ipynb)$/, 'README.md'],
    notApplicable: noModelCode,
    evaluate: (facts) =>
      ladder(
        {
          documented: filesNamed(facts, FEATURE_MODULE),
          automated: sharedFeatureImports(facts),
        },
        'Features are computed where they are used (e.g. inside a notebook): nothing shares them with serving.',
        'Shared feature code',
      ),
  },
  {
    id: 'FEA-002',
    title: 'Versioned feature definitions',
    area: 'features',
    severity: 'medium',
    target: 'documented',
    rationale:
      'Unversioned features cannot be tied to the model trained on them, so retraining is not reproducible.',
    remediation:
      'Record feature names, types and ranges in a versioned file (a feature spec, a Feast repo, or the training profile in poc.yaml).',
    effort: 'S',
    fixable: true,
    anchors: ['poc.yaml', FEATURE_MODULE, 'README.md'],
    notApplicable: noModelCode,
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            inManifest(facts, ['model', 'profile']),
            filesNamed(
              facts,
              /(^|\/)(feature_store\.ya?ml|features?\.(ya?ml|json)|feature[-_]spec[^/]*|[^/]*profile[^/]*\.json)$/i,
            ),
          ),
          automated: inCi(facts, /\b(feast apply|poc (data|bench) .*profile)\b/i),
        },
        'No versioned feature definitions (spec, feature store or training profile).',
        'Feature definitions',
      ),
  },
  {
    id: 'FEA-003',
    title: 'Feature code is tested',
    area: 'features',
    severity: 'medium',
    target: 'automated',
    rationale: 'Feature bugs (units, windows, missing values) are the most common silent ML failure.',
    remediation:
      'Unit-test feature computation on edge cases (missing values, extremes, units) and run the tests in CI.',
    effort: 'M',
    fixable: false,
    anchors: [/(^|\/)tests?\//, FEATURE_MODULE, 'README.md'],
    notApplicable: noModelCode,
    evaluate: (facts) => {
      const tests = inTests(facts, /\b(feature|preprocess|transform|window)/i);
      const ciRuns = inCi(facts, /\b(pytest|npm (run )?test|vitest|jest|go test|tox|nox|unittest)\b/);
      return ladder(
        { documented: tests, automated: tests.length > 0 ? ciRuns : [] },
        'No test exercises the feature computation.',
        'Feature tests',
      );
    },
  },
  {
    id: 'FEA-004',
    title: 'Feature logic lives outside notebooks',
    area: 'features',
    severity: 'medium',
    target: 'documented',
    rationale: 'Logic that only exists in a notebook cannot be imported by the service, tested or reviewed.',
    remediation:
      'Extract the preprocessing cells into a module (e.g. features.py) and import it from the notebook.',
    effort: 'S',
    fixable: false,
    anchors: [/\.ipynb$/],
    notApplicable: (facts) => (facts.notebooks.length === 0 ? 'no notebooks' : undefined),
    evaluate: (facts) =>
      ladder(
        {
          documented: filesNamed(
            facts,
            (path) => /\.(py|ts|js)$/.test(path) && (FEATURE_MODULE.test(path) || /(^|\/)src\//.test(path)),
          ),
        },
        `Logic lives only in notebooks (${facts.notebooks.length}): no module holds the features.`,
        'Feature module',
      ),
  },
];

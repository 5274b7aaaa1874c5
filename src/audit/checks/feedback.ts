import { ladder, type CheckDefinition } from './check.js';
import { any, filesNamed, inCi, inCode, inDocs, inManifest } from './evidence.js';

const ANCHORS = [/(^|\/)(app|main|serve|server)\.(py|ts|js)$/, 'poc.yaml', 'README.md'];

export const feedbackChecks: CheckDefinition[] = [
  {
    id: 'FBK-001',
    title: 'A feedback path for ground truth',
    area: 'feedback',
    severity: 'high',
    target: 'automated',
    rationale:
      'Without labels from the line (inspector verdicts, maintenance outcomes) accuracy in production is unknown.',
    remediation: 'Add a feedback endpoint or topic that records the true outcome against the prediction id.',
    effort: 'M',
    fixable: false,
    anchors: ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(feedback|ground truth|label(l)?ing)\b/i),
          automated: inCode(
            facts,
            /["'`/]feedback\b|\bfeedback_(topic|queue|table|store)|record_?feedback|recordFeedback/i,
          ),
        },
        'No feedback path: outcomes on the line never reach the model owner.',
        'Feedback path',
      ),
  },
  {
    id: 'FBK-002',
    title: 'A retraining trigger',
    area: 'feedback',
    severity: 'high',
    target: 'automated',
    rationale: 'A model that is only retrained when someone remembers decays between remembrances.',
    remediation:
      'Trigger retraining on measured accuracy or drift (poc.yaml model.retraining) or on a schedule, not by hand.',
    effort: 'M',
    fixable: false,
    anchors: ['poc.yaml', ...ANCHORS],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(inManifest(facts, ['model', 'retraining']), inDocs(facts, /\bretrain(ing)?\b/i)),
          automated: any(
            inCode(
              facts,
              /\b(retrain(ing)?_?trigger|triggerRetrain|retrainingTrigger|should_?retrain|RetrainingTrigger)/i,
            ),
            inCi(facts, /\bretrain/i),
          ),
        },
        'No retraining trigger.',
        'Retraining trigger',
      ),
  },
  {
    id: 'FBK-003',
    title: 'A human review queue',
    area: 'feedback',
    severity: 'medium',
    target: 'automated',
    rationale: 'Uncertain predictions need a person, and their decisions are the best new training labels.',
    remediation:
      "Route low-confidence predictions to a review queue and record the reviewer's decision as feedback.",
    effort: 'M',
    fixable: false,
    anchors: ANCHORS,
    evaluate: (facts) =>
      ladder(
        {
          documented: inDocs(facts, /\b(human review|review queue|human[- ]in[- ]the[- ]loop)\b/i),
          automated: inCode(
            facts,
            /\b(review_?queue|reviewQueue|pending_?review|hold.for.(human.)?review|human_?review)\b/i,
          ),
        },
        'No human review queue for uncertain predictions.',
        'Review queue',
      ),
  },
  {
    id: 'FBK-004',
    title: 'Training as a reproducible pipeline',
    area: 'feedback',
    severity: 'medium',
    target: 'automated',
    rationale: 'Retraining that depends on re-running notebook cells in the right order cannot be automated.',
    remediation:
      'Turn training into a script or pipeline (train.py, dvc.yaml stages, an MLproject) with pinned inputs.',
    effort: 'M',
    fixable: false,
    anchors: [/\.ipynb$/, /(^|\/)train[^/]*\.py$/, 'README.md'],
    notApplicable: (facts) => (facts.training.length === 0 ? 'no training code found' : undefined),
    evaluate: (facts) =>
      ladder(
        {
          documented: facts.notebooks
            .filter((file) => facts.training.includes(file))
            .slice(0, 2)
            .map((file) => facts.index.whole(file)),
          automated: any(
            facts.training
              .filter((file) => !file.path.endsWith('.ipynb'))
              .slice(0, 2)
              .map((file) => facts.index.whole(file)),
            filesNamed(facts, /(^|\/)(dvc\.ya?ml|MLproject)$/),
          ),
          verified: filesNamed(facts, /(^|\/)dvc\.lock$/),
        },
        'No training code found.',
        'Training pipeline',
      ),
  },
];

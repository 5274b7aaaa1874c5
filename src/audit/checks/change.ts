import { present, type CheckDefinition } from './check.js';
import { any, inDocs, inManifest } from './evidence.js';

export const changeChecks: CheckDefinition[] = [
  {
    id: 'CHG-001',
    title: 'A runbook',
    area: 'change',
    severity: 'high',
    target: 'documented',
    rationale:
      'Operators at the plant need to know what to do when the model is down, slow or wrong, without calling the data scientist.',
    remediation: 'Write a runbook: symptoms, checks, rollback, safe default, escalation contacts.',
    effort: 'S',
    fixable: true,
    anchors: [/(^|\/)RUNBOOK\.md$/i, 'README.md'],
    evaluate: (facts) =>
      present(
        facts.index.grep(
          // A runbook by name, or a page whose title says it is one ("Monitoring and runbook").
          facts.docs.filter(
            (file) =>
              /runbook|operations|playbook|on-?call/i.test(file.path) ||
              /^#.*\b(runbook|playbook|on-?call|operations manual)\b/im.test(file.text ?? ''),
          ),
          /\b(incident|roll ?back|escalat|restart|symptom)/i,
        ),
        'No runbook for operators.',
        'Runbook',
      ),
  },
  {
    id: 'CHG-002',
    title: 'Operator training plan',
    area: 'change',
    severity: 'medium',
    target: 'documented',
    rationale:
      'Operators who do not understand the model either ignore it or trust it blindly; both defeat the pilot.',
    remediation:
      'Plan operator training: what the model does, how to read its confidence, when to override and how to give feedback.',
    effort: 'S',
    fixable: true,
    anchors: [/(^|\/)RUNBOOK\.md$/i, 'README.md'],
    evaluate: (facts) =>
      present(
        inDocs(
          facts,
          /\b(operator|shift|user) training\b|\btraining (plan|for operators|sessions?)\b|\bonboarding of operators\b/i,
        ),
        'No training plan for the operators who will work with the model.',
        'Operator training plan',
      ),
  },
  {
    id: 'CHG-003',
    title: 'Rollout plan',
    area: 'change',
    severity: 'medium',
    target: 'documented',
    rationale: 'Switching a whole plant at once turns a model bug into a plant-wide stop.',
    remediation:
      'Plan the rollout: shadow mode, one line, then the plant, then further facilities, each with exit criteria.',
    effort: 'S',
    fixable: true,
    anchors: [/(^|\/)ROLLOUT\.md$/i, 'README.md'],
    evaluate: (facts) =>
      present(
        any(
          inDocs(
            facts,
            /\b(rollout plan|roll-out plan|phased rollout|shadow mode|canary|pilot line|go-live plan)\b/i,
          ),
          // Staged environments (`after:`) are a rollout order that poc promote enforces.
          ...((facts.pocYaml?.raw as { environments?: unknown[] } | undefined)?.environments ?? []).map(
            (_, i) => inManifest(facts, ['environments', i, 'after']),
          ),
        ),
        'No rollout plan.',
        'Rollout plan',
      ),
  },
];

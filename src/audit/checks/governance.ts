import type { RepoFacts } from '../inventory/facts.js';
import type { Evidence } from '../types.js';
import { ladder, present, type CheckDefinition, type Outcome } from './check.js';
import { any, filesNamed, inDocs, inManifest, nonEmpty } from './evidence.js';

/**
 * A document must say specific things, not merely exist (Scorecard reads SECURITY.md the same
 * way). The first doc that covers every topic wins; else the closest one is cited as partial.
 */
function documentCovering(
  facts: RepoFacts,
  names: RegExp,
  topics: Array<[string, RegExp]>,
  missing: string,
  what: string,
): Outcome {
  const candidates = facts.docs.filter(
    (file) => names.test(file.path) || topics.every(([, pattern]) => pattern.test(file.text ?? '')),
  );
  let best: { evidence: Evidence; lacking: string[] } | undefined;
  for (const file of candidates) {
    const lacking = topics.filter(([, pattern]) => !pattern.test(file.text ?? '')).map(([name]) => name);
    if (lacking.length === 0) {
      const first = topics[0]![1].exec(file.text ?? '');
      return present([facts.index.evidenceAt(file, first?.index ?? 0)], '', what);
    }
    if (!best || lacking.length < best.lacking.length) best = { evidence: facts.index.whole(file), lacking };
  }
  if (best)
    return {
      grade: 'missing',
      evidence: [best.evidence],
      message: `${what} (${best.evidence.file}) lacks: ${best.lacking.join(', ')}.`,
    };
  return { grade: 'missing', evidence: [], message: missing };
}

/** Promotion gates that require an approval, globally or for any environment (poc promote records them). */
function requiredApprovals(facts: RepoFacts): Evidence[] {
  const atLeastOne = (value: unknown) => typeof value === 'number' && value > 0;
  const environments = (facts.pocYaml?.raw as { environments?: unknown } | undefined)?.environments;
  return [
    ...inManifest(facts, ['gates', 'approvals', 'required'], atLeastOne),
    ...(Array.isArray(environments) ? environments : []).flatMap((_, i) =>
      inManifest(facts, ['environments', i, 'gates', 'approvals', 'required'], atLeastOne),
    ),
  ];
}

const PLACEHOLDER = /example\.(com|org|net)|\b(todo|tbd|changeme|fixme|john doe|jane doe)\b|^\s*$/i;

export const governanceChecks: CheckDefinition[] = [
  {
    id: 'GOV-001',
    title: 'Model card with intended use and limitations',
    area: 'governance',
    severity: 'high',
    target: 'documented',
    rationale: 'Without stated intended use and limits, the model is used where it was never validated.',
    remediation:
      'Write a model card: intended use, out-of-scope uses, training data, metrics per slice, limitations.',
    effort: 'S',
    fixable: true,
    anchors: [/(^|\/)MODEL_CARD\.md$/i, 'README.md', 'poc.yaml'],
    evaluate: (facts) =>
      documentCovering(
        facts,
        /(^|\/)[^/]*model[-_ ]?card[^/]*\.(md|rst|txt)$/i,
        [
          ['intended use', /intended use/i],
          ['limitations', /limitation|^#+\s*(known\s+)?limits\b|out[- ]of[- ]scope/im],
        ],
        'No model card.',
        'Model card',
      ),
  },
  {
    id: 'GOV-002',
    title: 'Data governance: retention, access and purpose',
    area: 'governance',
    severity: 'high',
    target: 'documented',
    rationale:
      'Plant data can identify workers and is often contractually restricted; collecting it without stated purpose and retention breaks GDPR and works agreements.',
    remediation: 'Document the purpose of each dataset, who may access it, and how long it is kept.',
    effort: 'S',
    fixable: true,
    anchors: [/(^|\/)DATA_GOVERNANCE\.md$/i, 'README.md', 'poc.yaml'],
    evaluate: (facts) =>
      documentCovering(
        facts,
        /(^|\/)[^/]*(data[-_ ]?governance|datasheet|data[-_ ]?policy)[^/]*\.(md|rst|txt)$/i,
        [
          ['retention', /retention|retain/i],
          ['access', /\baccess\b/i],
          ['purpose', /\bpurpose/i],
        ],
        'No data governance document (retention, access, purpose).',
        'Data governance',
      ),
  },
  {
    id: 'GOV-003',
    title: 'Ownership and escalation path',
    area: 'governance',
    severity: 'high',
    target: 'documented',
    rationale:
      'When accuracy drops at 3 a.m., someone must own model performance and the operators must know whom to call.',
    remediation: 'Name the model, data and operations owners and the escalation contact (poc.yaml owners).',
    effort: 'S',
    fixable: true,
    anchors: ['poc.yaml', 'CODEOWNERS', 'README.md'],
    evaluate: (facts) => {
      const manifestOwners = inManifest(facts, ['owners', 'escalation'], nonEmpty);
      const owners = inDocs(facts, /\b(model owner|owner(s|ship)?)\b/i);
      const escalation = inDocs(facts, /\bescalat/i);
      return present(
        manifestOwners.length > 0
          ? manifestOwners
          : owners.length > 0 && escalation.length > 0
            ? [...escalation.slice(0, 1), ...owners.slice(0, 1)]
            : [],
        owners.length > 0
          ? 'Owners are named but no escalation path.'
          : 'No owner of model performance and no escalation path.',
        'Owners and escalation',
      );
    },
  },
  {
    id: 'GOV-004',
    title: 'Recorded approvals',
    area: 'governance',
    severity: 'medium',
    target: 'documented',
    rationale:
      'Who approved a model for a plant, and when, is what an auditor (and the EU AI Act) asks first.',
    remediation:
      'Require approvals for promotion (poc.yaml gates.approvals.required), CODEOWNERS review, or protected CI environments.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml', 'CODEOWNERS', 'README.md'],
    evaluate: (facts) =>
      ladder(
        {
          documented: any(
            filesNamed(facts, /(^|\/)(CODEOWNERS|APPROVALS\.md)$/),
            inDocs(facts, /\b(approved by|approval record|sign[- ]off|approves (model )?releases)\b/i),
          ),
          automated: any(requiredApprovals(facts), filesNamed(facts, /(^|\/)\.poc\/ledger\.jsonl$/)),
        },
        'No record of who approves a model for production.',
        'Approvals',
      ),
  },
  {
    id: 'GOV-005',
    title: 'Safety standards assessed',
    area: 'governance',
    severity: 'medium',
    target: 'documented',
    rationale:
      'A model that influences machines or people needs its risk class and applicable standards (IEC 62443, IEC 61508, EU AI Act) assessed before go-live.',
    remediation:
      'Record a safety and compliance assessment: risk class, applicable standards, hazards and mitigations.',
    effort: 'M',
    fixable: true,
    anchors: [/(^|\/)SAFETY\.md$/i, 'README.md', 'poc.yaml'],
    evaluate: (facts) =>
      present(
        inDocs(
          facts,
          /\b(IEC ?6\d{4}|ISO ?13849|ISO ?10218|ISO\/IEC ?42001|EU AI Act|risk class|hazard analysis|HAZOP|FMEA|safety assessment)\b/i,
        ),
        'No assessment of safety standards or regulatory risk class.',
        'Safety assessment',
      ),
  },
  {
    id: 'GOV-006',
    title: 'Owners are real contacts',
    area: 'governance',
    severity: 'low',
    target: 'documented',
    rationale: 'A placeholder owner (example.com) is the same as no owner when something breaks.',
    remediation: 'Replace the placeholder contacts in poc.yaml owners with real people or teams.',
    effort: 'S',
    fixable: false,
    anchors: ['poc.yaml'],
    notApplicable: (facts) =>
      inManifest(facts, ['owners'], nonEmpty).length === 0 ? 'no owners declared in poc.yaml' : undefined,
    evaluate: (facts) => {
      const owners = (facts.pocYaml?.raw as { owners?: Record<string, unknown> } | undefined)?.owners ?? {};
      const placeholders = Object.entries(owners).filter(
        ([, value]) => typeof value !== 'string' || PLACEHOLDER.test(value),
      );
      if (placeholders.length > 0)
        return {
          grade: 'missing',
          evidence: placeholders.flatMap(([role]) => inManifest(facts, ['owners', role], () => true)),
          message: `Placeholder owner(s): ${placeholders.map(([role]) => role).join(', ')}.`,
        };
      return present(inManifest(facts, ['owners']), '', 'Owners are named');
    },
  },
];

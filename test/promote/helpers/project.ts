import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { tempDir } from '../../helpers/temp-dir.js';

/** Git needs an identity on machines that have none configured (CI). */
export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Ada Author',
  GIT_AUTHOR_EMAIL: 'ada@plant.example',
  GIT_COMMITTER_NAME: 'Ada Author',
  GIT_COMMITTER_EMAIL: 'ada@plant.example',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_IDENTITY },
    encoding: 'utf8',
  }).trim();
}

export const IMAGE_DIGEST = `sha256:${'ab'.repeat(32)}`;
export const OTHER_IMAGE_DIGEST = `sha256:${'cd'.repeat(32)}`;

export interface TestProject {
  root: string;
  /** Bare repository the project pushes to. */
  origin: string;
  /** Bare repository serving as the gitops environment repo. */
  envRepo: string;
  /** Directory holding the stand-in helm first on PATH, its log and state. */
  helmDir: string;
  kubeconfig: string;
  /** Environment for runCommand: PATH with the stand-in, KUBECONFIG, git identity. */
  env: Record<string, string>;
  commitAll(message: string): void;
  helmCalls(): string[][];
  helmState(): Record<string, { revision: number; status: string; description?: string }[]>;
}

const STANDIN = fileURLToPath(new URL('../fixtures/helm-standin.mjs', import.meta.url));

export interface ProjectOptions {
  /** Extra YAML appended under `gates:` (indented by the caller). */
  gates?: string;
  stagingClusters?: number;
  productionClusters?: number;
  productionMaxParallel?: number;
  healthUrl?: (env: string, cluster: string) => string | undefined;
  /** YAML for the production environment's gate overrides, indented 6 spaces. */
  productionGates?: string;
  /** Contexts present in the kubeconfig (default: every staging cluster's). */
  contexts?: string[];
}

/**
 * A real project in a temp dir: git repository pushed to a bare origin, a model, a chart, values
 * files, a kubeconfig with the staging contexts, a bare gitops environment repository and the
 * stand-in helm on PATH.
 */
export function createProject(options: ProjectOptions = {}): TestProject {
  const base = tempDir();
  const root = join(base, 'project');
  const origin = join(base, 'origin.git');
  const envRepo = join(base, 'envs.git');
  const helmDir = join(base, 'helm-bin');
  mkdirSync(helmDir);
  symlinkSync(STANDIN, join(helmDir, 'helm'));
  chmodSync(STANDIN, 0o755);
  const staging = Array.from({ length: options.stagingClusters ?? 2 }, (_, i) => `stg-${i + 1}`);
  const production = Array.from({ length: options.productionClusters ?? 3 }, (_, i) => `prod-${i + 1}`);
  const contexts = options.contexts ?? staging.map((name) => `${name}-ctx`);
  const kubeconfig = join(base, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\ncontexts:\n${contexts.map((c) => `  - name: ${c}\n    context: { cluster: ${c}, user: ${c} }`).join('\n')}\n`,
  );
  const health = (env: string, cluster: string) => {
    const url = options.healthUrl?.(env, cluster);
    return url ? `\n        healthUrl: ${url}` : '';
  };
  const manifest = `project:
  name: line-3
model:
  path: model/model.onnx
  version: 1.0.0
deploy:
  chart: deploy/helm/line-3
  image: registry.plant.example/ml/line-3
gates:
  minAuditScore: 0
  benchRequired: false
  dataPushed: false
${options.gates ?? ''}
environments:
  - name: staging
    deployer: helm
    maxParallel: 1
    clusters:
${staging
  .map(
    (name, i) => `      - name: ${name}
        facility: plant-${String.fromCharCode(97 + i)}
        context: ${name}-ctx
        namespace: ml
        values: [deploy/values-staging.yaml]${health('staging', name)}`,
  )
  .join('\n')}
  - name: production
    deployer: gitops
    after: staging
    maxParallel: ${options.productionMaxParallel ?? 1}
${options.productionGates ? `    gates:\n${options.productionGates}\n` : ''}    gitops:
      repo: ${envRepo}
      branch: main
      path: clusters/{facility}/{cluster}
    clusters:
${production
  .map(
    (name, i) => `      - name: ${name}
        facility: plant-${String.fromCharCode(97 + (i % 2))}
        namespace: ml
        values: [deploy/values-production.yaml]${health('production', name)}`,
  )
  .join('\n')}
`;
  const files: Record<string, string> = {
    'poc.yaml': manifest,
    'model/model.onnx': 'not a real model, but bytes with a sha256',
    'deploy/helm/line-3/Chart.yaml': 'apiVersion: v2\nname: line-3\nversion: 0.3.0\n',
    'deploy/helm/line-3/values.yaml':
      'replicaCount: 1\nimage:\n  repository: ""\n  digest: ""\nresources:\n  limits: { cpu: 500m }\n',
    'deploy/values-staging.yaml': 'replicaCount: 1\nthreshold: 0.8\n',
    'deploy/values-production.yaml': 'replicaCount: 2\nthreshold: 0.85\n',
    '.gitignore': '.poc/\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', envRepo]);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'remote', 'add', 'origin', origin);
  const commitAll = (message: string) => {
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', message);
    git(root, 'push', '-q', 'origin', 'main');
  };
  commitAll('line-3 pilot');
  const log = join(helmDir, 'calls.jsonl');
  const state = join(helmDir, 'state.json');
  return {
    root,
    origin,
    envRepo,
    helmDir,
    kubeconfig,
    env: {
      ...GIT_IDENTITY,
      PATH: `${helmDir}:${process.env.PATH}`,
      KUBECONFIG: kubeconfig,
      POC_HELM_STANDIN_LOG: log,
      POC_HELM_STANDIN_STATE: state,
      POC_IMAGE_DIGEST: IMAGE_DIGEST,
    },
    commitAll,
    helmCalls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { argv: string[] }).argv),
    helmState: () => JSON.parse(readFileSync(state, 'utf8')),
  };
}

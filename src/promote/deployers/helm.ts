import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EnvironmentError, UserError } from '../../core/errors.js';
import type { Values } from '../values.js';
import type { Deployer, DeployRequest, DeployResult, DeploySession, UndoResult } from './deployer.js';
import { HelmCli, type HelmRevision } from './helm-cli.js';
import { kubeconfigFiles, kubeContexts } from './kubeconfig.js';

/** How to get a release out of a stuck `pending-*` state (helm#8987, #4558). */
function pendingAdvice(release: string, scope: string, history: HelmRevision[]): string {
  const last = history.at(-1)!;
  const good = [...history].reverse().find((row) => row.status === 'deployed' || row.status === 'superseded');
  if (last.status === 'pending-install' || !good) {
    return `Nothing was deployed yet; remove the stuck release with "helm uninstall ${release} ${scope}" and promote again.`;
  }
  return `Check no other deploy is running, then return it to the last good revision with "helm rollback ${release} ${good.revision} ${scope}" and promote again.`;
}

/**
 * Deploys with `helm upgrade --install --wait` per cluster (kube context + namespace), using the
 * cluster's values files and a small overlay that pins the bundle's image and model.
 */
export class HelmDeployer implements Deployer {
  readonly name = 'helm' as const;
  private helm?: HelmCli;
  private workDir?: string;
  /** Per cluster, the revision to return to when undoing (undefined: uninstall). */
  private readonly before = new Map<string, number | undefined>();
  private readonly requests = new Map<string, DeployRequest>();

  constructor(private readonly session: DeploySession) {}

  private get release(): string {
    return this.session.manifest.project.name;
  }

  private scope(request: DeployRequest): string[] {
    return ['--kube-context', request.cluster.context!, '--namespace', request.cluster.namespace];
  }

  async preflight(requests: DeployRequest[]): Promise<void> {
    const chart = this.session.manifest.deploy.chart;
    if (!chart) {
      throw new UserError(
        `Environment ${this.session.env.name} deploys with helm, but poc.yaml names no chart.`,
        {
          code: 'CHART_MISSING',
          hint: 'Set deploy.chart to the chart directory (poc init generates deploy/helm/NAME).',
        },
      );
    }
    const noContext = requests.filter((request) => !request.cluster.context).map((r) => r.cluster.name);
    if (noContext.length) {
      throw new UserError(
        `Cluster${noContext.length > 1 ? 's' : ''} ${noContext.join(', ')} of ${this.session.env.name} name no kube context.`,
        {
          code: 'KUBE_CONTEXT_MISSING',
          hint: 'Set context on each helm cluster in poc.yaml, so a promotion can never land on whatever cluster is current.',
        },
      );
    }
    this.helm = await HelmCli.locate(this.session.root);
    const known = await kubeContexts();
    const missing = [
      ...new Set(requests.map((r) => r.cluster.context!).filter((context) => !known.has(context))),
    ];
    if (missing.length) {
      throw new EnvironmentError(
        `Kube context${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not found in ${kubeconfigFiles().join(', ')}.`,
        {
          code: 'KUBE_CONTEXT_MISSING',
          hint: `Add the context to your kubeconfig (or set KUBECONFIG); known contexts: ${[...known].join(', ') || 'none'}.`,
        },
      );
    }
    for (const request of requests) {
      this.requests.set(request.cluster.name, request);
      const history = await this.helm.history(this.release, this.scope(request));
      const last = history.at(-1);
      if (last?.status.startsWith('pending-')) {
        const scope = this.scope(request).join(' ');
        throw new EnvironmentError(
          `Release ${this.release} on cluster ${request.cluster.name} is stuck in ${last.status} (revision ${last.revision}); nothing was changed.`,
          { code: 'HELM_RELEASE_PENDING', hint: pendingAdvice(this.release, scope, history) },
        );
      }
      const lastDeployed = [...history].reverse().find((row) => row.status === 'deployed');
      this.before.set(request.cluster.name, lastDeployed?.revision);
    }
  }

  private async overlay(request: DeployRequest): Promise<string> {
    this.workDir ??= await mkdtemp(join(tmpdir(), 'poc-helm-'));
    const file = join(this.workDir, `${request.cluster.name}.pinned.json`);
    const pinned: Values = {};
    for (const key of ['image', 'model'] as const)
      if (request.values[key] !== undefined) pinned[key] = request.values[key];
    await writeFile(file, JSON.stringify(pinned)); // JSON is YAML, and Helm reads it with -f
    return file;
  }

  private async deployOne(request: DeployRequest): Promise<DeployResult> {
    const helm = this.helm!;
    const name = request.cluster.name;
    const scope = this.scope(request);
    const description = `poc2prod ${this.session.kind} ${this.session.digest} by ${this.session.actor}`;
    let result;
    if (request.restoreRevision !== undefined) {
      result = await helm.run([
        'rollback',
        this.release,
        request.restoreRevision,
        ...scope,
        '--wait',
        '--timeout',
        this.session.timeout,
      ]);
    } else {
      const files = [...request.valuesFiles, await this.overlay(request)].flatMap((file) => ['-f', file]);
      result = await helm.run([
        'upgrade',
        '--install',
        this.release,
        join(this.session.root, this.session.manifest.deploy.chart!),
        ...scope,
        '--create-namespace',
        ...files,
        '--wait',
        '--timeout',
        this.session.timeout,
        helm.rollbackOnFailureFlag,
        '--description',
        description,
      ]);
    }
    const history = await helm.history(this.release, scope).catch(() => []);
    const last = history.at(-1);
    if (!result.ok) {
      // helm already rolled this cluster back (--atomic / --rollback-on-failure) or never changed it
      return {
        cluster: name,
        ok: false,
        changed: false,
        message: `helm failed: ${result.stderr || result.stdout}`,
      };
    }
    return {
      cluster: name,
      ok: true,
      changed: true,
      revision: last ? String(last.revision) : undefined,
      message: `helm ${request.restoreRevision === undefined ? 'upgrade' : `rollback to ${request.restoreRevision}`} done${last ? ` (revision ${last.revision})` : ''}`,
    };
  }

  async deployWave(requests: DeployRequest[]): Promise<DeployResult[]> {
    return Promise.all(requests.map((request) => this.deployOne(request)));
  }

  async undo(clusters: string[]): Promise<UndoResult[]> {
    const helm = this.helm!;
    return Promise.all(
      clusters.map(async (name): Promise<UndoResult> => {
        const request = this.requests.get(name)!;
        const scope = this.scope(request);
        const revision = this.before.get(name);
        const result =
          revision === undefined
            ? await helm.run([
                'uninstall',
                this.release,
                ...scope,
                '--wait',
                '--timeout',
                this.session.timeout,
              ])
            : await helm.run([
                'rollback',
                this.release,
                String(revision),
                ...scope,
                '--wait',
                '--timeout',
                this.session.timeout,
              ]);
        if (!result.ok)
          return { cluster: name, ok: false, message: `undo failed: ${result.stderr || result.stdout}` };
        const last = (await helm.history(this.release, scope).catch(() => [])).at(-1);
        return {
          cluster: name,
          ok: true,
          revision: revision === undefined ? undefined : last ? String(last.revision) : undefined,
          message:
            revision === undefined
              ? 'uninstalled (it was a first install)'
              : `rolled back to revision ${revision}`,
        };
      }),
    );
  }

  async close(): Promise<void> {
    if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
  }
}

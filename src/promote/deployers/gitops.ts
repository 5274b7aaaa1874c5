import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

import { EnvironmentError, UserError } from '../../core/errors.js';
import { shortDigest } from '../digest.js';
import { openGit } from '../../core/git.js';
import type { Deployer, DeployRequest, DeployResult, DeploySession, UndoResult } from './deployer.js';

const VALUES_FILE = 'values.yaml';
const BUNDLE_FILE = 'bundle.json';

type Git = import('simple-git').SimpleGit;

/** `clusters/{facility}/{cluster}` -> the cluster's directory in the environment repository. */
export function clusterPath(template: string, cluster: string, facility: string): string {
  const path = template.replaceAll('{cluster}', cluster).replaceAll('{facility}', facility);
  if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
    throw new UserError(
      `gitops.path "${template}" leaves the environment repository for cluster ${cluster}.`,
      {
        code: 'GITOPS_PATH_INVALID',
        hint: 'Use a relative path such as clusters/{facility}/{cluster}.',
      },
    );
  }
  return path;
}

const gitMessage = (error: unknown) =>
  ((error as Error).message ?? String(error)).trim().split('\n').slice(0, 3).join(' ');

/**
 * Deploys by committing to the environment repository that Argo CD or Flux watches: each
 * cluster's rendered values and a reference to the bundle under its path, one commit per wave
 * whose message carries the bundle digest and the approvers.
 */
export class GitopsDeployer implements Deployer {
  readonly name = 'gitops' as const;
  private dir?: string;
  private git?: Git;
  /** Files of each changed cluster before this run (undefined: absent), for undo. */
  private readonly before = new Map<string, Map<string, string | undefined>>();
  private readonly paths = new Map<string, string>();

  constructor(private readonly session: DeploySession) {}

  private get settings() {
    const gitops = this.session.env.gitops;
    if (!gitops) {
      throw new UserError(
        `Environment ${this.session.env.name} deploys with gitops but has no gitops section.`,
        {
          code: 'GITOPS_MISSING',
          hint: 'Add gitops.repo (the environment repository) to the environment in poc.yaml.',
        },
      );
    }
    return gitops;
  }

  /** A repository given as a relative path is relative to the project root. */
  private get repoUrl(): string {
    const repo = this.settings.repo;
    const looksLocal = !/^[a-z+]+:\/\//i.test(repo) && !/^[^/]+@[^:]+:/.test(repo);
    return looksLocal && !isAbsolute(repo) ? resolve(this.session.root, repo) : repo;
  }

  async preflight(requests: DeployRequest[]): Promise<void> {
    const { branch, path } = this.settings;
    for (const request of requests)
      this.paths.set(request.cluster.name, clusterPath(path, request.cluster.name, request.facility));
    this.dir = await mkdtemp(join(tmpdir(), 'poc-gitops-'));
    try {
      await (
        await openGit()
      ).clone(this.repoUrl, this.dir, ['--no-tags', '--single-branch', '--branch', branch]);
      this.git = await openGit(this.dir);
    } catch (first) {
      // An empty repository, or one without the branch yet: clone what is there, start the branch.
      await rm(this.dir, { recursive: true, force: true });
      await mkdir(this.dir, { recursive: true });
      try {
        await (await openGit()).clone(this.repoUrl, this.dir, ['--no-tags']);
      } catch {
        throw new EnvironmentError(
          `Cannot clone the environment repository ${this.settings.repo}: ${gitMessage(first)}`,
          {
            code: 'GITOPS_UNREACHABLE',
            hint: 'Check gitops.repo in poc.yaml and your git credentials (ssh agent or credential helper).',
          },
        );
      }
      this.git = await openGit(this.dir);
      await this.git.raw(['checkout', '-q', '--orphan', branch]);
      await this.git.raw(['rm', '-rfq', '--ignore-unmatch', '.']);
    }
  }

  private file(cluster: string, name: string): string {
    return join(this.dir!, this.paths.get(cluster)!, name);
  }

  private async snapshot(cluster: string): Promise<void> {
    if (this.before.has(cluster)) return;
    const files = new Map<string, string | undefined>();
    for (const name of [VALUES_FILE, BUNDLE_FILE])
      files.set(name, await readFile(this.file(cluster, name), 'utf8').catch(() => undefined));
    this.before.set(cluster, files);
  }

  private async write(cluster: string, name: string, content: string | undefined): Promise<void> {
    const file = this.file(cluster, name);
    if (content === undefined) await rm(file, { force: true });
    else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }

  /** Commits what is staged under the given clusters' paths and pushes; the new commit sha. */
  private async commitAndPush(clusters: string[], subject: string): Promise<string | undefined> {
    const git = this.git!;
    const paths = clusters.map((cluster) => this.paths.get(cluster)!);
    await git.raw(['add', '-A', '--', ...paths]);
    const { digest, bundle, actor, approvers, kind, env } = this.session;
    const body = [
      `Bundle: ${digest}`,
      `Commit: ${bundle.commit.sha}`,
      `Model: ${bundle.model.sha256}`,
      `Clusters: ${clusters.join(', ')}`,
      `Promoted-by: ${actor}`,
      ...(approvers.length
        ? approvers.map((approver) => `Approved-by: ${approver}`)
        : ['Approved-by: (none required)']),
    ].join('\n');
    // git says "nothing to commit" on stdout when the clusters already hold this bundle; that is
    // how we learn it without one more git process per wave.
    const output = await git
      .raw(['-c', 'core.abbrev=40', 'commit', '-m', subject, '-m', body])
      .catch((error: unknown) => {
        throw new EnvironmentError(`Cannot commit to the environment repository: ${gitMessage(error)}`, {
          code: 'GITOPS_COMMIT_FAILED',
          hint: 'Check git user.name and user.email are set (git config --global user.name ...).',
        });
      });
    // with core.abbrev=40 the summary line names the full commit: no rev-parse needed
    const sha = /^\[[^\]]* ([0-9a-f]{40})\]/m.exec(output)?.[1];
    const committed = sha !== undefined;
    if (!committed && !/nothing (added )?to commit/.test(output)) {
      throw new EnvironmentError(
        `git commit in the environment repository did not commit: ${output.trim().slice(0, 300)}`,
        {
          code: 'GITOPS_COMMIT_FAILED',
        },
      );
    }
    if (!committed) return undefined;
    const branch = this.settings.branch;
    try {
      await git.raw(['push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
    } catch {
      // Someone else pushed to the environment branch meanwhile: replay ours on top, once.
      try {
        await git.raw(['pull', '-q', '--rebase', 'origin', branch]);
        await git.raw(['push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
        return (await git.revparse(['HEAD'])).trim(); // the rebase made a new commit
      } catch (error) {
        throw new EnvironmentError(
          `Cannot push to ${this.settings.repo} (${branch}) for ${env.name} ${kind}: ${gitMessage(error)}`,
          {
            code: 'GITOPS_PUSH_FAILED',
            hint: 'Check your write access to the environment repository and branch protection rules.',
          },
        );
      }
    }
    return sha;
  }

  async deployWave(requests: DeployRequest[]): Promise<DeployResult[]> {
    const { stringify } = await import('yaml');
    const { digest, bundle, env, kind } = this.session;
    for (const request of requests) {
      const name = request.cluster.name;
      await this.snapshot(name);
      const header = `# Rendered by poc2prod for ${env.name}/${name}: bundle ${digest}\n# values hash ${request.valuesHash}. Edit poc.yaml and the values files, then promote; do not edit here.\n`;
      await this.write(name, VALUES_FILE, header + stringify(request.values));
      const reference = {
        bundle: digest,
        project: bundle.project,
        commit: bundle.commit.sha,
        image: bundle.image?.reference ?? null,
        model: { sha256: bundle.model.sha256, version: bundle.model.version },
        chart: bundle.chart,
        valuesHash: request.valuesHash,
      };
      await this.write(name, BUNDLE_FILE, `${JSON.stringify(reference, null, 2)}\n`);
    }
    const names = requests.map((request) => request.cluster.name);
    try {
      const sha = await this.commitAndPush(
        names,
        `${kind} ${env.name}: bundle ${shortDigest(digest)} to ${names.join(', ')}`,
      );
      return requests.map((request) => ({
        cluster: request.cluster.name,
        ok: true,
        changed: sha !== undefined,
        revision: sha ?? request.previous?.revision,
        message: sha
          ? `committed ${sha.slice(0, 12)} and pushed`
          : 'already at this bundle; nothing to commit',
      }));
    } catch (error) {
      await this.git!.raw(['reset', '-q', '--hard', `origin/${this.settings.branch}`]).catch(() => undefined);
      const message = (error as Error).message;
      return requests.map((request) => ({
        cluster: request.cluster.name,
        ok: false,
        changed: false,
        message,
      }));
    }
  }

  async undo(clusters: string[]): Promise<UndoResult[]> {
    for (const name of clusters) {
      for (const [file, content] of this.before.get(name) ?? []) await this.write(name, file, content);
    }
    try {
      const sha = await this.commitAndPush(
        clusters,
        `rollback ${this.session.env.name}: undo failed ${this.session.kind} of ${shortDigest(this.session.digest)} on ${clusters.join(', ')}`,
      );
      return clusters.map((cluster) => ({
        cluster,
        ok: true,
        revision: sha,
        message: sha ? `restored in ${sha.slice(0, 12)}` : 'nothing to restore',
      }));
    } catch (error) {
      return clusters.map((cluster) => ({
        cluster,
        ok: false,
        message: `undo failed: ${(error as Error).message}`,
      }));
    }
  }

  async close(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

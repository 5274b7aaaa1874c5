import { EnvironmentError } from '../../core/errors.js';
import { which } from '../../core/exec.js';

/** One `helm history -o json` row. */
export interface HelmRevision {
  revision: number;
  status: string;
  chart?: string;
  description?: string;
}

export interface HelmRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export const HELM_INSTALL_HINT =
  'Install Helm 3.8 or later (https://helm.sh/docs/intro/install/, e.g. "brew install helm" or the get-helm-3 script) and make sure it is on PATH, or deploy this environment with deployer: gitops.';

/** Runs helm through execa; never throws for a failing helm, only for a missing one. */
export class HelmCli {
  private constructor(
    readonly path: string,
    readonly major: number,
    /** Values files are named relative to the project root, so helm runs there. */
    readonly cwd: string,
  ) {}

  static async locate(cwd: string): Promise<HelmCli> {
    const path = await which('helm');
    if (!path) {
      throw new EnvironmentError('helm is not installed (not found on PATH).', {
        code: 'HELM_MISSING',
        hint: HELM_INSTALL_HINT,
      });
    }
    const cli = new HelmCli(path, 3, cwd);
    const version = await cli.run(['version', '--short']);
    const major = Number(/v(\d+)\./.exec(version.stdout)?.[1] ?? 3);
    if (!version.ok) {
      throw new EnvironmentError(`helm at ${path} does not run: ${version.stderr || version.stdout}`, {
        code: 'HELM_BROKEN',
        hint: HELM_INSTALL_HINT,
      });
    }
    return new HelmCli(path, major, cwd);
  }

  /** Helm 4 renamed --atomic to --rollback-on-failure (helm#31900); use the installed name. */
  get rollbackOnFailureFlag(): string {
    return this.major >= 4 ? '--rollback-on-failure' : '--atomic';
  }

  async run(args: string[]): Promise<HelmRun> {
    const { execa } = await import('execa');
    const result = await execa(this.path, args, { reject: false, stdin: 'ignore', cwd: this.cwd });
    return {
      ok: result.exitCode === 0,
      stdout: String(result.stdout ?? '').trim(),
      stderr: String(result.stderr ?? '').trim(),
    };
  }

  /** The release's revisions, oldest first; empty when the release does not exist. */
  async history(release: string, scope: string[]): Promise<HelmRevision[]> {
    const result = await this.run(['history', release, ...scope, '--max', '50', '-o', 'json']);
    if (!result.ok) {
      if (/not found/i.test(result.stderr)) return [];
      throw new EnvironmentError(`helm history ${release} failed: ${result.stderr || result.stdout}`, {
        code: 'HELM_FAILED',
        hint: 'Check that the kube context reaches the cluster ("kubectl --context CONTEXT get ns").',
      });
    }
    try {
      const rows = JSON.parse(result.stdout || '[]') as HelmRevision[];
      return rows.sort((a, b) => a.revision - b.revision);
    } catch {
      throw new EnvironmentError(`helm history ${release} printed something other than JSON.`, {
        code: 'HELM_FAILED',
      });
    }
  }
}

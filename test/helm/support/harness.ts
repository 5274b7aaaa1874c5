import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HARNESS_SOURCE = fileURLToPath(new URL('../harness', import.meta.url));

/**
 * Builds the Go render harness (test/helm/harness) once per source version and returns the
 * binary's path. GOPATH mode against Debian's Sprig and yaml.v3 packages: no module download.
 * The binary lives in the temp dir, keyed by a hash of the sources, never in the repository.
 */
export async function harnessBinary(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(HARNESS_SOURCE)
    .filter((name) => name.endsWith('.go'))
    .sort()) {
    hash.update(file).update(readFileSync(join(HARNESS_SOURCE, file)));
  }
  const binary = join(tmpdir(), `poc-helm-render-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return binary;

  // Build to a private name and rename: test files building at the same time never see a
  // half-written binary.
  const building = `${binary}.${process.pid}.${Date.now()}`;
  try {
    await run('go', ['build', '-o', building, '.'], {
      cwd: HARNESS_SOURCE,
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH: '/usr/share/gocode',
        GOFLAGS: '',
        // go needs a build cache; CI environments without HOME get one in the temp dir.
        ...(process.env.GOCACHE || process.env.XDG_CACHE_HOME || process.env.HOME
          ? {}
          : { GOCACHE: join(tmpdir(), 'poc-go-build-cache') }),
      },
    });
  } catch (error) {
    rmSync(building, { force: true });
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT') {
      throw new Error(
        'go is not on PATH: install the Debian packages golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v3-dev',
      );
    }
    throw new Error(`building the Helm render harness failed:\n${stderr ?? String(error)}`);
  }
  renameSync(building, binary);
  return binary;
}

import { isExecutable, probe, which } from '../core/exec.js';
import type { Finding } from './item.js';

const MIN_NODE = [20, 19] as const;

export function checkNode(version = process.versions.node): Finding {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return {
    ok,
    detail: `v${version} (needs >= ${MIN_NODE.join('.')})`,
    hint: 'Install Node.js 20.19 or newer (22 or 24 LTS recommended), e.g. with nvm or your package manager.',
  };
}

/** A command-line tool: found on PATH, and its version answers. */
export async function checkTool(command: string, versionArgs: string[], hint: string): Promise<Finding> {
  const path = await which(command);
  if (!path) return { ok: false, detail: 'not found on PATH', hint };
  const result = await probe(path, versionArgs);
  const firstLine = (result.stdout || result.stderr).split('\n')[0] ?? '';
  return result.ok
    ? { ok: true, detail: firstLine || path }
    : { ok: false, detail: `${path} does not run: ${firstLine || `exit ${result.exitCode}`}`, hint };
}

/** docker or podman, and whether an engine answers (the client alone cannot build). */
export async function checkContainerBuilder(): Promise<Finding> {
  const hint =
    'Install Docker (https://docs.docker.com/engine/install/) or Podman, and start its engine; CI builds images too.';
  for (const tool of ['docker', 'podman']) {
    const path = await which(tool);
    if (!path) continue;
    const server = await probe(path, ['version', '--format', '{{.Server.Version}}'], 4000);
    if (server.ok && server.stdout) return { ok: true, detail: `${tool} (engine ${server.stdout})` };
    return { ok: true, degraded: true, detail: `${tool} client found, but no engine answers`, hint };
  }
  return { ok: false, detail: 'neither docker nor podman found', hint };
}

/** A python3 that imports torch and onnx, for the training code. */
export async function checkPythonTraining(): Promise<Finding> {
  // Debian's python3-torch lives in /usr/bin/python3, which another python3 on PATH may shadow.
  const candidates = new Set(['/usr/bin/python3', (await which('python3')) ?? '']);
  const script = 'import torch, onnx; print("torch", torch.__version__, "onnx", onnx.__version__)';
  const tried: string[] = [];
  for (const python of candidates) {
    if (!python || !(await isExecutable(python))) continue;
    const result = await probe(python, ['-c', script], 20_000);
    if (result.ok) return { ok: true, detail: `${python}: ${result.stdout}` };
    tried.push(python);
  }
  return {
    ok: false,
    detail: tried.length ? `no torch and onnx in ${tried.join(', ')}` : 'python3 not found',
    hint: 'Install PyTorch and ONNX for training, e.g. "apt-get install python3-torch python3-onnx" on Debian, or pip in a venv.',
  };
}

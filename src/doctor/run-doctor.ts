import { toItem, type DoctorItem } from './item.js';
import { checkDataRemote, checkDisk, checkEndpoint } from './services.js';
import { checkContainerBuilder, checkNode, checkPythonTraining, checkTool } from './tools.js';
import type { Manifest } from '../manifest/index.js';

export interface DoctorOptions {
  /** The project's manifest and root, when doctor runs inside a project. */
  project?: { root: string; manifest: Manifest };
  /** Check this environment's endpoints as required (otherwise they are advisory). */
  env?: string;
  timeoutMs?: number;
}

export interface DoctorReport {
  ok: boolean;
  project?: string;
  items: DoctorItem[];
}

const HELM_HINT =
  'Install Helm 3: https://helm.sh/docs/intro/install/ (a single binary; "helm version" should answer).';
const KUBECTL_HINT =
  'Install kubectl: https://kubernetes.io/docs/tasks/tools/ and configure the cluster contexts.';
const GIT_HINT = 'Install git, e.g. "apt-get install git"; poc data, audit and promote read the history.';

/** Checks this machine for what the project needs; all checks run at once. */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const manifest = options.project?.manifest;
  const timeoutMs = options.timeoutMs ?? 2000;
  const deploysWithHelm = manifest?.environments.some((env) => env.deployer === 'helm') ?? false;

  const checks: Promise<DoctorItem>[] = [
    Promise.resolve(toItem('node', 'Node.js', true, checkNode())),
    checkTool('git', ['--version'], GIT_HINT).then((f) => toItem('git', 'git', true, f)),
    checkTool('helm', ['version', '--short'], HELM_HINT).then((f) =>
      toItem('helm', 'helm', deploysWithHelm, f),
    ),
    checkTool('kubectl', ['version', '--client'], KUBECTL_HINT).then((f) =>
      toItem('kubectl', 'kubectl', false, f),
    ),
    checkContainerBuilder().then((f) => toItem('container', 'container builder', false, f)),
    checkPythonTraining().then((f) => toItem('python', 'python3 + torch + onnx', false, f)),
    checkDisk(options.project?.root ?? process.cwd()).then((f) => toItem('disk', 'free disk', true, f)),
  ];
  if (manifest && options.project) {
    const { root } = options.project;
    checks.push(
      checkDataRemote(manifest.data.remote, root, timeoutMs).then((f) =>
        toItem('data-remote', `data remote (${manifest.data.remote.type})`, true, f),
      ),
    );
    for (const integration of manifest.integrations.filter((i) => i.kind === 'mqtt')) {
      for (const [env, url] of Object.entries(integration.endpoints)) {
        if (options.env !== undefined && env !== options.env) continue;
        const required = options.env === env;
        checks.push(
          checkEndpoint(url, 'MQTT broker', timeoutMs).then((f) =>
            toItem(`mqtt:${integration.name}:${env}`, `MQTT ${integration.name} (${env})`, required, f),
          ),
        );
      }
    }
  }
  const items = await Promise.all(checks);
  return { ok: items.every((item) => item.status !== 'fail'), project: manifest?.project.name, items };
}

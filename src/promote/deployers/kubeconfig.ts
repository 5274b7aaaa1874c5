import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The kubeconfig files Helm and kubectl read: $KUBECONFIG (a list) or ~/.kube/config. */
export function kubeconfigFiles(env = process.env): string[] {
  const list = env.KUBECONFIG?.split(delimiter).filter(Boolean);
  return list?.length ? list : [join(homedir(), '.kube', 'config')];
}

/** Context names across the kubeconfig files; a missing or unreadable file contributes none. */
export async function kubeContexts(files = kubeconfigFiles()): Promise<Set<string>> {
  const { parse } = await import('yaml');
  const names = new Set<string>();
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (!text) continue;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      continue;
    }
    const contexts = (doc as { contexts?: unknown })?.contexts;
    if (!Array.isArray(contexts)) continue;
    for (const context of contexts) {
      const name = (context as { name?: unknown })?.name;
      if (typeof name === 'string') names.add(name);
    }
  }
  return names;
}

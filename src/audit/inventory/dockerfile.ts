import type { Evidence } from '../types.js';
import type { RepoFile } from './walk.js';

export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with their lines; continuation lines are joined, comments dropped. */
export function instructions(file: RepoFile): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  const lines = (file.text ?? '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i]!.trim();
    if (!text || text.startsWith('#')) continue;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!.trim()}`;
    const match = /^([A-Za-z]+)\s+([\s\S]*)$/.exec(text);
    if (match) out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start + 1 });
  }
  return out;
}

/** The instructions of the last build stage: what the runtime image is made of. */
export function finalStage(file: RepoFile): DockerInstruction[] {
  const all = instructions(file);
  let from = -1;
  all.forEach((instruction, i) => {
    if (instruction.keyword === 'FROM') from = i;
  });
  return from === -1 ? all : all.slice(from);
}

/** The `USER` the runtime image ends with, or undefined (root). */
export function runtimeUser(file: RepoFile): { user: string; evidence: Evidence } | undefined {
  const users = finalStage(file).filter((instruction) => instruction.keyword === 'USER');
  const last = users.at(-1);
  if (!last) return undefined;
  return {
    user: last.args.split(/\s+/)[0] ?? '',
    evidence: { file: file.path, line: last.line, text: `USER ${last.args}` },
  };
}

export const isRootUser = (user: string) => /^(root|0)(:|$)/.test(user);

/** `FROM` lines whose image floats (no tag, or `latest`) and is not an earlier stage. */
export function floatingBaseImages(file: RepoFile): Evidence[] {
  const stages = new Set<string>();
  const found: Evidence[] = [];
  for (const instruction of instructions(file)) {
    if (instruction.keyword !== 'FROM') continue;
    const parts = instruction.args.split(/\s+/).filter((part) => !part.startsWith('--'));
    const image = parts[0] ?? '';
    const alias = /^as$/i.test(parts[1] ?? '') ? parts[2] : undefined;
    if (!stages.has(image) && image !== 'scratch' && !image.includes('@sha256:') && !image.includes('$')) {
      const tag = /:([^/:]+)$/.exec(image)?.[1];
      if (!tag || tag === 'latest')
        found.push({ file: file.path, line: instruction.line, text: `FROM ${instruction.args}` });
    }
    if (alias) stages.add(alias);
  }
  return found;
}

import { writeFileAtomic } from '../core/atomic-write.js';
import type { BenchEvidence } from './evidence.js';
import { renderJunit } from './report/junit.js';
import { renderMarkdown } from './report/markdown.js';
import { renderSvg } from './report/svg.js';

export interface ReportTargets {
  markdown?: string;
  junit?: string;
  plot?: string;
}

/** Writes the requested report files, each atomically. */
export async function writeReports(evidence: BenchEvidence, targets: ReportTargets): Promise<string[]> {
  const written: string[] = [];
  const write = async (file: string | undefined, render: (e: BenchEvidence) => string) => {
    if (!file) return;
    await writeFileAtomic(file, render(evidence));
    written.push(file);
  };
  await write(targets.markdown, renderMarkdown);
  await write(targets.junit, renderJunit);
  await write(targets.plot, renderSvg);
  return written;
}

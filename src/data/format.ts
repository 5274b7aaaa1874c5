import type { TransferProgress } from './transfer-progress.js';

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export const shortRoot = (root: string) => root.replace(/^sha256:/, '').slice(0, 12);

/** "push 120/1000 files  12.0 MiB/97.7 MiB  8.1 MiB/s": the progress line on stderr. */
export function formatProgress(progress: TransferProgress, startedAt: number, now = Date.now()): string {
  const seconds = Math.max((now - startedAt) / 1000, 0.001);
  return `${progress.phase} ${progress.files}/${progress.totalFiles} files  ${formatBytes(progress.bytes)}/${formatBytes(progress.totalBytes)}  ${formatBytes(progress.bytes / seconds)}/s`;
}

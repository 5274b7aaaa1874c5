/** Counters a long transfer reports; the command turns them into a progress line with a rate. */
export interface TransferProgress {
  phase: string;
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export type ProgressListener = (progress: TransferProgress) => void;

export function progressCounter(
  phase: string,
  totalFiles: number,
  totalBytes: number,
  listener?: ProgressListener,
) {
  const state: TransferProgress = { phase, files: 0, totalFiles, bytes: 0, totalBytes };
  return (files: number, bytes: number) => {
    state.files += files;
    state.bytes += bytes;
    listener?.({ ...state });
  };
}

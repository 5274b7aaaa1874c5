import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * An append-only JSON-lines file. Appends are serialised through one file handle and batched:
 * records that arrive while a write is in flight go out together in the next write. With
 * `durable`, each batch is fsync'ed before its appends resolve, so an acknowledged record
 * survives a crash (reviews, feedback, accepted telemetry). Without it, records reach the OS
 * promptly but a power cut may lose the last few (the prediction log).
 */
export class JsonlLog {
  private handle: FileHandle | undefined;
  private pending: { line: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly durable: boolean,
  ) {}

  append(record: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          if (!this.handle) {
            await mkdir(dirname(this.path), { recursive: true });
            this.handle = await open(this.path, 'a');
          }
          await this.handle.write(batch.map((entry) => entry.line).join(''));
          if (this.durable) await this.handle.datasync();
          for (const entry of batch) entry.resolve();
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  /** Wait for every queued append, then close the file. */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
    await this.handle?.close();
    this.handle = undefined;
  }

  /** Every record in the file, oldest first; a torn last line (crash mid-write) is skipped. */
  static async *read<T>(path: string): AsyncGenerator<T> {
    let stream;
    try {
      stream = createReadStream(path, 'utf8');
      await new Promise<void>((resolve, reject) =>
        stream!.once('open', () => resolve()).once('error', reject),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      try {
        yield JSON.parse(line) as T;
      } catch {
        // a partial line from an interrupted write: the record was never acknowledged
      }
    }
  }
}

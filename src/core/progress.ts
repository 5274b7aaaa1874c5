/**
 * Progress on stderr. It is drawn only when stderr is a terminal, outside CI and without --json,
 * so logs and machine-read output never carry it (DESIGN.md, house style 3).
 */
export interface Progress {
  /** Replaces the current status line, e.g. "pushing 120/1000 files, 12 MB/s". */
  update(text: string): void;
  /** Clears the status line. */
  done(): void;
}

const silent: Progress = { update() {}, done() {} };

export function progressEnabled(json: boolean, stream: NodeJS.WriteStream = process.stderr): boolean {
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
  return !json && !ci && Boolean(stream.isTTY);
}

export function createProgress(json: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!progressEnabled(json, stream)) return silent;
  let lastDraw = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - lastDraw < 80) return; // a terminal cannot show more, and writes cost time
      lastDraw = now;
      const width = stream.columns ?? 80;
      stream.write(`\r\u001B[2K${text.slice(0, width - 1)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001B[2K');
      shown = false;
    },
  };
}

/** Errors worth another attempt: dropped connections, timeouts, throttling and 5xx answers. */
export function isTransient(error: unknown): boolean {
  const e = error as {
    code?: string;
    name?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (e?.$retryable) return true;
  return [
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'TimeoutError',
    'SlowDown',
    'RequestTimeout',
  ].some((code) => e?.code === code || e?.name === code);
}

export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
}

/** Retries transient failures with exponential backoff and full jitter (AWS's recommendation). */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      const delay = Math.random() * base * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

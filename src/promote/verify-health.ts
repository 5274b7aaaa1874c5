import { redactUrl } from '../core/net.js';

/**
 * Polls a health URL until it answers 2xx or the time is up. Deployers say a rollout finished;
 * this says the service answers.
 */
export async function checkHealth(
  url: string,
  timeoutMs: number,
  intervalMs = 1000,
): Promise<{ ok: boolean; message: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(1000, Math.min(5000, timeoutMs))),
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, message: `${redactUrl(url)} answered ${response.status}` };
      last = `HTTP ${response.status}`;
    } catch (error) {
      last =
        (error as Error).cause instanceof Error
          ? ((error as Error).cause as Error).message
          : (error as Error).message;
    }
    if (Date.now() + intervalMs > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return {
    ok: false,
    message: `${redactUrl(url)} not healthy within ${Math.round(timeoutMs / 1000)}s (${last})`,
  };
}

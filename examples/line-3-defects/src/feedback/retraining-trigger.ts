import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomic.js';

export interface TriggerEvent {
  project: string;
  modelVersion: string;
  reason: string;
  accuracy: number;
  minAccuracy: number;
  window: number;
  at: string;
}

export interface TriggerSettings {
  dataDir: string;
  cooldownMs: number;
  webhook?: string;
}

/**
 * Fires the retraining request at most once per cooldown, across restarts (the last firing is
 * persisted). With a webhook in poc.yaml it POSTs the event there; without one, or when the
 * webhook fails, it writes a marker file (retraining/requested-<time>.json in the data dir)
 * that the retraining workflow picks up. Returns the channel used, or undefined when cooling down.
 */
export class RetrainingTrigger {
  constructor(private readonly settings: TriggerSettings) {}

  private get statePath(): string {
    return join(this.settings.dataDir, 'retraining', 'state.json');
  }

  async fire(
    event: TriggerEvent,
    now = Date.now(),
  ): Promise<'webhook' | 'marker' | 'webhook-failed' | undefined> {
    const last = await this.lastFiredAt();
    if (last !== undefined && now - last < this.settings.cooldownMs) return undefined;
    await writeFileAtomic(
      this.statePath,
      `${JSON.stringify({ lastFiredAt: new Date(now).toISOString(), event })}\n`,
    );
    if (this.settings.webhook) {
      try {
        const response = await fetch(this.settings.webhook, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(5_000),
        });
        if (response.ok) return 'webhook';
      } catch {
        // fall through to the marker file: the request must not be lost
      }
      await this.writeMarker(event, now);
      return 'webhook-failed';
    }
    await this.writeMarker(event, now);
    return 'marker';
  }

  private async writeMarker(event: TriggerEvent, now: number): Promise<void> {
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    await writeFileAtomic(
      join(this.settings.dataDir, 'retraining', `requested-${stamp}.json`),
      `${JSON.stringify(event, null, 2)}\n`,
    );
  }

  private async lastFiredAt(): Promise<number | undefined> {
    try {
      const state = JSON.parse(await readFile(this.statePath, 'utf8')) as { lastFiredAt?: string };
      const at = Date.parse(state.lastFiredAt ?? '');
      return Number.isFinite(at) ? at : undefined;
    } catch {
      return undefined;
    }
  }
}

import { join } from 'node:path';
import { JsonlLog } from './jsonl-log.js';

export interface PredictionRecord {
  id: string;
  at: string;
  modelVersion: string;
  predicted: string;
  confidence: number;
  decision: 'accept' | 'review';
  source: 'api' | 'ingestion';
}

/** Predictions kept in memory for feedback look-ups; older ones are forgotten (404 on feedback). */
const REMEMBERED = 200_000;

/**
 * Every prediction (no payload: ids, class, confidence, decision), so that ground truth sent
 * later to POST /v1/feedback can be matched with what the model said. Replayed at start.
 */
export class PredictionLog {
  private readonly byId = new Map<string, PredictionRecord>();
  private readonly log: JsonlLog;

  private constructor(
    dataDir: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.log = new JsonlLog(join(dataDir, 'predictions', 'predictions.jsonl'), false);
  }

  static async open(dataDir: string, onError: (error: unknown) => void): Promise<PredictionLog> {
    const store = new PredictionLog(dataDir, onError);
    for await (const record of JsonlLog.read<PredictionRecord>(store.log.path)) store.remember(record);
    return store;
  }

  /** Indexes at once; the returned promise settles when the line is written (never rejects). */
  async record(prediction: PredictionRecord): Promise<void> {
    this.remember(prediction);
    await this.log.append(prediction).catch((error: unknown) => this.onError(error));
  }

  get(id: string): PredictionRecord | undefined {
    return this.byId.get(id);
  }

  close(): Promise<void> {
    return this.log.close();
  }

  private remember(record: PredictionRecord): void {
    this.byId.set(record.id, record);
    if (this.byId.size > REMEMBERED) this.byId.delete(this.byId.keys().next().value!);
  }
}

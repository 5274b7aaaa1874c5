import { join } from 'node:path';
import { JsonlLog } from './jsonl-log.js';

export interface ReviewItem {
  predictionId: string;
  at: string;
  modelVersion: string;
  predicted: string;
  confidence: number;
  /** Why a human must look: low-confidence, out-of-distribution:<feature>. */
  reasons: string[];
  /** The input as received: reviewers need it, and a labelled item becomes training data. */
  input: unknown;
}

/** Durable queue of predictions that need a human: fsync'ed before the API answers. */
export class ReviewQueue {
  private readonly log: JsonlLog;

  constructor(dataDir: string) {
    this.log = new JsonlLog(ReviewQueue.pathIn(dataDir), true);
  }

  static pathIn(dataDir: string): string {
    return join(dataDir, 'reviews', 'queue.jsonl');
  }

  enqueue(item: ReviewItem): Promise<void> {
    return this.log.append(item);
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

import { join } from 'node:path';
import type { FeedbackRecord } from '../feedback/feedback-service.js';
import { writeFileAtomic } from './atomic.js';
import { JsonlLog } from './jsonl-log.js';
import { ReviewQueue, type ReviewItem } from './review-queue.js';

/** The review queue, minus items that already have ground truth, as a labelling batch. */
export async function exportReviews(dataDir: string, out: string, limit = Infinity): Promise<number> {
  const answered = new Set<string>();
  for await (const record of JsonlLog.read<FeedbackRecord>(join(dataDir, 'feedback', 'feedback.jsonl'))) {
    answered.add(record.predictionId);
  }
  const lines: string[] = [];
  for await (const item of JsonlLog.read<ReviewItem>(ReviewQueue.pathIn(dataDir))) {
    if (answered.has(item.predictionId) || lines.length >= limit) continue;
    const entry = {
      predictionId: item.predictionId,
      at: item.at,
      modelVersion: item.modelVersion,
      predicted: item.predicted,
      confidence: item.confidence,
      reasons: item.reasons,
      input: item.input,
      label: null,
    };
    lines.push(`${JSON.stringify(entry)}\n`);
  }
  await writeFileAtomic(out, lines.join(''));
  return lines.length;
}

import { join } from 'node:path';
import type { Metrics } from '../monitoring/metrics.js';
import { JsonlLog } from '../store/jsonl-log.js';
import type { PredictionRecord } from '../store/prediction-log.js';
import type { RetrainingTrigger } from './retraining-trigger.js';
import { RollingScores, outcomeKind, type Scores } from './rolling-scores.js';

export interface FeedbackRecord {
  predictionId: string;
  at: string;
  modelVersion: string;
  predicted: string;
  actual: string;
  /** Who reported the ground truth, e.g. qc, mes. */
  source: string;
  note?: string;
}

export interface FeedbackSettings {
  dataDir: string;
  projectName: string;
  positiveClass: string;
  window: number;
  minAccuracy: number;
}

export class DuplicateFeedbackError extends Error {
  constructor(readonly predictionId: string) {
    super(`prediction ${predictionId} already has feedback`);
  }
}

/** Accuracy is judged only once the window holds this many outcomes (or the whole window). */
const MIN_EVIDENCE = 50;

/**
 * Ground truth from QC or MES: stored durably, scored per model version over a rolling window,
 * and compared with poc.yaml's retraining threshold.
 */
export class FeedbackService {
  private readonly log: JsonlLog;
  private readonly windows = new Map<string, RollingScores>();
  private readonly answered = new Set<string>();

  private constructor(
    private readonly settings: FeedbackSettings,
    private readonly metrics: Metrics,
    private readonly trigger: RetrainingTrigger,
  ) {
    this.log = new JsonlLog(join(settings.dataDir, 'feedback', 'feedback.jsonl'), true);
  }

  static async open(
    settings: FeedbackSettings,
    metrics: Metrics,
    trigger: RetrainingTrigger,
  ): Promise<FeedbackService> {
    const service = new FeedbackService(settings, metrics, trigger);
    for await (const record of JsonlLog.read<FeedbackRecord>(service.log.path)) service.count(record);
    for (const version of service.windows.keys()) service.publish(version);
    return service;
  }

  hasAnswer(predictionId: string): boolean {
    return this.answered.has(predictionId);
  }

  async submit(
    prediction: PredictionRecord,
    actual: string,
    source: string,
    note?: string,
  ): Promise<{ outcome: string; scores: Scores; retraining?: string }> {
    const record: FeedbackRecord = {
      predictionId: prediction.id,
      at: new Date().toISOString(),
      modelVersion: prediction.modelVersion,
      predicted: prediction.predicted,
      actual,
      source,
      ...(note ? { note } : {}),
    };
    // Reserve the id before the write: two concurrent answers for one prediction cannot both pass.
    if (this.answered.has(record.predictionId)) throw new DuplicateFeedbackError(record.predictionId);
    this.answered.add(record.predictionId);
    try {
      await this.log.append(record);
    } catch (error) {
      this.answered.delete(record.predictionId);
      throw error;
    }
    this.count(record);
    const outcome = outcomeKind(record, this.settings.positiveClass);
    this.metrics.feedback.inc({ version: record.modelVersion, outcome });
    const scores = this.publish(record.modelVersion);
    const retraining = await this.checkRetraining(record.modelVersion, scores);
    return { outcome, scores, ...(retraining ? { retraining } : {}) };
  }

  close(): Promise<void> {
    return this.log.close();
  }

  private count(record: FeedbackRecord): void {
    this.answered.add(record.predictionId);
    let window = this.windows.get(record.modelVersion);
    if (!window) {
      window = new RollingScores(this.settings.window, this.settings.positiveClass);
      this.windows.set(record.modelVersion, window);
    }
    window.add(record);
  }

  private publish(version: string): Scores {
    const scores = this.windows.get(version)!.scores();
    this.metrics.feedbackWindow.set({ version }, scores.count);
    this.metrics.feedbackAccuracy.set({ version }, scores.accuracy);
    this.metrics.feedbackPrecision.set({ version }, scores.precision);
    this.metrics.feedbackRecall.set({ version }, scores.recall);
    return scores;
  }

  private async checkRetraining(version: string, scores: Scores): Promise<string | undefined> {
    const { minAccuracy, window, projectName } = this.settings;
    if (scores.count < Math.min(window, MIN_EVIDENCE) || !(scores.accuracy < minAccuracy)) return undefined;
    const channel = await this.trigger.fire({
      project: projectName,
      modelVersion: version,
      reason: `rolling accuracy ${scores.accuracy.toFixed(3)} over ${scores.count} outcomes is below ${minAccuracy}`,
      accuracy: scores.accuracy,
      minAccuracy,
      window: scores.count,
      at: new Date().toISOString(),
    });
    if (channel) this.metrics.retrainingTriggers.inc({ channel });
    return channel;
  }
}

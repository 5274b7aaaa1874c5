import { randomUUID } from 'node:crypto';
import { featuresOf, useCase, type PredictInput } from '../features/index.js';
import type { Model } from '../model/model.js';
import { outOfDistribution, type TrainingProfile } from '../model/profile.js';
import type { DriftMonitor } from '../monitoring/drift.js';
import type { Metrics } from '../monitoring/metrics.js';
import type { PredictionLog } from '../store/prediction-log.js';
import type { ReviewQueue } from '../store/review-queue.js';
import { decide } from './decide.js';

export interface Prediction {
  predictionId: string;
  modelVersion: string;
  prediction: string;
  confidence: number;
  probabilities: Record<string, number>;
  decision: 'accept' | 'review';
  reasons: string[];
  action?: string;
  /** Only with explain: the feature vector and the features outside the training profile. */
  explanation?: { features: Record<string, number>; outOfDistribution: string[] };
}

export interface PredictorParts {
  model: Model;
  profile: TrainingProfile;
  drift: DriftMonitor;
  metrics: Metrics;
  predictions: PredictionLog;
  reviews: ReviewQueue;
  modelVersion: string;
  confidenceThreshold: number;
  safeDefaultAction: string;
}

export class UnscorableInputError extends Error {}

/** Scores one validated input; the single path for the API and the ingestion stream. */
export class Predictor {
  constructor(private readonly parts: PredictorParts) {}

  async predict(input: PredictInput, source: 'api' | 'ingestion', explain = false): Promise<Prediction> {
    const { model, profile, drift, metrics, modelVersion } = this.parts;
    const stopTimer = metrics.inferenceLatency.startTimer();
    const features = featuresOf(input);
    if (!features.ok)
      throw new UnscorableInputError(`feature ${features.feature} is not a finite number for this input`);
    const outside = outOfDistribution(profile, features.values);
    const { probabilities } = await model.score(features.values);
    stopTimer();

    let best = 0;
    probabilities.forEach((p, i) => {
      if (p > (probabilities[best] ?? -1)) best = i;
    });
    const prediction = useCase.classes[best] ?? String(best);
    const confidence = probabilities[best] ?? 0;
    const verdict = decide(confidence, outside, this.parts);
    const result: Prediction = {
      predictionId: randomUUID(),
      modelVersion,
      prediction,
      confidence,
      probabilities: Object.fromEntries(useCase.classes.map((name, i) => [name, probabilities[i] ?? 0])),
      ...verdict,
      ...(explain
        ? {
            explanation: {
              features: Object.fromEntries(
                useCase.featureNames.map((name, i) => [name, features.values[i] ?? Number.NaN]),
              ),
              outOfDistribution: outside,
            },
          }
        : {}),
    };

    drift.observe(features.values);
    metrics.predictions.inc({ class: prediction, decision: verdict.decision });
    metrics.confidence.observe(confidence);
    if (outside.length > 0) {
      metrics.ood.inc();
      for (const feature of outside) metrics.oodByFeature.inc({ feature });
    }
    const at = new Date().toISOString();
    // Not awaited: the in-memory index is updated at once (feedback can refer to this id right
    // away) and the file write is batched in the background.
    void this.parts.predictions.record({
      id: result.predictionId,
      at,
      modelVersion,
      predicted: prediction,
      confidence,
      decision: verdict.decision,
      source,
    });
    if (verdict.decision === 'review') {
      for (const reason of verdict.reasons) metrics.reviews.inc({ reason: reason.split(':')[0]! });
      // Durable before we answer: a review the caller was told about must not be lost.
      await this.parts.reviews.enqueue({
        predictionId: result.predictionId,
        at,
        modelVersion,
        predicted: prediction,
        confidence,
        reasons: verdict.reasons,
        input,
      });
    }
    return result;
  }
}

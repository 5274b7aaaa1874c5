import type { Logger } from 'pino';
import type { RuntimeConfig } from './config.js';
import { Predictor } from './decisions/predictor.js';
import { FeedbackService } from './feedback/feedback-service.js';
import { RetrainingTrigger } from './feedback/retraining-trigger.js';
import { useCase } from './features/index.js';
import { loadModel, type Model } from './model/model.js';
import { loadProfile } from './model/profile.js';
import { DriftMonitor } from './monitoring/drift.js';
import { createMetrics, type Metrics } from './monitoring/metrics.js';
import { PredictionLog } from './store/prediction-log.js';
import { ReviewQueue } from './store/review-queue.js';

/**
 * Everything the app holds for its lifetime: stores, metrics, the model once loaded, and
 * whether it is ready. Loading is separate from construction so /healthz answers while the
 * model loads and /readyz says why it is not ready (missing or corrupt model, wrong shape).
 */
export class Runtime {
  predictor: Predictor | undefined;
  drift: DriftMonitor | undefined;
  /** Why the app is not ready; undefined once ready. */
  notReadyReason: string | undefined = 'model is loading';
  private model: Model | undefined;

  private constructor(
    readonly config: RuntimeConfig,
    readonly metrics: Metrics,
    readonly predictions: PredictionLog,
    readonly reviews: ReviewQueue,
    readonly feedback: FeedbackService,
    private readonly logger: Logger,
  ) {}

  static async open(config: RuntimeConfig, logger: Logger): Promise<Runtime> {
    const metrics = createMetrics(config.sla.boundMs / 1000);
    const trigger = new RetrainingTrigger({
      dataDir: config.dataDir,
      cooldownMs: config.retraining.cooldownMs,
      ...(config.retraining.webhook ? { webhook: config.retraining.webhook } : {}),
    });
    const feedback = await FeedbackService.open(
      {
        dataDir: config.dataDir,
        projectName: config.projectName,
        positiveClass: useCase.positiveClass,
        window: config.retraining.window,
        minAccuracy: config.retraining.minAccuracy,
      },
      metrics,
      trigger,
    );
    const predictions = await PredictionLog.open(config.dataDir, (error) =>
      logger.error({ err: error }, 'prediction log write failed'),
    );
    return new Runtime(config, metrics, predictions, new ReviewQueue(config.dataDir), feedback, logger);
  }

  get ready(): boolean {
    return this.notReadyReason === undefined;
  }

  /** Load and warm the model; on failure stay up, not ready, and say why. */
  async load(): Promise<void> {
    const { config, metrics } = this;
    try {
      const profile = await loadProfile(config.profilePath, useCase.featureNames, useCase.classes);
      this.model = await loadModel(config.modelPath, config.session, {
        features: useCase.featureNames.length,
        classes: useCase.classes.length,
      });
      this.drift = new DriftMonitor(profile, config.driftWindow);
      this.predictor = new Predictor({
        model: this.model,
        profile,
        drift: this.drift,
        metrics,
        predictions: this.predictions,
        reviews: this.reviews,
        modelVersion: config.modelVersion,
        confidenceThreshold: config.confidenceThreshold,
        safeDefaultAction: config.safeDefaultAction,
      });
      metrics.modelInfo.set({ version: config.modelVersion }, 1);
      metrics.modelReady.set(1);
      this.notReadyReason = undefined;
      this.logger.info(
        { model: config.modelPath, version: config.modelVersion },
        'model loaded and warmed up',
      );
    } catch (error) {
      this.notReadyReason = error instanceof Error ? error.message : String(error);
      metrics.modelReady.set(0);
      this.logger.error({ reason: this.notReadyReason }, 'model not loaded: the app stays not ready');
    }
  }

  /** Set on SIGTERM: readiness goes false so the load balancer stops sending new work. */
  stopping = false;

  async close(): Promise<void> {
    await Promise.all([this.predictions.close(), this.reviews.close(), this.feedback.close()]);
    const model = this.model;
    this.model = undefined;
    await model?.close();
  }
}

/**
 * What a use case plugs into the runtime. The serving app, the ingestion subscriber and the
 * training-table build all go through one UseCase, so a feature is computed by one function
 * everywhere (train/serve skew is the silent killer of pilots that "worked").
 */

/** One numeric signal of the MQTT telemetry (mirrors contracts/sensors.asyncapi.yaml). */
export interface SignalSpec {
  name: string;
  /** Engineering unit, as the contract's x-unit. */
  unit: string;
  /** Physically possible range (the contract's minimum/maximum); outside it is rejected. */
  min: number;
  max: number;
}

/** One telemetry sample as the contract defines it (validated before anyone reads it). */
export interface Telemetry {
  timestamp: string;
  sequence: number;
  quality: 'good' | 'uncertain' | 'bad';
  qualityReason?: string;
  [field: string]: unknown;
}

/** What the model said about an input assembled from the stream. */
export interface ScoredOutcome {
  prediction: string;
  confidence: number;
  probabilities: Record<string, number>;
  decision: 'accept' | 'review';
  modelVersion: string;
  latencyMs: number;
}

/** Turns accepted telemetry of one device into prediction inputs (per part, per window). */
export interface Assembler<Input> {
  push(device: string, sample: Telemetry): Input | undefined;
}

export interface UseCase<Input> {
  id: 'quality-inspection' | 'predictive-maintenance';
  classes: readonly string[];
  /** The class that counts as a detection for precision and recall (defect, anomaly). */
  positiveClass: string;
  featureNames: readonly string[];
  /** JSON Schema of POST /v1/predict; the same validation gates the training-table build. */
  requestSchema: Record<string, unknown>;
  /** Pure and deterministic: the same input gives the same numbers on every path. */
  computeFeatures(input: Input): number[];
  /** A valid, typical request, for tests, the load test and documentation. */
  example: Input;
  /** A valid request unlike anything in training: it must go to review as out of distribution. */
  unusualExample: Input;
  sensors: {
    /** MQTT topic filter of the contract's telemetry channel. */
    topic: string;
    /** Topic levels (0-based) that identify one device, e.g. facility, line and station. */
    deviceLevels: readonly number[];
    /** Schema name of the telemetry payload under components.schemas in the contract. */
    contractSchema: string;
    /** JSON Schema of one telemetry message (mirrors the contract's payload schema). */
    telemetrySchema: Record<string, unknown>;
    signals: readonly SignalSpec[];
    /** A typical good sample, for tests and documentation. */
    example: Telemetry;
    /** Schema name of the result message under components.schemas in the contract. */
    resultSchema: string;
    /** The message published back on the contract's send channel for an input scored from the stream. */
    result(
      telemetryTopic: string,
      input: Input,
      outcome: ScoredOutcome,
    ): { topic: string; payload: Record<string, unknown> };
  };
  createAssembler(): Assembler<Input>;
}

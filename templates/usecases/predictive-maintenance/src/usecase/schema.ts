import type { SignalSpec } from '../features/types.js';

/**
 * Asset telemetry the model reads, as contracts/sensors.asyncapi.yaml defines it (units,
 * physically valid ranges). A test checks this mirror against the contract.
 */
export const SIGNALS: readonly SignalSpec[] = [
  { name: 'vibrationRms', unit: 'mm/s', min: 0, max: 50 },
  { name: 'bearingTemperature', unit: 'degC', min: -20, max: 150 },
  { name: 'motorCurrent', unit: 'A', min: 0, max: 120 },
  { name: 'rotationalSpeed', unit: 'rpm', min: 0, max: 3600 },
];

/** Samples in one prediction window: 1.6 s to 2 min at 10 Hz. */
export const MIN_SAMPLES = 16;
export const MAX_SAMPLES = 1200;

const number = (signal: SignalSpec) => ({
  type: 'number',
  minimum: signal.min,
  maximum: signal.max,
  description: signal.unit,
});

/** JSON Schema of POST /v1/predict: one window of samples from one running asset. */
export const requestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['asset', 'samples'],
  properties: {
    asset: { type: 'string', minLength: 1, maxLength: 128 },
    samples: {
      type: 'array',
      minItems: MIN_SAMPLES,
      maxItems: MAX_SAMPLES,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['timestamp', ...SIGNALS.map((signal) => signal.name)],
        properties: {
          timestamp: { type: 'string', format: 'date-time' },
          ...Object.fromEntries(SIGNALS.map((signal) => [signal.name, number(signal)])),
        },
      },
    },
  },
};

/**
 * One AssetTelemetry message (components.schemas.AssetTelemetry of the contract). Ranges of
 * the model's signals are checked separately so an impossible reading is reported as such.
 */
export const telemetrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['timestamp', 'sequence', 'running', ...SIGNALS.map((signal) => signal.name), 'quality'],
  properties: {
    timestamp: { type: 'string', format: 'date-time' },
    sequence: { type: 'integer', minimum: 0 },
    running: { type: 'boolean' },
    ...Object.fromEntries(SIGNALS.map((signal) => [signal.name, { type: 'number' }])),
    vibrationPeak: { type: 'number', minimum: 0, maximum: 200 },
    dischargePressure: { type: 'number', minimum: 0, maximum: 25 },
    quality: { enum: ['good', 'uncertain', 'bad'] },
    qualityReason: { type: 'string' },
  },
};

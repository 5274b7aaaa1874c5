import type { SignalSpec } from '../features/types.js';

/**
 * Station telemetry the model reads, as contracts/sensors.asyncapi.yaml defines it (units,
 * physically valid ranges). A test checks this mirror against the contract.
 */
export const SIGNALS: readonly SignalSpec[] = [
  { name: 'conveyorSpeed', unit: 'm/s', min: 0, max: 2.5 },
  { name: 'partTemperature', unit: 'degC', min: -20, max: 150 },
  { name: 'illuminance', unit: 'lx', min: 0, max: 20000 },
  { name: 'vibrationRms', unit: 'mm/s', min: 0, max: 50 },
];

/** Samples of one part under the camera: a part passes in about a second at 10 Hz. */
export const MIN_SAMPLES = 3;
export const MAX_SAMPLES = 200;

const number = (signal: SignalSpec) => ({
  type: 'number',
  minimum: signal.min,
  maximum: signal.max,
  description: signal.unit,
});

/** JSON Schema of POST /v1/predict: the samples taken while one part was under the camera. */
export const requestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['serialNumber', 'samples'],
  properties: {
    serialNumber: { type: 'string', minLength: 1, maxLength: 64 },
    station: { type: 'string', minLength: 1, maxLength: 128 },
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
 * One StationTelemetry message (components.schemas.StationTelemetry of the contract). Ranges
 * are checked separately so a physically impossible reading is reported as such.
 */
export const telemetrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['timestamp', 'sequence', 'partPresent', ...SIGNALS.map((signal) => signal.name), 'quality'],
  properties: {
    timestamp: { type: 'string', format: 'date-time' },
    sequence: { type: 'integer', minimum: 0 },
    partPresent: { type: 'boolean' },
    serialNumber: { type: 'string', minLength: 1, maxLength: 64 },
    ...Object.fromEntries(SIGNALS.map((signal) => [signal.name, { type: 'number' }])),
    ambientHumidity: { type: 'number', minimum: 0, maximum: 100 },
    quality: { enum: ['good', 'uncertain', 'bad'] },
    qualityReason: { type: 'string' },
  },
};

import { z } from 'zod';

import { dnsLabel, s3BucketName, USE_CASES } from '../manifest/index.js';
import { INTEGRATION_IDS } from './integrations.js';

/**
 * The answers `poc init` asks for, as they appear in `--answers FILE` and in the generated
 * `.poc/answers.yaml`. Strict: an unknown key is a mistake the user should hear about.
 * No secrets: credentials come from the ecosystem's standard chains, never from answers.
 */

const contact = z.string().trim().min(1, 'must name a person or team');

export const CI_PROVIDERS = ['github', 'gitlab'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

const localRemote = z.strictObject({
  type: z.literal('local'),
  path: z.string().min(1).default('../.poc-remote'),
});

const s3Remote = z.strictObject({
  type: z.literal('s3'),
  bucket: s3BucketName,
  prefix: z.string().default(''),
  endpoint: z.url().optional(),
  region: z.string().min(1).default('us-east-1'),
});

export const DEFAULT_OWNERS = {
  model: 'Model owner <model-owner@example.com>',
  data: 'Data owner <data-owner@example.com>',
  operations: 'Plant operations <operations@example.com>',
  escalation: 'On-call engineer <on-call@example.com>',
} as const;

export const answersSchema = z.strictObject({
  name: dnsLabel,
  useCase: z.enum(USE_CASES).default('quality-inspection'),
  description: z.string().trim().min(1).optional(),
  integrations: z
    .array(z.enum(INTEGRATION_IDS))
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an integration')
    .optional()
    .describe('Default depends on the use case'),
  remote: z
    .discriminatedUnion('type', [localRemote, s3Remote])
    .default({ type: 'local', path: '../.poc-remote' }),
  ci: z
    .array(z.enum(CI_PROVIDERS))
    .min(1, 'must name at least one CI provider')
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a provider')
    .default(['github']),
  registry: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$/,
      'must be a registry host and optional path without scheme or tag, e.g. ghcr.io/acme',
    )
    .default('ghcr.io/acme'),
  facilities: z
    .array(dnsLabel)
    .min(1, 'production needs at least one facility')
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a facility')
    .default(['plant-a']),
  sla: z
    .strictObject({
      percentile: z.number().gt(0).lt(100).default(95),
      boundMs: z.number().positive().default(50),
    })
    .default({ percentile: 95, boundMs: 50 }),
  owners: z
    .strictObject({
      model: contact.default(DEFAULT_OWNERS.model),
      data: contact.default(DEFAULT_OWNERS.data),
      operations: contact.default(DEFAULT_OWNERS.operations),
      escalation: contact.default(DEFAULT_OWNERS.escalation),
    })
    .default({ ...DEFAULT_OWNERS }),
});

export type AnswersInput = z.input<typeof answersSchema>;
export type Answers = z.output<typeof answersSchema>;

/** Integrations chosen when the user does not say: what each use case usually talks to. */
export const DEFAULT_INTEGRATIONS = {
  'quality-inspection': ['mes-rest', 'sensors-mqtt'],
  'predictive-maintenance': ['historian-rest', 'sensors-mqtt'],
} as const satisfies Record<Answers['useCase'], readonly (typeof INTEGRATION_IDS)[number][]>;

export const DESCRIPTIONS = {
  'quality-inspection': 'Inline defect detection: classifies each inspected part as good or defective.',
  'predictive-maintenance': 'Equipment anomaly scoring from sensor windows, ahead of failures.',
} as const satisfies Record<Answers['useCase'], string>;

/** The flag that sets each answer, so a problem can name what to change. */
export const ANSWER_FLAGS: Record<string, string> = {
  name: 'the NAME argument',
  useCase: '--use-case',
  description: '--description',
  integrations: '--integrations',
  remote: '--remote',
  'remote.type': '--remote',
  'remote.path': '--remote-path',
  'remote.bucket': '--s3-bucket',
  'remote.prefix': '--s3-prefix',
  'remote.endpoint': '--s3-endpoint',
  'remote.region': '--s3-region',
  ci: '--ci',
  registry: '--registry',
  facilities: '--facilities',
  'sla.percentile': '--sla-percentile',
  'sla.boundMs': '--sla-bound-ms',
  'owners.model': '--owner-model',
  'owners.data': '--owner-data',
  'owners.operations': '--owner-operations',
  'owners.escalation': '--owner-escalation',
};

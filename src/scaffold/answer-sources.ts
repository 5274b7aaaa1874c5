import { readFile } from 'node:fs/promises';
import { isMap, LineCounter, parseDocument } from 'yaml';

import { UserError } from '../core/errors.js';
import { CI_PROVIDERS } from './answers.js';

/**
 * Answers as they arrive from flags (and their POC_* variables): flat strings and numbers,
 * comma-separated lists. Turned into the nested answers shape before validation so flags, an
 * answers file and prompts meet in one place and are checked once, every problem together.
 */
export interface AnswerFlags {
  name?: string;
  useCase?: string;
  description?: string;
  /** Comma-separated registry ids, or `none`. */
  integrations?: string;
  remote?: string;
  remotePath?: string;
  s3Bucket?: string;
  s3Prefix?: string;
  s3Endpoint?: string;
  s3Region?: string;
  /** `github`, `gitlab`, `both` or a comma-separated list. */
  ci?: string;
  registry?: string;
  /** Comma-separated facility names. */
  facilities?: string;
  slaPercentile?: number | string;
  slaBoundMs?: number | string;
  ownerModel?: string;
  ownerData?: string;
  ownerOperations?: string;
  ownerEscalation?: string;
}

export type PartialAnswers = Record<string, unknown>;

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Drops undefined values (recursively), so schema defaults apply to what nobody answered. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) =>
        item && typeof item === 'object' && !Array.isArray(item)
          ? [key, compact(item as Record<string, unknown>)]
          : [key, item],
      ),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Flags win over the answers file, key by key; the remote is merged as a unit per type. */
export function mergeAnswers(file: PartialAnswers, flags: AnswerFlags): PartialAnswers {
  const fileRemote = isRecord(file.remote) ? file.remote : {};
  const s3Flag = [flags.s3Bucket, flags.s3Prefix, flags.s3Endpoint, flags.s3Region].some(
    (v) => v !== undefined,
  );
  const remoteType =
    flags.remote ?? (s3Flag ? 's3' : flags.remotePath !== undefined ? 'local' : fileRemote.type);
  const base = fileRemote.type === remoteType ? fileRemote : {};
  const remote =
    remoteType === undefined
      ? file.remote
      : remoteType === 's3'
        ? {
            ...base,
            type: 's3',
            bucket: flags.s3Bucket ?? base.bucket,
            prefix: flags.s3Prefix ?? base.prefix,
            endpoint: flags.s3Endpoint ?? base.endpoint,
            region: flags.s3Region ?? base.region,
          }
        : { ...base, type: remoteType, path: flags.remotePath ?? base.path };
  const ci =
    flags.ci === undefined ? file.ci : flags.ci.trim() === 'both' ? [...CI_PROVIDERS] : list(flags.ci);
  const fileSla = isRecord(file.sla) ? file.sla : undefined;
  const fileOwners = isRecord(file.owners) ? file.owners : undefined;
  const slaFlags = flags.slaPercentile !== undefined || flags.slaBoundMs !== undefined;
  const ownerFlags = [flags.ownerModel, flags.ownerData, flags.ownerOperations, flags.ownerEscalation].some(
    (v) => v !== undefined,
  );
  return compact({
    ...file,
    name: flags.name ?? file.name,
    useCase: flags.useCase ?? file.useCase,
    description: flags.description ?? file.description,
    integrations:
      flags.integrations === undefined
        ? file.integrations
        : flags.integrations.trim() === 'none'
          ? []
          : list(flags.integrations),
    remote,
    ci,
    registry: flags.registry ?? file.registry,
    facilities: flags.facilities === undefined ? file.facilities : list(flags.facilities),
    sla: slaFlags
      ? {
          ...fileSla,
          percentile: flags.slaPercentile ?? fileSla?.percentile,
          boundMs: flags.slaBoundMs ?? fileSla?.boundMs,
        }
      : file.sla,
    owners: ownerFlags
      ? {
          ...fileOwners,
          model: flags.ownerModel ?? fileOwners?.model,
          data: flags.ownerData ?? fileOwners?.data,
          operations: flags.ownerOperations ?? fileOwners?.operations,
          escalation: flags.ownerEscalation ?? fileOwners?.escalation,
        }
      : file.owners,
  });
}

/** Reads `--answers FILE`: YAML (or JSON) holding a mapping; syntax errors point at line:col. */
export async function readAnswersFile(file: string): Promise<PartialAnswers> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(
      `Cannot read the answers file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}.`,
      {
        code: 'ANSWERS_UNREADABLE',
        hint: 'Check the path given to --answers.',
        cause: error,
      },
    );
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new UserError(`The answers file ${file} is not valid YAML.`, {
      code: 'INVALID_ANSWERS',
      problems: document.errors.map((error) => ({
        file,
        line: error.linePos?.[0].line,
        column: error.linePos?.[0].col,
        message: error.message.split('\n')[0] ?? error.message,
      })),
      hint: 'Fix the YAML syntax; .poc/answers.yaml of a generated project is an example.',
    });
  }
  if (document.contents === null) return {};
  if (!isMap(document.contents)) {
    throw new UserError(`The answers file ${file} must hold a mapping of answers (name:, useCase:, …).`, {
      code: 'INVALID_ANSWERS',
      hint: 'See .poc/answers.yaml of a generated project for the shape.',
    });
  }
  return document.toJS() as PartialAnswers;
}

import { DEFAULT_INTEGRATIONS, DEFAULT_OWNERS, type CiProvider } from './answers.js';
import type { PartialAnswers } from './answer-sources.js';
import { INTEGRATIONS } from './integrations.js';
import { normaliseProjectName } from './project-name.js';

/** The four kinds of question init asks; injectable so tests can script a conversation. */
export interface Asker {
  text(question: {
    message: string;
    default?: string;
    validate?: (value: string) => true | string;
  }): Promise<string>;
  choose<T extends string>(question: {
    message: string;
    choices: { value: T; name: string; description?: string }[];
    default?: T;
  }): Promise<T>;
  chooseMany<T extends string>(question: {
    message: string;
    choices: { value: T; name: string; checked: boolean }[];
  }): Promise<T[]>;
  number(question: { message: string; default: number; min?: number; max?: number }): Promise<number>;
}

/** @inquirer/prompts, imported only when a person is at the terminal. Prompts go to stderr. */
export async function inquirerAsker(): Promise<Asker> {
  const prompts = await import('@inquirer/prompts');
  const context = { output: process.stderr };
  return {
    text: (q) => prompts.input({ message: q.message, default: q.default, validate: q.validate }, context),
    choose: (q) => prompts.select({ message: q.message, choices: q.choices, default: q.default }, context),
    chooseMany: (q) => prompts.checkbox({ message: q.message, choices: q.choices }, context),
    number: async (q) =>
      (await prompts.number(
        { message: q.message, default: q.default, min: q.min, max: q.max, required: true, step: 'any' },
        context,
      )) ?? q.default,
  };
}

const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Asks every question the flags and the answers file left open, in the order a person thinks. */
export async function promptAnswers(known: PartialAnswers, ask: Asker): Promise<PartialAnswers> {
  const answers: PartialAnswers = { ...known };
  if (answers.name === undefined) {
    answers.name = await ask.text({
      message: 'Project name',
      default: 'line-1-quality',
      validate: (value) => {
        try {
          normaliseProjectName(value);
          return true;
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
  }
  if (answers.useCase === undefined) {
    answers.useCase = await ask.choose({
      message: 'Use case',
      choices: [
        {
          value: 'quality-inspection',
          name: 'Quality inspection',
          description: 'Visual or inline-sensor defect detection',
        },
        {
          value: 'predictive-maintenance',
          name: 'Predictive maintenance',
          description: 'Equipment sensor anomaly scoring',
        },
      ],
      default: 'quality-inspection',
    });
  }
  if (answers.integrations === undefined) {
    const defaults: readonly string[] =
      DEFAULT_INTEGRATIONS[answers.useCase as keyof typeof DEFAULT_INTEGRATIONS] ?? [];
    answers.integrations = await ask.chooseMany({
      message: 'Plant systems to integrate (contracts and mocks are generated for each)',
      choices: INTEGRATIONS.map((entry) => ({
        value: entry.id,
        name: `${entry.id}: ${entry.summary}`,
        checked: defaults.includes(entry.id),
      })),
    });
  }
  if (answers.remote === undefined) {
    const type = await ask.choose({
      message: 'Where poc data pushes datasets and models',
      choices: [
        { value: 'local', name: 'A local or network directory' },
        { value: 's3', name: 'S3 or an S3-compatible store (MinIO, Ceph)' },
      ],
      default: 'local',
    });
    answers.remote =
      type === 'local'
        ? { type, path: await ask.text({ message: 'Remote directory', default: '../.poc-remote' }) }
        : {
            type,
            bucket: await ask.text({ message: 'S3 bucket' }),
            prefix: await ask.text({ message: 'Key prefix', default: '' }),
            ...(await ask
              .text({ message: 'Endpoint URL (empty for AWS)', default: '' })
              .then((endpoint) => (endpoint ? { endpoint } : {}))),
            region: await ask.text({ message: 'Region', default: 'us-east-1' }),
          };
  }
  if (answers.ci === undefined) {
    const ci = await ask.choose<CiProvider | 'both'>({
      message: 'CI provider',
      choices: [
        { value: 'github', name: 'GitHub Actions' },
        { value: 'gitlab', name: 'GitLab CI' },
        { value: 'both', name: 'Both' },
      ],
      default: 'github',
    });
    answers.ci = ci === 'both' ? ['github', 'gitlab'] : [ci];
  }
  if (answers.registry === undefined) {
    answers.registry = await ask.text({
      message: 'Container registry (host and path)',
      default: 'ghcr.io/acme',
    });
  }
  if (answers.facilities === undefined) {
    answers.facilities = splitList(
      await ask.text({ message: 'Production facilities (comma-separated)', default: 'plant-a' }),
    );
  }
  if (answers.sla === undefined) {
    answers.sla = {
      percentile: await ask.number({ message: 'Latency SLA percentile', default: 95, min: 1, max: 99.99 }),
      boundMs: await ask.number({
        message: 'Latency bound at that percentile (ms)',
        default: 50,
        min: 0.001,
      }),
    };
  }
  if (answers.owners === undefined) {
    answers.owners = {
      model: await ask.text({ message: 'Model owner (name <email>)', default: DEFAULT_OWNERS.model }),
      data: await ask.text({ message: 'Data owner', default: DEFAULT_OWNERS.data }),
      operations: await ask.text({ message: 'Operations owner', default: DEFAULT_OWNERS.operations }),
      escalation: await ask.text({ message: 'Escalation contact', default: DEFAULT_OWNERS.escalation }),
    };
  }
  return answers;
}

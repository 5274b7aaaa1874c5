/**
 * Typed errors and the exit codes they map to. The codes mean the same thing in every command
 * (DESIGN.md, house style 5), so CI can branch on them.
 */
export const ExitCode = {
  ok: 0,
  gateFailed: 1,
  invalidInput: 2,
  inconclusive: 3,
  environment: 4,
  internal: 70,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One located problem, e.g. in poc.yaml or a contract. */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
  message: string;
}

export interface PocErrorOptions {
  code?: string;
  hint?: string;
  problems?: Problem[];
  cause?: unknown;
}

export abstract class PocError extends Error {
  abstract readonly exitCode: ExitCodeValue;
  readonly code: string;
  readonly hint?: string;
  readonly problems: Problem[];

  constructor(message: string, defaultCode: string, options: PocErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? defaultCode;
    this.hint = options.hint;
    this.problems = options.problems ?? [];
  }
}

/** Invalid input: flags, manifest, contract, model file. */
export class UserError extends PocError {
  readonly exitCode = ExitCode.invalidInput;
  constructor(message: string, options: PocErrorOptions = {}) {
    super(message, 'INVALID_INPUT', options);
  }
}

/** A gate failed: audit below threshold, SLA not met, verification failed. */
export class GateError extends PocError {
  readonly exitCode = ExitCode.gateFailed;
  constructor(message: string, options: PocErrorOptions = {}) {
    super(message, 'GATE_FAILED', options);
  }
}

/** Not enough evidence to decide. */
export class InconclusiveError extends PocError {
  readonly exitCode = ExitCode.inconclusive;
  constructor(message: string, options: PocErrorOptions = {}) {
    super(message, 'INCONCLUSIVE', options);
  }
}

/** A required tool, service or credential is missing or unreachable. */
export class EnvironmentError extends PocError {
  readonly exitCode = ExitCode.environment;
  constructor(message: string, options: PocErrorOptions = {}) {
    super(message, 'ENVIRONMENT', options);
  }
}

/** A bug in poc2prod. */
export class InternalError extends PocError {
  readonly exitCode = ExitCode.internal;
  constructor(message: string, options: PocErrorOptions = {}) {
    super(message, 'INTERNAL', options);
  }
}

/** Formats a problem as `file:line:col path: message`, the form editors and CI annotate. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':');
  const path = problem.path ? `${problem.path}: ` : '';
  return `${where ? `${where} ` : ''}${path}${problem.message}`;
}

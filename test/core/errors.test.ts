import { Errors } from '@oclif/core';
import { describe, expect, it } from 'vitest';

import {
  EnvironmentError,
  ExitCode,
  GateError,
  InconclusiveError,
  InternalError,
  UserError,
} from '../../src/core/errors.js';
import { errorEnvelope, renderError, toPocError } from '../../src/core/render-error.js';

describe('typed errors', () => {
  it('map to the documented exit codes', () => {
    expect(new UserError('x').exitCode).toBe(2);
    expect(new GateError('x').exitCode).toBe(1);
    expect(new InconclusiveError('x').exitCode).toBe(3);
    expect(new EnvironmentError('x').exitCode).toBe(4);
    expect(new InternalError('x').exitCode).toBe(70);
  });

  it('turn an unexpected exception into an internal error that asks for a report', () => {
    const error = toPocError(new TypeError('undefined is not a function'));
    expect(error.exitCode).toBe(ExitCode.internal);
    expect(error.message).toContain('internal error: undefined is not a function');
    expect(error.hint).toContain('report');
  });

  it('treat a full disk or a permission problem as the environment', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(toPocError(full).exitCode).toBe(ExitCode.environment);
  });

  it('suggest the closest flag for an oclif parse error', () => {
    const parse = Object.assign(new Errors.CLIError('Nonexistent flag: --min-scor'), {
      flags: ['--min-scor'],
    });
    parse.oclif.exit = 2;
    const error = toPocError(parse, ['min-score', 'json', 'dir']);
    expect(error).toBeInstanceOf(UserError);
    expect(error.hint).toContain('--min-score');
  });

  it('render with location, hint and no stack unless verbose', () => {
    const error = new UserError('poc.yaml has 1 problem.', {
      hint: 'Fix it.',
      problems: [{ file: 'poc.yaml', line: 3, column: 5, path: 'sla.boundMs', message: 'must be positive' }],
    });
    const text = renderError(error, false);
    expect(text).toBe(
      'Error: poc.yaml has 1 problem.\n  poc.yaml:3:5 sla.boundMs: must be positive\nHint: Fix it.\n',
    );
    expect(renderError(error, true)).toMatch(/\n\s+at /);
    expect(errorEnvelope(error)).toEqual({
      status: 2,
      error: {
        code: 'INVALID_INPUT',
        message: 'poc.yaml has 1 problem.',
        hint: 'Fix it.',
        problems: error.problems,
      },
    });
  });
});

import { Command, Flags, type Interfaces } from '@oclif/core';

import { ExitCode, type ExitCodeValue } from './errors.js';
import { withEnv } from './flags.js';
import { createProgress, type Progress } from './progress.js';
import { errorEnvelope, renderError, silentExit, toPocError } from './render-error.js';

export type InferredFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>;
export type InferredArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes)$/i.test(value);

/**
 * The one base command (DESIGN.md, house style 2): `--json` with its envelope, error rendering
 * and exit codes, warnings, progress and colour live here, so commands only parse, call and render.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = withEnv({
    verbose: Flags.boolean({ summary: 'Show stack traces and debug detail on errors.', helpGroup: 'GLOBAL' }),
  });

  protected flags!: InferredFlags<T>;
  protected args!: InferredArgs<T>;
  protected readonly warnings: string[] = [];
  private status: ExitCodeValue = ExitCode.ok;
  private progressBar?: Progress;

  override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as InferredFlags<T>;
    this.args = args as InferredArgs<T>;
  }

  /** `--json`, or POC_JSON=1 in the environment. */
  override jsonEnabled(): boolean {
    return super.jsonEnabled() || (Boolean(this.ctor.enableJsonFlag) && truthy(process.env.POC_JSON));
  }

  /** Progress on stderr; silent when stderr is not a terminal, in CI or with --json. */
  protected get progress(): Progress {
    this.progressBar ??= createProgress(this.jsonEnabled());
    return this.progressBar;
  }

  /** A warning for the user: stderr for people, the envelope's `warnings` for machines. */
  protected notice(message: string): void {
    this.warnings.push(message);
    if (!this.jsonEnabled()) process.stderr.write(`Warning: ${message}\n`);
  }

  /** Sets the exit code for a command that returns a result and still fails a gate. */
  protected exitWith(status: ExitCodeValue): void {
    this.status = status;
  }

  override toSuccessJson(result: unknown) {
    return { status: this.status, result, warnings: this.warnings };
  }

  override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  override async catch(error: Error): Promise<never> {
    this.progressBar?.done();
    const knownFlags = Object.keys({ ...this.ctor.flags, ...this.ctor.baseFlags, json: true });
    const pocError = toPocError(error, knownFlags);
    process.exitCode = pocError.exitCode;
    if (this.jsonEnabled()) this.logJson(errorEnvelope(pocError));
    else process.stderr.write(renderError(pocError, this.verbose()));
    throw silentExit(pocError.exitCode);
  }

  override async finally(error: Error | undefined): Promise<void> {
    this.progressBar?.done();
    if (!error && this.status !== ExitCode.ok) process.exitCode = this.status;
    await super.finally(error);
  }

  private verbose(): boolean {
    return Boolean(this.flags?.verbose) || this.argv.includes('--verbose') || Boolean(process.env.DEBUG);
  }
}

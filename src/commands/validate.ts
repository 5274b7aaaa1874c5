import { BaseCommand } from '../core/base-command.js';
import { projectFlags } from '../core/flags.js';
import { validateProject, type ValidationResult } from '../manifest/index.js';

export default class Validate extends BaseCommand<typeof Validate> {
  static override summary = 'Validate poc.yaml and the files it references.';
  static override description =
    'Loads poc.yaml, reports every schema and cross-field problem with its line and column, then checks ' +
    'that the model, contracts, chart and values files it names exist. Exits 2 listing every problem.';

  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate --dir ../line-3 --json',
  ];

  static override flags = { ...projectFlags };

  async run(): Promise<ValidationResult> {
    const result = await validateProject(this.flags.dir);
    this.log(
      `${result.file} is valid; ${result.checked.length} referenced file${result.checked.length === 1 ? '' : 's'} present.`,
    );
    return result;
  }
}

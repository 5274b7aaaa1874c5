// Regenerates the README's command reference from oclif.manifest.json.
import { readFileSync, writeFileSync } from 'node:fs';

interface FlagSpec {
  name: string;
  char?: string;
  type: 'boolean' | 'option';
  summary?: string;
  description?: string;
  default?: unknown;
  options?: string[];
  env?: string;
  multiple?: boolean;
  hidden?: boolean;
}
interface CommandSpec {
  id: string;
  summary?: string;
  description?: string;
  examples?: string[];
  hidden?: boolean;
  pluginType: string;
  flags: Record<string, FlagSpec>;
  args: Record<string, { name: string; description?: string; required?: boolean }>;
}

const readmeUrl = new URL('../README.md', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../oclif.manifest.json', import.meta.url), 'utf8')) as {
  commands: Record<string, CommandSpec>;
};

const commandName = (id: string) => `poc ${id.replaceAll(':', ' ')}`;
const flagCell = (flag: FlagSpec) =>
  `${flag.char ? `-${flag.char}, ` : ''}--${flag.name}${flag.type === 'option' ? '=<value>' : ''}`;
const escape = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function section(command: CommandSpec): string {
  const args = Object.values(command.args).map((arg) =>
    arg.required ? arg.name.toUpperCase() : `[${arg.name.toUpperCase()}]`,
  );
  const flags = Object.values(command.flags).filter((flag) => !flag.hidden);
  const lines = [`### \`${commandName(command.id)}\``, '', command.summary ?? '', ''];
  lines.push(
    '```',
    [commandName(command.id), ...args, flags.length ? '[FLAGS]' : ''].filter(Boolean).join(' '),
    '```',
    '',
  );
  if (command.description) lines.push(command.description, '');
  if (Object.keys(command.args).length) {
    lines.push('| argument | description |', '| --- | --- |');
    for (const arg of Object.values(command.args))
      lines.push(`| \`${arg.name.toUpperCase()}\` | ${escape(arg.description ?? '')} |`);
    lines.push('');
  }
  if (flags.length) {
    lines.push('| flag | description | environment |', '| --- | --- | --- |');
    for (const flag of flags) {
      const extra = [
        flag.options ? `one of: ${flag.options.join(', ')}` : '',
        flag.default !== undefined && flag.default !== false
          ? `default: ${JSON.stringify(flag.default)}`
          : '',
      ].filter(Boolean);
      const text = escape(
        [flag.summary ?? flag.description ?? '', extra.length ? `(${extra.join('; ')})` : '']
          .join(' ')
          .trim(),
      );
      // oclif declares --json itself; BaseCommand.jsonEnabled reads POC_JSON for it.
      const env = flag.name === 'json' ? 'POC_JSON' : flag.env;
      lines.push(`| \`${flagCell(flag)}\` | ${text} | ${env ? `\`${env}\`` : ''} |`);
    }
    lines.push('');
  }
  if (command.examples?.length) {
    lines.push(
      '```sh',
      ...command.examples.map((example) => example.replace('<%= config.bin %>', 'poc')),
      '```',
      '',
    );
  }
  return lines.join('\n');
}

const commands = Object.values(manifest.commands)
  .filter((command) => !command.hidden && command.pluginType === 'core')
  .sort((a, b) => a.id.localeCompare(b.id));
const reference = commands.map(section).join('\n');
const readme = readFileSync(readmeUrl, 'utf8');
const start = '<!-- commands -->';
const end = '<!-- commandsstop -->';
if (!readme.includes(start) || !readme.includes(end))
  throw new Error(`README.md lacks the ${start} … ${end} markers`);
const before = readme.slice(0, readme.indexOf(start) + start.length);
const after = readme.slice(readme.indexOf(end));
writeFileSync(readmeUrl, `${before}\n${reference}\n${after}`);

import { UserError } from '../core/errors.js';

export interface NormalisedName {
  name: string;
  /** Set when the name had to change, so the command can tell the user. */
  changedFrom?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Turns what a person types ("Line 3 Defects") into a project name that works as a directory,
 * a Helm release, a Kubernetes name and an image name ("line-3-defects"). Case, spaces and
 * underscores are normalised (the caller tells the user); anything that could address another
 * directory (`/`, `\`, `..`) is refused, because guessing there could write somewhere unexpected.
 */
export function normaliseProjectName(raw: string): NormalisedName {
  const trimmed = raw.trim();
  if (trimmed === '') {
    throw new UserError('The project name is empty.', {
      code: 'INVALID_NAME',
      hint: 'Give a name such as line-3-defects: poc init line-3-defects',
    });
  }
  if (/[\\/]/.test(trimmed) || trimmed.includes('..')) {
    throw new UserError(`The project name "${raw}" contains a path separator or "..".`, {
      code: 'INVALID_NAME',
      hint: 'Give a plain name and choose where it goes with --dir, e.g. poc init line-3 --dir ../pilots/line-3',
    });
  }
  const name = trimmed
    .toLowerCase()
    .replace(/[\s_.]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!DNS_LABEL.test(name) || name.length > 53) {
    throw new UserError(`The project name "${raw}" cannot be used as a Kubernetes or image name.`, {
      code: 'INVALID_NAME',
      hint: 'Use at most 53 lowercase letters, digits and "-", starting and ending with a letter or digit.',
    });
  }
  return name === raw ? { name } : { name, changedFrom: raw };
}

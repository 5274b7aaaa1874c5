import { isAbsolute, resolve } from 'node:path';

import type { DataRemote } from '../../manifest/index.js';
import { LocalRemote } from './local-remote.js';
import type { Remote } from './remote.js';
import { S3Remote } from './s3-remote.js';

/** The remote poc.yaml names; a local path is relative to the project root. */
export function openRemote(root: string, config: DataRemote): Remote {
  if (config.type === 's3') return new S3Remote(config);
  return new LocalRemote(isAbsolute(config.path) ? config.path : resolve(root, config.path));
}

export type { Remote } from './remote.js';

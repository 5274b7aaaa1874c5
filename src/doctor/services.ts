import { stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { canConnect, hostPort, redactUrl } from '../core/net.js';
import type { DataRemote } from '../manifest/index.js';
import type { Finding } from './item.js';

/** Reachability of a service URL over TCP, printed without credentials. */
export async function checkEndpoint(url: string, what: string, timeoutMs: number): Promise<Finding> {
  const target = hostPort(url);
  const shown = redactUrl(url);
  if (!target)
    return {
      ok: false,
      detail: `${shown} is not a URL with a known port`,
      hint: `Fix the ${what} URL in poc.yaml.`,
    };
  const result = await canConnect(target.host, target.port, timeoutMs);
  return result.ok
    ? { ok: true, detail: `${shown} reachable` }
    : {
        ok: false,
        detail: `${shown} unreachable (${result.error})`,
        hint: `Check that the ${what} is running and reachable from here (VPN, firewall, proxy).`,
      };
}

/** The data remote: an S3 endpoint that answers, or a local directory that exists or can be made. */
export async function checkDataRemote(remote: DataRemote, root: string, timeoutMs: number): Promise<Finding> {
  if (remote.type === 's3') {
    const endpoint = remote.endpoint ?? `https://s3.${remote.region}.amazonaws.com`;
    const finding = await checkEndpoint(endpoint, 'S3 endpoint', timeoutMs);
    return { ...finding, detail: `s3://${remote.bucket}/${remote.prefix} via ${finding.detail}` };
  }
  const path = resolve(root, remote.path);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return { ok: true, detail: `${path} exists` };
  if (info)
    return {
      ok: false,
      detail: `${path} is not a directory`,
      hint: 'Point data.remote.path at a directory.',
    };
  const parent = await stat(dirname(path)).catch(() => undefined);
  return parent?.isDirectory()
    ? { ok: true, detail: `${path} will be created on first push` }
    : {
        ok: false,
        detail: `neither ${path} nor its parent exists`,
        hint: 'Create the directory or fix data.remote.path.',
      };
}

const GiB = 1024 ** 3;

export async function checkDisk(path: string): Promise<Finding> {
  const fs = await statfs(path);
  const free = fs.bavail * fs.bsize;
  const detail = `${(free / GiB).toFixed(1)} GiB free at ${path}`;
  const hint = 'Free some disk space: datasets, the data cache and container builds need room.';
  if (free < 0.5 * GiB) return { ok: false, detail, hint };
  return { ok: true, degraded: free < 2 * GiB, detail, hint };
}

import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, arch, totalmem } from 'node:os';

import { ortVersion } from './ort.js';

export interface BenchEnvironment {
  cpuModel: string;
  cores: number;
  /** CPUs the cgroup allows (cpu.max quota / period); null when unlimited or unknown. */
  cgroupCpuQuota: number | null;
  memoryBytes: number;
  platform: string;
  arch: string;
  node: string;
  onnxruntime: string;
  ci: boolean;
}

function cgroupQuota(): number | null {
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (!quota || quota === 'max' || !period) return null;
    return Math.round((Number(quota) / Number(period)) * 100) / 100;
  } catch {
    return null;
  }
}

/** The machine a result was measured on: without it, numbers from two runners cannot be compared. */
export function describeEnvironment(): BenchEnvironment {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    cgroupCpuQuota: cgroupQuota(),
    memoryBytes: totalmem(),
    platform: platform(),
    arch: arch(),
    node: process.versions.node,
    onnxruntime: ortVersion(),
    ci: Boolean(process.env.CI && process.env.CI !== 'false'),
  };
}

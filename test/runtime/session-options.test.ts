import { describe, expect, it } from 'vitest';
import { toOrtSessionOptions } from '../../src/bench/session-options.js';
import type { SessionOptions } from '../../src/manifest/index.js';
import { toSessionOptions } from '../../templates/project/src/model/session-options.js';

/** The serving app's mapping of poc.yaml's model.session must be `poc bench`'s, option for option. */
describe('runtime: onnxruntime session options', () => {
  const profiles: SessionOptions[] = [
    {
      intraOpThreads: 0,
      interOpThreads: 0,
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      enableCpuMemArena: true,
      enableMemPattern: true,
      executionProviders: ['cpu'],
    },
    {
      intraOpThreads: 1,
      interOpThreads: 2,
      graphOptimizationLevel: 'basic',
      executionMode: 'parallel',
      enableCpuMemArena: false,
      enableMemPattern: false,
      executionProviders: ['cuda', 'cpu'],
    },
  ];

  it.each(profiles)('maps %o exactly as poc bench does', (profile) => {
    expect(toSessionOptions(profile)).toEqual(toOrtSessionOptions(profile));
  });
});

import { join } from 'node:path';

import { writeFileAtomic } from '../core/atomic-write.js';
import { UserError } from '../core/errors.js';
import type { Manifest } from '../manifest/index.js';
import { resolveIntegrations } from './integrations.js';
import { formatRecording, type RecordingFormat } from './simulation/recording-format.js';
import { createChannelStream } from './simulation/signal-stream.js';
import { scenarioFor } from './start-mocks.js';

export interface RecordOptions {
  out: string;
  durationSeconds: number;
  seed: number;
  scenarioFile?: string;
  only?: string[];
  /** Epoch ms of the first sample; the scenario's start or now when omitted. */
  startMs?: number;
  /** jsonl (default) or csv. */
  format?: RecordingFormat;
}

export interface RecordedChannel {
  integration: string;
  channel: string;
  topic: string;
  file: string;
  messages: number;
}

export interface RecordResult {
  out: string;
  seed: number;
  scenario?: string;
  durationSeconds: number;
  start: string;
  channels: RecordedChannel[];
}

/**
 * Runs the simulation for a duration of simulated time, as fast as it computes (two hours of
 * bearing wear in seconds), and writes one file per channel (JSON lines of {topic, sentAt,
 * payload}, or CSV) plus recording.json with the seed and scenario that reproduce it.
 */
export async function recordSimulation(
  root: string,
  manifest: Manifest,
  options: RecordOptions,
): Promise<RecordResult> {
  const resolved = (await resolveIntegrations(root, manifest, options.only)).filter(
    (r) => r.transport.channels,
  );
  if (resolved.length === 0) {
    throw new UserError('No streaming (mqtt) integration to record.', {
      code: 'NOTHING_TO_RECORD',
      hint: 'poc mock record simulates sensor channels from AsyncAPI contracts; add an mqtt integration.',
    });
  }
  const scenario = await scenarioFor(resolved, options.scenarioFile);
  const seed = scenario.seed ?? options.seed;
  const startMs = options.startMs ?? (scenario.start ? Date.parse(scenario.start) : Date.now());
  const channels: RecordedChannel[] = [];
  for (const { integration, transport, contract } of resolved) {
    for (const channel of transport.channels!(contract).filter((c) => c.publishedBy === 'plant')) {
      const stream = createChannelStream(channel, scenario, seed, startMs);
      const messages = stream.takeUntil(options.durationSeconds - 1e-9);
      const format = options.format ?? 'jsonl';
      const instance = channel.instance ? `.${channel.instance.replace(/[^\w.-]+/g, '_')}` : '';
      const file = `${integration.name}.${channel.id}${instance}.${format}`;
      await writeFileAtomic(join(options.out, file), formatRecording(messages, startMs, format));
      channels.push({
        integration: integration.name,
        channel: channel.id,
        topic: channel.address,
        file,
        messages: messages.length,
      });
    }
  }
  const result: RecordResult = {
    out: options.out,
    seed,
    scenario: scenario.file,
    durationSeconds: options.durationSeconds,
    start: new Date(startMs).toISOString(),
    channels,
  };
  await writeFileAtomic(join(options.out, 'recording.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

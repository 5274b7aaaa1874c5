import type { SimMessage } from './signal-stream.js';

export const RECORDING_FORMATS = ['jsonl', 'csv'] as const;
export type RecordingFormat = (typeof RECORDING_FORMATS)[number];

/**
 * A channel's messages as file text. JSON lines keep the payload as sent ({topic, sentAt,
 * payload}); CSV flattens the payload's top-level fields into columns for pandas and
 * spreadsheets (nested values are written as JSON).
 */
export function formatRecording(messages: SimMessage[], startMs: number, format: RecordingFormat): string {
  const sentAt = (m: SimMessage) => new Date(startMs + m.sendAt * 1000).toISOString();
  if (format === 'jsonl') {
    return messages
      .map((m) => `${JSON.stringify({ topic: m.topic, sentAt: sentAt(m), payload: m.payload })}\n`)
      .join('');
  }
  const columns = [...new Set(messages.flatMap((m) => Object.keys(m.payload)))];
  const header = ['sentAt', 'topic', ...columns].map(csvCell).join(',');
  const rows = messages.map((m) =>
    [sentAt(m), m.topic, ...columns.map((c) => m.payload[c])].map(csvCell).join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

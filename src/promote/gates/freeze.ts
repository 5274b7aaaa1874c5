import { UserError } from '../../core/errors.js';
import type { Gates } from '../../manifest/index.js';
import { fail, pass, skip, type Gate } from './gate.js';

type Window = Gates['freeze'][number];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Day of week and minutes after midnight of an instant in a time zone. */
function localTime(now: Date, timezone: string): { day: number; minutes: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
  } catch {
    throw new UserError(`Unknown time zone "${timezone}" in a freeze window.`, {
      code: 'TIMEZONE_INVALID',
      hint: 'Use an IANA name such as Europe/Berlin or Asia/Dubai.',
    });
  }
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const day = DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3) as (typeof DAYS)[number]);
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` falls inside the window; a window ending before it starts runs past midnight. */
export function insideWindow(window: Window, now: Date): boolean {
  const { day, minutes } = localTime(now, window.timezone);
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  const onDay = (d: number) => window.days.includes(DAYS[(d + 7) % 7]!);
  if (start < end) return onDay(day) && minutes >= start && minutes < end;
  return (onDay(day) && minutes >= start) || (onDay(day - 1) && minutes < end);
}

/** No promotion inside a freeze window; a rollback may break glass, and the ledger says so. */
export const freezeGate: Gate = {
  name: 'freeze',
  evaluate({ gates, now, breakGlass }) {
    if (gates.freeze.length === 0) return skip('freeze', 'no freeze window');
    const active = gates.freeze.filter((window) => insideWindow(window, now));
    const evidence = {
      now: now.toISOString(),
      active: active.map((w) => `${w.name} ${w.start}-${w.end} ${w.timezone}`),
    };
    if (active.length === 0) return pass('freeze', 'outside every freeze window', evidence);
    const names = active
      .map((window) => `"${window.name}" (${window.start}-${window.end} ${window.timezone})`)
      .join(', ');
    if (breakGlass)
      return pass('freeze', `inside freeze window ${names}: glass broken for this rollback`, {
        ...evidence,
        breakGlass: true,
      });
    return fail(
      'freeze',
      `inside freeze window ${names}; promote after it ends (a rollback may pass --break-glass)`,
      evidence,
    );
  },
};

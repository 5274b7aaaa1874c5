export type ItemStatus = 'ok' | 'warn' | 'fail';

/** One row of `poc doctor`. A failing optional item is a warning; a failing required one, a failure. */
export interface DoctorItem {
  id: string;
  name: string;
  status: ItemStatus;
  required: boolean;
  detail: string;
  hint?: string;
}

export interface Finding {
  ok: boolean;
  detail: string;
  hint?: string;
  /** Found but degraded: reported as a warning even when the item is required. */
  degraded?: boolean;
}

export function toItem(id: string, name: string, required: boolean, finding: Finding): DoctorItem {
  const status: ItemStatus = finding.ok ? (finding.degraded ? 'warn' : 'ok') : required ? 'fail' : 'warn';
  return {
    id,
    name,
    status,
    required,
    detail: finding.detail,
    ...(finding.ok && !finding.degraded ? {} : { hint: finding.hint }),
  };
}

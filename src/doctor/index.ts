export type { DoctorItem, ItemStatus } from './item.js';
export { runDoctor, type DoctorOptions, type DoctorReport } from './run-doctor.js';

/**
 * npm run dispatch-retraining [-- --data var]
 *
 * Forwards the retraining requests the app wrote as marker files (when no webhook is set in
 * poc.yaml, or it failed) to the CI that runs the retraining workflow: GitHub
 * (GITHUB_REPOSITORY + GITHUB_TOKEN) or GitLab (CI_PROJECT_ID + GITLAB_TRIGGER_TOKEN). Run it on
 * a schedule where the data directory lives (the edge host's cron, or a CronJob that mounts the
 * app's volume). Exits 1 when a request could not be sent; it stays pending for the next run.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dispatchMarkers, targetFromEnv } from '../feedback/retraining-dispatch.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  const dataDir = resolve(values.data ?? process.env.POC_DATA_DIR ?? 'var');
  const target = targetFromEnv(process.env);
  const report = await dispatchMarkers(dataDir, target);
  for (const { marker, error } of report.failed)
    process.stderr.write(`dispatch-retraining: ${marker} not sent to ${target.name}: ${error}\n`);
  process.stdout.write(`${JSON.stringify({ target: target.name, ...report })}\n`);
  if (report.failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`dispatch-retraining: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});

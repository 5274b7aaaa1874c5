import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { TriggerEvent } from './retraining-trigger.js';

/** Where a retraining request goes: the CI that runs the retraining workflow. */
export interface DispatchTarget {
  name: string;
  send(event: TriggerEvent): Promise<void>;
}

type Env = Record<string, string | undefined>;

async function expectStatus(response: Response, ok: number, what: string): Promise<void> {
  if (response.status === ok) return;
  const detail = (await response.text().catch(() => '')).slice(0, 200);
  throw new Error(`${what} answered ${response.status}${detail ? `: ${detail}` : ''}`);
}

/** GitHub: a repository_dispatch event that starts .github/workflows/retrain.yml. */
function github(env: Env, repository: string, token: string): DispatchTarget {
  const api = env.GITHUB_API_URL ?? 'https://api.github.com';
  return {
    name: `GitHub ${repository}`,
    async send(event) {
      const response = await fetch(`${api}/repos/${repository}/dispatches`, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-github-api-version': '2022-11-28',
        },
        body: JSON.stringify({ event_type: 'retraining-requested', client_payload: event }),
        signal: AbortSignal.timeout(10_000),
      });
      await expectStatus(response, 204, 'GitHub');
    },
  };
}

/** GitLab: a pipeline trigger with POC_RETRAIN=true, which runs the retrain job of .gitlab-ci.yml. */
function gitlab(env: Env, project: string, token: string): DispatchTarget {
  const api = env.CI_API_V4_URL ?? 'https://gitlab.com/api/v4';
  return {
    name: `GitLab project ${project}`,
    async send(event) {
      const form = new URLSearchParams({
        token,
        ref: env.POC_RETRAIN_REF ?? 'main',
        'variables[POC_RETRAIN]': 'true',
        'variables[POC_RETRAIN_REASON]': event.reason,
      });
      const response = await fetch(`${api}/projects/${encodeURIComponent(project)}/trigger/pipeline`, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
      await expectStatus(response, 201, 'GitLab');
    },
  };
}

/** The target named by the environment; tokens come only from there, never from poc.yaml. */
export function targetFromEnv(env: Env): DispatchTarget {
  if (env.GITHUB_REPOSITORY && env.GITHUB_TOKEN) return github(env, env.GITHUB_REPOSITORY, env.GITHUB_TOKEN);
  if (env.CI_PROJECT_ID && env.GITLAB_TRIGGER_TOKEN)
    return gitlab(env, env.CI_PROJECT_ID, env.GITLAB_TRIGGER_TOKEN);
  throw new Error(
    'no CI to dispatch to: set GITHUB_REPOSITORY and GITHUB_TOKEN (a token that may create ' +
      'repository_dispatch events), or CI_PROJECT_ID and GITLAB_TRIGGER_TOKEN (a pipeline trigger token)',
  );
}

export interface DispatchReport {
  dispatched: string[];
  failed: { marker: string; error: string }[];
}

/**
 * Sends every pending marker (retraining/requested-*.json in the data dir, oldest first) to the
 * CI and moves each one sent to retraining/dispatched/. A marker the CI refused stays where it
 * is, so the next run retries it: a request is never lost, and never sent twice once accepted.
 */
export async function dispatchMarkers(dataDir: string, target: DispatchTarget): Promise<DispatchReport> {
  const dir = join(dataDir, 'retraining');
  const markers = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.startsWith('requested-') && name.endsWith('.json'))
    .sort();
  const report: DispatchReport = { dispatched: [], failed: [] };
  for (const marker of markers) {
    try {
      const event = JSON.parse(await readFile(join(dir, marker), 'utf8')) as TriggerEvent;
      await target.send(event);
      await mkdir(join(dir, 'dispatched'), { recursive: true });
      await rename(join(dir, marker), join(dir, 'dispatched', marker));
      report.dispatched.push(marker);
    } catch (error) {
      report.failed.push({ marker, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

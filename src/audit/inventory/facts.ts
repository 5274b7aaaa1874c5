import { parseManifest, type Manifest, type ParsedManifest } from '../../manifest/index.js';
import { readKubeSources, type KubeSources } from './kubernetes.js';
import type { RepoIndex } from './repo-index.js';
import type { RepoFile } from './walk.js';

/** What the checks look at, sorted into the kinds of files an ML repository has. */
export interface RepoFacts {
  index: RepoIndex;
  /** poc.yaml when present: `manifest` only when it is valid, `raw` whenever it parses as YAML. */
  pocYaml?: { file: RepoFile; parsed: ParsedManifest; manifest?: Manifest; raw: unknown };
  docs: RepoFile[];
  /** Source code (not tests), notebooks included. */
  code: RepoFile[];
  notebooks: RepoFile[];
  tests: RepoFile[];
  ci: RepoFile[];
  dockerfiles: RepoFile[];
  /** Code that answers requests: a web app or a message consumer. */
  serving: RepoFile[];
  /** Code that trains a model. */
  training: RepoFile[];
  kube: KubeSources;
  /** Configuration and dependency files: pyproject, requirements, package.json, dvc, mlflow … */
  config: RepoFile[];
}

const DOC = /\.(md|markdown|rst|txt|adoc)$/i;
const CODE = /\.(py|ipynb|ts|mts|js|mjs|cjs|go|java|kt|scala|r|jl|rs|cs)$/i;
const TEST =
  /(^|\/)(tests?|__tests__|spec)\/|(^|\/)test_[^/]*\.py$|_test\.(py|go)$|\.(test|spec)\.(ts|mts|js|mjs)$/i;
const CI =
  /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab\/ci\/.+\.ya?ml|Jenkinsfile|azure-pipelines\.ya?ml|\.circleci\/config\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml)$/;
const DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)(\.[^/]*)?$|\.Dockerfile$/;
const CONFIG =
  /(^|\/)(pyproject\.toml|setup\.cfg|setup\.py|requirements[^/]*\.(txt|in)|Pipfile(\.lock)?|poetry\.lock|uv\.lock|environment\.ya?ml|conda\.ya?ml|package(-lock)?\.json|go\.(mod|sum)|dvc\.ya?ml|dvc\.lock|[^/]+\.dvc|\.dvc\/config|MLproject|params\.ya?ml|Makefile|tox\.ini|noxfile\.py|docker-compose[^/]*\.ya?ml|compose\.ya?ml|\.dockerignore|\.gitignore|CODEOWNERS)$/;
const SERVER =
  /\b(from (flask|fastapi|starlette|aiohttp|litestar|sanic|tornado)\b|import (flask|fastapi|uvicorn)\b|FastAPI\(|Flask\(__name__\)|createServer\(|from ['"](express|fastify|hono|koa)['"]|require\(['"](express|fastify)['"]\)|http\.ListenAndServe|bentoml|mlflow models serve|torchserve|tritonserver|ray\.serve|paho\.mqtt|from ['"]mqtt['"]|\.subscribe\()/;
const TRAINING =
  /\b(\.fit\(|optimizer\.step\(|model\.train\(\)|Trainer\(|train_test_split|xgb\.train|lgb\.train|torch\.optim|keras\.Model|mlflow\.start_run)/;

export function gatherFacts(index: RepoIndex): RepoFacts {
  const tests = index.select(TEST).filter((file) => CODE.test(file.path));
  const testPaths = new Set(tests.map((file) => file.path));
  const code = index.select(CODE).filter((file) => !testPaths.has(file.path));
  const training = code.filter(
    (file) => /(^|\/)train[^/]*\.(py|ipynb|ts|js)$/i.test(file.path) || TRAINING.test(file.text ?? ''),
  );
  return {
    index,
    ...pocYaml(index),
    docs: index.select(DOC),
    code,
    notebooks: code.filter((file) => file.path.endsWith('.ipynb')),
    tests,
    ci: index.select(CI),
    dockerfiles: index.select(DOCKERFILE),
    serving: code.filter((file) => !file.path.endsWith('.ipynb') && SERVER.test(file.text ?? '')),
    training,
    kube: readKubeSources(index),
    config: index.select(CONFIG),
  };
}

function pocYaml(index: RepoIndex): Pick<RepoFacts, 'pocYaml'> {
  const file = index.file('poc.yaml');
  if (!file || file.text === undefined) return {};
  let parsed: ParsedManifest;
  try {
    parsed = parseManifest(file.text, 'poc.yaml');
  } catch (error) {
    // e.g. an alias bomb: report it as an invalid manifest (OPS-007), never crash the audit.
    const empty = parseManifest('', 'poc.yaml');
    parsed = {
      ...empty,
      problems: [
        { file: 'poc.yaml', line: 1, column: 1, message: `cannot be read: ${(error as Error).message}` },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = parsed.document.errors.length === 0 ? parsed.document.toJS({ maxAliasCount: 100 }) : undefined;
  } catch {
    raw = undefined;
  }
  return { pocYaml: { file, parsed, raw, ...(parsed.manifest ? { manifest: parsed.manifest } : {}) } };
}

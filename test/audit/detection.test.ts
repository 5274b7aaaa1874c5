import { describe, expect, it } from 'vitest';

import { audit, finding } from './helpers.js';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';

import { addFiles, dvcMlflowProject, flaskApp, helmWithoutProbes, notebookPoc } from './repos.js';

describe('detection on repositories poc init did not make', () => {
  it('a notebook-only PoC: no serving, logic trapped in the notebook, level 0', async () => {
    const result = await audit(notebookPoc());
    expect(result.project).toEqual({ name: expect.any(String), manifest: false });
    expect(finding(result, 'SRV-001')).toMatchObject({
      status: 'fail',
      location: { file: 'anomaly.ipynb', line: 1 },
    });
    expect(finding(result, 'FEA-004')).toMatchObject({ status: 'fail' });
    expect(finding(result, 'FBK-004')).toMatchObject({ status: 'partial', grade: 'documented' });
    // Without a Dockerfile or an app, their details do not apply, and do not count.
    for (const id of ['SRV-003', 'SRV-004', 'SRV-005', 'SRV-009', 'DEP-002', 'DEP-003'])
      expect(finding(result, id).status, id).toBe('not-applicable');
    expect(result.layers.find((layer) => layer.id === 'serving')!.score).toBe(0);
    expect(result.score).toBe(0);
    // Capped by the first layer at 0 (ingestion has no schema either).
    expect(result.layers.find((layer) => layer.id === result.cappedBy)!.score).toBe(0);
    expect(result.uncappedScore).toBeGreaterThan(0);
    expect(result.maturity.level).toBe(0);
  });

  it('a Flask app with a Dockerfile and no tests: root container, floating image, unpinned deps', async () => {
    const result = await audit(flaskApp());
    expect(finding(result, 'SRV-001')).toMatchObject({
      status: 'pass',
      location: { file: 'app.py', line: 1 },
    });
    expect(finding(result, 'SRV-002')).toMatchObject({ status: 'pass', location: { file: 'Dockerfile' } });
    expect(finding(result, 'SRV-003')).toMatchObject({
      status: 'fail',
      location: { file: 'Dockerfile', line: 1 },
    });
    expect(finding(result, 'SRV-009')).toMatchObject({
      status: 'fail',
      location: { file: 'Dockerfile', line: 1 },
      evidence: [{ file: 'Dockerfile', line: 1, text: 'FROM python:latest' }],
    });
    expect(finding(result, 'SRV-004').status).toBe('fail');
    expect(finding(result, 'SRV-005').status).toBe('fail');
    expect(finding(result, 'OPS-002')).toMatchObject({ status: 'fail', message: 'No tests.' });
    expect(finding(result, 'OPS-006')).toMatchObject({
      status: 'fail',
      evidence: [
        { file: 'requirements.txt', line: 1, text: 'flask' },
        { file: 'requirements.txt', line: 2, text: 'scikit-learn>=1.3' },
      ],
    });
  });

  it('a Dockerfile that ends as a non-root user passes, and a pinned base image too', async () => {
    const root = flaskApp();
    addFiles(root, {
      Dockerfile:
        'FROM python:3.12-slim AS build\nRUN pip wheel .\nFROM python:3.12-slim\nCOPY --from=build /w /w\nUSER 10001\n',
    });
    const result = await audit(root);
    expect(finding(result, 'SRV-003')).toMatchObject({
      status: 'pass',
      evidence: [{ file: 'Dockerfile', line: 5, text: 'USER 10001' }],
    });
    expect(finding(result, 'SRV-009').status).toBe('pass');
  });

  it('a Helm chart without probes and with empty resources is read statically', async () => {
    const result = await audit(helmWithoutProbes());
    expect(finding(result, 'DEP-001')).toMatchObject({
      status: 'pass',
      location: { file: 'chart/Chart.yaml' },
    });
    expect(finding(result, 'DEP-002')).toMatchObject({
      status: 'fail',
      location: { file: 'chart/templates/deployment.yaml' },
    });
    expect(finding(result, 'DEP-002').message).toContain('livenessProbe, readinessProbe');
    // `resources:` is there, but it renders `.Values.resources`, which values.yaml leaves empty.
    expect(finding(result, 'DEP-003')).toMatchObject({
      status: 'fail',
      location: { file: 'chart/templates/deployment.yaml' },
    });
    expect(finding(result, 'DEP-008').message).toContain('latest');
    expect(finding(result, 'SRV-004')).toMatchObject({
      status: 'pass',
      location: { file: 'service/main.py', line: 9 },
    });
    expect(finding(result, 'SRV-005').status).toBe('pass');
  });

  it('filling values.yaml resources makes the chart pass DEP-003', async () => {
    const root = helmWithoutProbes();
    addFiles(root, {
      'chart/values.yaml':
        'image:\n  repository: ghcr.io/acme/inspection\n  tag: "1.0.0"\nresources:\n  requests: {cpu: 100m}\n  limits: {memory: 256Mi}\n',
    });
    const result = await audit(root);
    expect(finding(result, 'DEP-003').status).toBe('pass');
    expect(finding(result, 'DEP-008').status).toBe('pass');
  });

  it('raw Kubernetes YAML and kustomize are read structurally', async () => {
    const root = flaskApp();
    addFiles(root, {
      'k8s/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'k8s/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: classifier}',
        'spec:',
        '  template:',
        '    spec:',
        '      securityContext: {runAsNonRoot: true}',
        '      containers:',
        '        - name: app',
        '          image: ghcr.io/acme/classifier:1.2.0',
        '          livenessProbe: {httpGet: {path: /healthz, port: 8080}}',
        '          readinessProbe: {httpGet: {path: /readyz, port: 8080}}',
        '          resources: {requests: {cpu: 100m}, limits: {memory: 256Mi}}',
        '          securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false}',
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: default-deny}',
        'spec: {podSelector: {}}',
        '',
      ].join('\n'),
    });
    const result = await audit(root);
    expect(finding(result, 'DEP-001')).toMatchObject({
      status: 'pass',
      location: { file: 'k8s/kustomization.yaml' },
    });
    for (const id of ['DEP-002', 'DEP-003', 'DEP-004', 'DEP-007', 'DEP-008'])
      expect(finding(result, id).status, id).toBe('pass');
    expect(finding(result, 'DEP-007').location).toEqual({ file: 'k8s/deployment.yaml', line: 16 });
    expect(finding(result, 'DEP-005').status).toBe('fail');
  });

  it('a DVC + MLflow project: versioned data verified in CI, tracking, pipeline, tests in CI', async () => {
    const result = await audit(dvcMlflowProject());
    expect(finding(result, 'DAT-001')).toMatchObject({ status: 'pass', grade: 'verified' });
    expect(finding(result, 'DAT-001').evidence.map((item) => item.file)).toContain(
      '.github/workflows/ci.yml',
    );
    expect(finding(result, 'DAT-002')).toMatchObject({
      status: 'pass',
      location: { file: '.dvc/config', line: 3 },
    });
    expect(finding(result, 'DAT-003').status).toBe('pass');
    expect(finding(result, 'DAT-006')).toMatchObject({ status: 'pass', grade: 'automated' });
    expect(finding(result, 'OPS-005')).toMatchObject({ status: 'pass', grade: 'automated' });
    expect(finding(result, 'FBK-004')).toMatchObject({
      status: 'pass',
      grade: 'verified',
      location: { file: 'dvc.lock' },
    });
    expect(finding(result, 'OPS-002')).toMatchObject({ status: 'pass', grade: 'automated' });
    expect(finding(result, 'FEA-003')).toMatchObject({ status: 'pass', grade: 'automated' });
    expect(finding(result, 'OPS-006').status).toBe('pass');
  });

  it('raw data committed to git is a finding located at the largest file', async () => {
    const root = notebookPoc();
    addFiles(root, { 'data/big.csv': Buffer.alloc(6 * 1024 * 1024, 'a') });
    const result = await audit(root);
    expect(finding(result, 'DAT-003')).toMatchObject({
      status: 'fail',
      location: { file: 'data/big.csv', line: 1 },
    });
    addFiles(root, { '.gitignore': 'data/\n' });
    expect(finding(await audit(root), 'DAT-003').status).toBe('pass');
  });

  it('a committed secret is a critical finding that never quotes the secret', async () => {
    const root = flaskApp();
    const key = ['AKIA', 'ABCDEFGHIJKLMNOP'].join('');
    addFiles(root, { 'config.py': `import os\nAWS_KEY = "${key}"\n` });
    const result = await audit(root);
    const secret = finding(result, 'OPS-009');
    expect(secret).toMatchObject({
      status: 'fail',
      severity: 'critical',
      location: { file: 'config.py', line: 2 },
    });
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('documents are read for content: a model card without limitations does not pass', async () => {
    const root = notebookPoc();
    addFiles(root, { 'MODEL_CARD.md': '# Model card\n\n## Intended use\n\nLine 3 bearings.\n' });
    expect(finding(await audit(root), 'GOV-001')).toMatchObject({
      status: 'fail',
      location: { file: 'MODEL_CARD.md' },
    });
    expect(finding(await audit(root), 'GOV-001').message).toContain('lacks: limitations');
    addFiles(root, {
      'MODEL_CARD.md':
        '# Model card\n\n## Intended use\n\nLine 3 bearings.\n\n## Limitations\n\nNot for pumps.\n',
    });
    expect(finding(await audit(root), 'GOV-001')).toMatchObject({
      status: 'pass',
      location: { file: 'MODEL_CARD.md', line: 3 },
    });
  });

  it('grades a benchmark verified only when a bench result is newer than the model', async () => {
    const root = dvcMlflowProject();
    addFiles(root, {
      '.github/workflows/ci.yml':
        'on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n      - run: poc bench --json > bench/results/latest.json\n',
      'model/model.onnx': Buffer.from([8, 1]),
      'bench/results/latest.json': '{"p95Ms": 12}\n',
    });
    const old = new Date('2026-01-01T00:00:00Z');
    const recent = new Date('2026-02-01T00:00:00Z');
    utimesSync(join(root, 'model/model.onnx'), recent, recent);
    utimesSync(join(root, 'bench/results/latest.json'), old, old);
    expect(finding(await audit(root), 'OPS-004')).toMatchObject({ status: 'pass', grade: 'automated' });
    utimesSync(join(root, 'bench/results/latest.json'), recent, new Date('2026-03-01T00:00:00Z'));
    expect(finding(await audit(root), 'OPS-004')).toMatchObject({
      status: 'pass',
      grade: 'verified',
      location: { file: 'bench/results/latest.json', line: 1 },
    });
  });

  it('reads GitLab CI like GitHub Actions', async () => {
    const root = dvcMlflowProject();
    addFiles(root, {
      '.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
      '.gitlab-ci.yml':
        'stages: [test]\ntest:\n  stage: test\n  script:\n    - dvc pull\n    - python -m pytest\n',
    });
    const result = await audit(root);
    expect(finding(result, 'OPS-001').evidence.map((item) => item.file)).toEqual([
      '.github/workflows/ci.yml',
      '.gitlab-ci.yml',
    ]);
    expect(finding(result, 'OPS-002')).toMatchObject({
      grade: 'automated',
      location: { file: '.gitlab-ci.yml', line: 6 },
    });
  });
});

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { tempDir } from '../helpers/temp-dir.js';

/**
 * Fixture repositories, built in temp dirs by code (small, readable, nothing binary checked in).
 * Each is a kind of PoC that `poc init` did not make.
 */

const notebook = (cells: string[]) =>
  JSON.stringify(
    {
      cells: cells.map((source) => ({
        cell_type: 'code',
        metadata: {},
        outputs: [],
        execution_count: null,
        source: source.split(/(?<=\n)/),
      })),
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );

/** A data scientist's PoC: one notebook, a CSV sample, a README. */
export function notebookPoc(): string {
  return tempDir({
    'README.md': '# Vibration anomaly PoC\n\nExploration of bearing vibration data from line 3.\n',
    'anomaly.ipynb': notebook([
      'import pandas as pd\nfrom sklearn.ensemble import IsolationForest\n',
      "df = pd.read_csv('sample.csv')\nfeatures = df[['rms', 'kurtosis']].rolling(10).mean().dropna()\n",
      'model = IsolationForest(random_state=0)\nmodel.fit(features)\n',
    ]),
    'sample.csv': 'rms,kurtosis\n0.1,3.0\n0.2,3.1\n',
  });
}

/** A Flask app with a Dockerfile (root, floating base image), unpinned requirements, no tests. */
export function flaskApp(): string {
  return tempDir({
    'README.md': '# Defect classifier\n\nServes the defect model over HTTP.\n',
    'app.py': [
      'from flask import Flask, request, jsonify',
      'import joblib',
      '',
      'app = Flask(__name__)',
      "model = joblib.load('model.pkl')",
      '',
      "@app.route('/predict', methods=['POST'])",
      'def predict():',
      "    features = request.get_json()['features']",
      "    return jsonify({'label': int(model.predict([features])[0])})",
      '',
    ].join('\n'),
    'train.py':
      'import joblib\nfrom sklearn.linear_model import LogisticRegression\n\nmodel = LogisticRegression()\nmodel.fit(X, y)\njoblib.dump(model, "model.pkl")\n',
    'requirements.txt': 'flask\nscikit-learn>=1.3\njoblib==1.4.2\n',
    Dockerfile:
      'FROM python:latest\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
  });
}

/** A FastAPI service with a Helm chart whose Deployment lacks probes and resources. */
export function helmWithoutProbes(): string {
  return tempDir({
    'README.md': '# Inspection service\n',
    'service/main.py': [
      'from fastapi import FastAPI',
      'from pydantic import BaseModel',
      '',
      'app = FastAPI()',
      '',
      'class Request(BaseModel):',
      '    pixels: list[float]',
      '',
      "@app.get('/healthz')",
      'def health():',
      "    return {'ok': True}",
      '',
    ].join('\n'),
    'chart/Chart.yaml': 'apiVersion: v2\nname: inspection\nversion: 0.1.0\nappVersion: "1.0.0"\n',
    'chart/values.yaml': 'image:\n  repository: ghcr.io/acme/inspection\n  tag: latest\nresources: {}\n',
    'chart/templates/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ .Release.Name }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      '          resources:',
      '            {{- toYaml .Values.resources | nindent 12 }}',
      '',
    ].join('\n'),
  });
}

/** A DVC + MLflow project: versioned data with a remote, a pipeline, tracking, tests in CI. */
export function dvcMlflowProject(): string {
  return tempDir({
    'README.md': '# Remaining useful life\n\nData versioning with DVC; experiments in MLflow.\n',
    '.gitignore': '/data\nmlruns/\n',
    '.dvc/config': '[core]\n    remote = storage\n[\'remote "storage"\']\n    url = s3://acme-ml/rul\n',
    'data.dvc': 'outs:\n- md5: 3f2a1c\n  size: 1024\n  path: data\n',
    'dvc.yaml':
      'stages:\n  train:\n    cmd: python train.py\n    deps: [data, features.py]\n    outs: [models/model.pkl]\n',
    'dvc.lock':
      'schema: "2.0"\nstages:\n  train:\n    cmd: python train.py\n    outs:\n    - path: models/model.pkl\n      md5: 9a8b7c\n',
    MLproject: 'name: rul\nentry_points:\n  main:\n    command: python train.py\n',
    'features.py':
      'def rolling_rms(values, window=10):\n    return [sum(v * v for v in values[i:i + window]) ** 0.5 for i in range(len(values))]\n',
    'train.py':
      'import mlflow\nfrom features import rolling_rms\n\nwith mlflow.start_run():\n    mlflow.log_param("window", 10)\n    model.fit(X, y)\n',
    'tests/test_features.py':
      'from features import rolling_rms\n\ndef test_rolling_rms():\n    assert rolling_rms([1.0], 1) == [1.0]\n',
    'requirements.txt': 'mlflow==2.16.0\ndvc==3.55.0\n',
    '.github/workflows/ci.yml':
      'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: dvc pull\n      - run: pytest\n',
  });
}

/** Writes more files into a fixture. */
export function addFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function addSymlink(root: string, path: string, target: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  symlinkSync(target, join(root, path));
}

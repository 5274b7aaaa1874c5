import { describe, expect, it } from 'vitest';

import { tempDir } from '../helpers/temp-dir.js';
import { renderChart } from './support/render-chart.js';

/**
 * The render harness behaves like `helm template` where charts depend on it: value merging,
 * Helm's functions and built-in objects, number types, strict mode, partials and NOTES.
 * Expected outputs are what Helm 3 prints for the same chart.
 */
const CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "4.5.6"\n',
  'values.yaml': [
    'name: base',
    'replicas: 2',
    'big: 1000000',
    'ratio: 0.25',
    'nested: { keep: 1, drop: 2, list: [a, b] }',
    'labels: { tier: web }',
    'template: "{{ .Values.name }}-tpl"',
    'never: false',
    'explode: false',
    '',
  ].join('\n'),
  'templates/_helpers.tpl':
    '{{- define "demo.labels" -}}\napp: {{ .Chart.Name }}\n{{ toYaml .Values.labels }}\n{{- end }}\n',
  'templates/config.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-{{ .Chart.Name }}',
    '  namespace: {{ .Release.Namespace }}',
    '  labels:',
    '    {{- include "demo.labels" . | nindent 4 }}',
    'data:',
    '  name: {{ .Values.name | quote }}',
    '  replicas: {{ .Values.replicas | quote }}',
    '  big: {{ .Values.big | quote }}',
    '  ratio: {{ .Values.ratio | quote }}',
    '  nested: {{ toJson .Values.nested | quote }}',
    '  tpl: {{ tpl .Values.template . | quote }}',
    '  app-version: {{ .Chart.AppVersion | quote }}',
    '  template-name: {{ .Template.Name | quote }}',
    '  base-path: {{ .Template.BasePath | quote }}',
    '  has-policy: {{ .Capabilities.APIVersions.Has "policy/v1" | quote }}',
    '  has-monitoring: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" | quote }}',
    '  kube: {{ .Capabilities.KubeVersion.Version | quote }}',
    '  from-yaml: {{ (fromYaml "a: 1\\nb: [x]").b | first | quote }}',
    '  sha: {{ include (print .Template.BasePath "/_helpers.tpl") . | sha256sum | trunc 8 | quote }}',
    '',
  ].join('\n'),
  'templates/empty.yaml': '{{- if .Values.never }}\nkind: Never\n{{- end }}\n',
  'templates/NOTES.txt': 'Installed {{ .Release.Name }}.\n',
  'templates/guard.yaml': '{{- if .Values.explode }}{{ fail "explode was set" }}{{ end }}\n',
};

const data = async (dir: string, values: string[] = [], options = {}) => {
  const rendered = await renderChart(dir, { values, releaseName: 'rel', namespace: 'ns', ...options });
  return { rendered, data: rendered.documents[0]!.object.data as Record<string, string> };
};

describe('the Helm render harness', () => {
  it('renders with Helm functions and built-in objects', async () => {
    const dir = tempDir(CHART);
    const { rendered, data: values } = await data(dir);
    expect(rendered.documents.map((document) => document.source)).toEqual(['demo/templates/config.yaml']);
    expect(rendered.documents[0]!.object.metadata).toEqual({
      name: 'rel-demo',
      namespace: 'ns',
      labels: { app: 'demo', tier: 'web' },
    });
    expect(values).toMatchObject({
      name: 'base',
      replicas: '2',
      ratio: '0.25',
      nested: '{"drop":2,"keep":1,"list":["a","b"]}',
      tpl: 'base-tpl',
      'app-version': '4.5.6',
      'template-name': 'demo/templates/config.yaml',
      'base-path': 'demo/templates',
      'has-policy': 'true',
      'has-monitoring': 'false',
      kube: 'v1.30.0',
      'from-yaml': 'x',
    });
    expect(values.sha).toMatch(/^[a-f0-9]{8}$/);
    expect(rendered.notes).toBe('Installed rel.\n');
  });

  it("gives numbers Helm's float64 type (1000000 prints as 1e+06, as under helm)", async () => {
    const { data: values } = await data(tempDir(CHART));
    expect(values.big).toBe('1e+06');
  });

  it('merges values files in order; maps merge, lists replace, null deletes', async () => {
    const dir = tempDir({
      ...CHART,
      'a.yaml': 'name: a\nnested: { keep: 10, list: [c] }\n',
      'b.yaml': 'name: b\nnested: { drop: null }\n',
    });
    const { data: values } = await data(dir, [`${dir}/a.yaml`, `${dir}/b.yaml`]);
    expect(values.name).toBe('b');
    expect(JSON.parse(values.nested!)).toEqual({ keep: 10, list: ['c'] });
  });

  it('adds API versions for .Capabilities', async () => {
    const { data: values } = await data(tempDir(CHART), [], { apiVersions: ['monitoring.coreos.com/v1'] });
    expect(values['has-monitoring']).toBe('true');
  });

  it('fails on fail and names the template', async () => {
    const dir = tempDir({ ...CHART, 'x.yaml': 'explode: true\n' });
    await expect(data(dir, [`${dir}/x.yaml`])).rejects.toThrow(
      /demo\/templates\/guard\.yaml.*explode was set/s,
    );
  });

  it('in strict mode fails on a missing value key, otherwise renders it empty', async () => {
    const dir = tempDir({ ...CHART, 'templates/typo.yaml': 'kind: X\nvalue: "{{ .Values.nmae }}"\n' });
    await expect(data(dir, [], { strict: true })).rejects.toThrow(/map has no entry for key "nmae"/);
    const loose = await renderChart(dir, {});
    expect(loose.documents.find((document) => document.object.kind === 'X')!.object.value).toBe('');
  });

  it('reports template syntax errors with the file', async () => {
    const dir = tempDir({ ...CHART, 'templates/broken.yaml': 'kind: {{ .Values.name \n' });
    await expect(data(dir)).rejects.toThrow(/demo\/templates\/broken\.yaml/);
  });
});

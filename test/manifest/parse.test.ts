import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { formatProblem } from '../../src/core/errors.js';
import { parseManifest } from '../../src/manifest/index.js';

const valid = readFileSync(new URL('../fixtures/manifests/valid.yaml', import.meta.url), 'utf8');
const lines = (text: string) => parseManifest(text).problems.map(formatProblem);

describe('parseManifest', () => {
  it('accepts a valid manifest and fills defaults', () => {
    const { manifest, problems } = parseManifest(valid);
    expect(problems).toEqual([]);
    expect(manifest?.project.name).toBe('line-3-defects');
    expect(manifest?.model.session.graphOptimizationLevel).toBe('all');
    expect(manifest?.environments[1]?.gitops?.branch).toBe('main');
    expect(manifest?.gates.approvals.distinctFromAuthor).toBe(true);
  });

  it('needs only a project name', () => {
    const { manifest } = parseManifest('project:\n  name: pilot\n');
    expect(manifest?.sla).toEqual({ percentile: 95, boundMs: 50 });
    expect(manifest?.data.remote.type).toBe('local');
  });

  it('reports a wrong type at its line and column', () => {
    expect(lines('project:\n  name: pilot\nsla:\n  boundMs: fast\n')).toEqual([
      'poc.yaml:4:12 sla.boundMs: Invalid input: expected number, received string',
    ]);
  });

  it('reports a bad enum value with the allowed values', () => {
    expect(lines('project:\n  name: pilot\n  useCase: welding\n')).toEqual([
      'poc.yaml:3:12 project.useCase: Invalid option: expected one of "quality-inspection"|"predictive-maintenance"',
    ]);
  });

  it('reports a missing required field at its parent', () => {
    expect(lines('project:\n  useCase: quality-inspection\n')).toEqual([
      'poc.yaml:2:3 project.name: Invalid input: expected string, received undefined',
    ]);
  });

  it('points unknown keys at the key, with a did-you-mean', () => {
    expect(lines('project:\n  name: pilot\nmodle:\n  path: m.onnx\nsla:\n  percentil: 99\n')).toEqual([
      'poc.yaml:3:1 modle: unknown key "modle" (did you mean "model"?)',
      'poc.yaml:6:3 sla.percentil: unknown key "percentil" (did you mean "percentile"?)',
    ]);
  });

  it('lists the allowed keys when nothing is close', () => {
    const [problem] = lines('project:\n  name: pilot\n  zzzzzzzzzz: 1\n');
    expect(problem).toBe(
      'poc.yaml:3:3 project.zzzzzzzzzz: unknown key "zzzzzzzzzz" (allowed: name, useCase, description, templateVersion)',
    );
  });

  it('reports every problem at once, schema and cross-field together, in file order', () => {
    const text = [
      'project:',
      '  name: Line 3',
      'environments:',
      '  - name: production',
      '    after: stagin',
      '    clusters: [{name: a}]',
      '  - name: staging',
      '    deployer: gitops',
      '    clusters: []',
    ].join('\n');
    expect(lines(text)).toEqual([
      'poc.yaml:2:9 project.name: must be lowercase letters, digits and "-", starting and ending with a letter or digit',
      'poc.yaml:5:12 environments[0].after: unknown environment "stagin" (did you mean "staging"?); known: production, staging',
      'poc.yaml:8:15 environments[1].deployer: deployer "gitops" needs a gitops section with repo (the environment repository)',
      'poc.yaml:9:15 environments[1].clusters: Too small: expected array to have >=1 items',
    ]);
  });

  it('finds a cycle in the environment order', () => {
    const text =
      'project: {name: p}\nenvironments:\n  - {name: a, after: b, clusters: [{name: x}]}\n  - {name: b, after: a, clusters: [{name: x}]}\n';
    expect(lines(text)).toEqual([
      'poc.yaml:3:22 environments[0].after: environment order has a cycle: a -> b -> a',
      'poc.yaml:4:22 environments[1].after: environment order has a cycle: b -> a -> b',
    ]);
  });

  it('finds duplicate names and endpoints for unknown environments', () => {
    const text = [
      'project: {name: p}',
      'environments: [{name: staging, clusters: [{name: c1}, {name: c1}]}]',
      'integrations:',
      '  - {name: mes, kind: rest, contract: c.yaml, endpoints: {stagin: "http://x"}}',
      '  - {name: mes, kind: rest, contract: c.yaml}',
    ].join('\n');
    expect(lines(text)).toEqual([
      'poc.yaml:2:62 environments[0].clusters[1].name: duplicate name "c1"',
      'poc.yaml:4:67 integrations[0].endpoints.stagin: endpoint for unknown environment "stagin" (did you mean "staging"?); known: mock, staging',
      'poc.yaml:5:12 integrations[1].name: duplicate name "mes"',
    ]);
  });

  it('reports a YAML syntax error at its position', () => {
    expect(lines('project:\n  name: a: b\n')).toEqual([
      'poc.yaml:2:9 YAML syntax: Nested mappings are not allowed in compact mappings',
    ]);
    expect(lines('project:\n\tname: a\n')).toEqual([
      'poc.yaml:2:1 YAML syntax: Tabs are not allowed as indentation',
    ]);
    expect(lines('project: {name: a}\nproject: {name: b}\n')).toEqual([
      'poc.yaml:2:1 YAML syntax: Map keys must be unique',
    ]);
  });

  it('explains an empty file and a list', () => {
    expect(lines('')).toEqual(['poc.yaml:1:1 the file is empty; it needs at least project.name']);
    expect(lines('# only a comment\n')).toEqual([
      'poc.yaml:1:1 the file is empty; it needs at least project.name',
    ]);
    expect(lines('- project\n- model\n')).toEqual([
      'poc.yaml:1:1 must be a mapping of sections (project:, model:, …), not a list or a single value',
    ]);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(() => parseManifest(bomb)).toThrow(/alias/i);
  });

  it('handles a 5 MB manifest and caps the problem list', () => {
    const datasets = Array.from(
      { length: 60_000 },
      (_, i) => `    - name: set-${i}\n      path: data/set-${i}\n      description: ${'x'.repeat(40)}`,
    );
    const big = `project:\n  name: big\ndata:\n  datasets:\n${datasets.join('\n')}\n`;
    expect(big.length).toBeGreaterThan(5_000_000);
    const parsed = parseManifest(big);
    expect(parsed.problems).toEqual([]);
    expect(parsed.manifest?.data.datasets).toHaveLength(60_000);

    const broken = big
      .slice(0, 1_000_000)
      .replace(/\n[^\n]*$/, '\n')
      .replaceAll('      path:', '      pth:');
    const problems = parseManifest(broken).problems;
    expect(problems).toHaveLength(201);
    expect(problems.at(-1)?.message).toMatch(/and \d+ more problems/);
  });
});

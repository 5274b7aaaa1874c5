/**
 * What every template sees. This is the contract between the init engine and the templates
 * (base, use-case overlays, Helm chart, serving app): change it additively.
 *
 * Template paths may contain `__name__`, replaced by the project name
 * (e.g. `deploy/helm/__name__/Chart.yaml.hbs`), and `__facility__`, which renders the file once
 * per production facility with `facility` set (e.g. `values-production-__facility__.yaml.hbs`). Only `*.hbs` files are rendered (Handlebars,
 * strict, noEscape); the `.hbs` suffix is dropped. Helm templates are therefore NOT `.hbs`:
 * they are copied byte for byte, so their `{{ }}` reach Helm untouched.
 */
import type { INTEGRATION_KINDS } from '../manifest/index.js';
import type { INTEGRATIONS } from './integrations.js';

export type UseCase = 'quality-inspection' | 'predictive-maintenance';
/**
 * The ids of the integrations registry (integrations.ts): 'mes-rest', 'erp-rest',
 * 'historian-rest', 'sensors-mqtt'. A new protocol (e.g. 'machines-opcua') joins by one entry
 * there and one contract file under templates/project/contracts/.
 */
export type IntegrationId = (typeof INTEGRATIONS)[number]['id'];

export interface TemplateIntegration {
  /** Registry id, e.g. `mes-rest`. */
  id: IntegrationId;
  /** Name in poc.yaml and file names, e.g. `mes`. */
  name: string;
  /** Transport, as in poc.yaml (`rest`, `mqtt`; `opcua` and `modbus` are reserved for later entries). */
  kind: (typeof INTEGRATION_KINDS)[number];
  /** Human name of the system, e.g. `MES`. */
  system: string;
  /** Contract path relative to the project root, e.g. `contracts/mes.openapi.yaml`. */
  contract: string;
  /** Endpoint that `poc mock` serves, e.g. `http://127.0.0.1:4011` or `mqtt://127.0.0.1:1883`. */
  mockEndpoint: string;
}

export interface TemplateContext {
  name: string;
  useCase: UseCase;
  /** One flag per use case, for `{{#if useCaseIs.qualityInspection}}`. */
  useCaseIs: { qualityInspection: boolean; predictiveMaintenance: boolean };
  description: string;
  /** poc2prod version that generated the project (pipelines install this version of the CLI). */
  templateVersion: string;
  integrations: TemplateIntegration[];
  hasRest: boolean;
  hasMqtt: boolean;
  remote:
    | { type: 'local'; path: string }
    | { type: 's3'; bucket: string; prefix: string; endpoint?: string; region: string };
  ci: { github: boolean; gitlab: boolean };
  /** Container registry, e.g. `ghcr.io/acme`; the image is `${registry}/${name}`. */
  registry: string;
  image: string;
  /** Production facilities, each a DNS label, e.g. `['plant-a', 'plant-b']`. */
  facilities: string[];
  sla: { percentile: number; boundMs: number };
  owners: { model: string; data: string; operations: string; escalation: string };
  /**
   * Set only while rendering a template whose path contains `__facility__`: such a template is
   * rendered once per entry of `facilities`, with `__facility__` in its path replaced by it.
   */
  facility?: string;
  /** JSON Schema URL of poc.yaml for this template version (the yaml-language-server comment). */
  schemaUrl: string;
}

import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { useCase } from '../features/index.js';

/**
 * Units and ranges are part of the contract: before ingesting, compare what the feature code
 * expects (usecase/schema.ts) with contracts/sensors.asyncapi.yaml. A reading in °F fed to a
 * model trained in °C is valid JSON and silently wrong; this refuses it at the door.
 * Returns the disagreements; `undefined` when the project has no sensor contract.
 */
export async function contractMismatches(contractPath: string): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await readFile(contractPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const document = parse(text) as {
    components?: { schemas?: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
  };
  const schemaName = useCase.sensors.contractSchema;
  const properties = document.components?.schemas?.[schemaName]?.properties;
  if (!properties) return [`${contractPath} has no components.schemas.${schemaName}`];
  const problems: string[] = [];
  for (const signal of useCase.sensors.signals) {
    const property = properties[signal.name];
    if (!property) {
      problems.push(`${signal.name} is not in the contract`);
      continue;
    }
    if (property['x-unit'] !== signal.unit)
      problems.push(
        `${signal.name}: the contract says ${String(property['x-unit'])}, the features expect ${signal.unit}`,
      );
    if (property.minimum !== signal.min || property.maximum !== signal.max) {
      problems.push(
        `${signal.name}: the contract's range [${String(property.minimum)}, ${String(property.maximum)}] differs from [${signal.min}, ${signal.max}]`,
      );
    }
  }
  return problems;
}

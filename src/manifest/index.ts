export { manifestJsonSchema, schemaUrl } from './json-schema.js';
export { displayPath, findProjectRoot, loadProject, MANIFEST_FILE, type LoadedProject } from './load.js';
export { formatPath, locate } from './locate-node.js';
export { parseManifest, type ParsedManifest } from './parse.js';
export { checkReference, references, type Reference } from './references.js';
export * from './schema.js';
export { validateProject, type ValidationResult } from './validate-project.js';

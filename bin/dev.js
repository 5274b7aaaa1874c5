#!/usr/bin/env -S node --import tsx
// Runs the TypeScript sources (oclif maps dist/ to src/ through tsconfig.json in development).
// The command list comes from oclif.manifest.json: after adding a command, run `npm run generate`.
process.env.NODE_ENV = 'development';
const { main } = await import('../src/core/main.ts');
await main(process.argv.slice(2), import.meta.url);

#!/usr/bin/env bash
# Regenerates every generated artefact and fails when one differs from what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent generate
if ! git diff --quiet --exit-code -- oclif.manifest.json schema README.md examples; then
  git --no-pager diff --stat -- oclif.manifest.json schema README.md examples
  echo "Generated files drifted from the code: run 'npm run generate' and commit the result." >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- examples schema)
if [ -n "$untracked" ]; then
  echo "Generated files are not committed:" >&2
  echo "$untracked" >&2
  exit 1
fi
echo "Generated files match the code."

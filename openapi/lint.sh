#!/usr/bin/env bash
# Lints the committed API description with Spectral (spectral:oas) and Redocly (recommended).
# Needs Node.js and npm; the linters come from the npm registry, pinned.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'extends: ["spectral:oas"]\n' > "$work/.spectral.yaml"
npx -y @stoplight/spectral-cli@6.16.3 lint --fail-severity warn -r "$work/.spectral.yaml" openapi.yaml
npx -y @redocly/cli@2.77.0 lint --extends recommended --max-problems 50 openapi.yaml

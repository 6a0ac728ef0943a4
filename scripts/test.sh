#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine with Node 20 + npm, as root:
# installs what the tests need (Debian's Chromium and CJK fonts, node modules), then type-checks,
# runs the unit tests and the end-to-end tests. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
# grep reads all of fc-list's output: with -q it would stop early, fc-list would die of SIGPIPE and
# pipefail would report the fonts missing on every run.
fc-list 2>/dev/null | grep -i 'CJK' >/dev/null || need_packages+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need_packages+=(poppler-utils)
if [ ${#need_packages[@]} -gt 0 ]; then
	echo "Installing Debian packages: ${need_packages[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run check
npm run test:unit
npm run test:e2e

#!/usr/bin/env bash
# What the browser and validator tests need, on a clean machine (idempotent):
# Debian's chromium (Playwright drives it; no browser download works here), Java for the
# Nu HTML checker, and from npm the checker's jar and axe-core, into .tools/ of the checkout.
# `--with-lighthouse` adds Lighthouse 12 (the last line that runs on Node 20) for benchmarks/.
set -euo pipefail
cd "$(dirname "$0")/.."
apt_install() {
    local missing=()
    for package in "$@"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    apt-get update -o DPkg::Lock::Timeout=600 -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
}
apt_install chromium default-jre-headless
packages=(vnu-jar@26.9.27 axe-core@4.14.1)
if [ "${1:-}" = "--with-lighthouse" ]; then packages+=(lighthouse@12.8.2); fi
mkdir -p .tools
# --ignore-scripts: vnu-jar's postinstall would download a JRE; the system Java runs the jar.
npm install --silent --no-audit --no-fund --ignore-scripts --prefix .tools "${packages[@]}" >/dev/null
echo "web tools: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(java -version 2>&1 | head -1);" \
     "vnu $(node -p 'require("./.tools/node_modules/vnu-jar/package.json").version')," \
     "axe $(node -p 'require("./.tools/node_modules/axe-core/package.json").version')"

#!/usr/bin/env bash
# Installs what the browser tests and the PDFs need from Debian: Chromium (driven by playwright-core) and CJK fonts
# (Noto Sans/Serif CJK, the open fallbacks named in the pages' and notices' font stacks). Runs as root.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -q 'Noto Serif CJK' || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "ci-browser: installing Debian's ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | grep -v 'unexpected operator' || true

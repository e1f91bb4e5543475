#!/usr/bin/env bash
# Install the Debian packages Krachtbron needs, only those that are missing.
#   scripts/install-system-deps.sh run    -> what `make run` needs (PDF rendering)
#   scripts/install-system-deps.sh test   -> also chromium, postgresql, wrk, poppler
set -euo pipefail
profile=${1:-run}
# Fonts for PDFs, in both profiles: families write Dutch, Turkish, Polish, Arabic, Tigrinya and
# Amharic (Ethiopic), Tamazight (Tifinagh), Chinese and emoji. fonts-noto-core covers most
# scripts, fonts-noto-cjk Chinese, Japanese and Korean (about 90 MB, but a goal typed in Han
# characters must never print as empty boxes), fonts-noto-color-emoji the emoji; DejaVu stays
# for the monospaced link on the invitation (docs/invoer-en-bestanden.md).
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1
          fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)
# speech-dispatcher with espeak-ng gives the tests' Chromium real voices for "Lees voor"
# (read-aloud, docs/vragenlijst.md); a family's own browser uses the voices of its device.
if [ "$profile" = "test" ]; then
  packages+=(chromium postgresql wrk poppler-utils speech-dispatcher speech-dispatcher-espeak-ng)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Install these packages with your package manager: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

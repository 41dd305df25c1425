#!/usr/bin/env bash
# Installs the Debian packages the project needs that are missing from this machine.
#   scripts/ensure-system.sh [postgres] [chromium] [poppler]
# Idempotent and quiet when everything is present. Runs `apt-get update` once, only when something is
# missing. Needs root to install; otherwise names the missing packages and exits 1.
set -euo pipefail

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_chromium() { [ -x /usr/bin/chromium ]; }
have_poppler() { command -v pdftotext >/dev/null 2>&1; }

missing=()
for want in "$@"; do
  case "$want" in
    postgres | postgresql) have_postgres || missing+=(postgresql) ;;
    chromium) have_chromium || missing+=(chromium) ;;
    poppler | poppler-utils) have_poppler || missing+=(poppler-utils) ;;
    *)
      echo "ensure-system: unknown component '$want' (expected: postgres, chromium, poppler)" >&2
      exit 2
      ;;
  esac
done

[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system: missing Debian package(s): ${missing[*]}" >&2
  echo "ensure-system: not running as root; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "ensure-system: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2

# Check again: a package that installed but did not provide what we look for is an error.
for want in "$@"; do
  case "$want" in
    postgres | postgresql) have_postgres || { echo "ensure-system: postgresql installed but no initdb found" >&2; exit 1; } ;;
    chromium) have_chromium || { echo "ensure-system: chromium installed but /usr/bin/chromium missing" >&2; exit 1; } ;;
    poppler | poppler-utils) have_poppler || { echo "ensure-system: poppler-utils installed but pdftotext missing" >&2; exit 1; } ;;
  esac
done
echo "ensure-system: installed ${missing[*]}" >&2

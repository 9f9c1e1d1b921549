#!/usr/bin/env bash
# Build the one-folder desktop bundle with PyInstaller: <repo>/dist/inventory-gui/.
#
# Usage: packaging/build.sh [--distpath DIR] [--workpath DIR]
#
# Runs from any folder.  Uses the PyInstaller of the current python (the first
# `python` on PATH, e.g. an activated virtual environment, else `python3`; set
# PYTHON to choose another); the project must be installed in that environment
# (`pip install -e ".[test]"` installs both).  DIR arguments are taken relative
# to the folder you run from.  INVENTORY_GUI_DISTPATH / INVENTORY_GUI_WORKPATH
# set the same two folders from the environment.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

absolute() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}

distpath="${INVENTORY_GUI_DISTPATH:-$root/dist}"
workpath="${INVENTORY_GUI_WORKPATH:-$root/build/pyinstaller}"
while [ $# -gt 0 ]; do
  case "$1" in
    --distpath) distpath="${2:?--distpath needs a folder}"; shift 2 ;;
    --distpath=*) distpath="${1#*=}"; shift ;;
    --workpath) workpath="${2:?--workpath needs a folder}"; shift 2 ;;
    --workpath=*) workpath="${1#*=}"; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
distpath="$(absolute "$distpath")"
workpath="$(absolute "$workpath")"

if [ -z "${PYTHON:-}" ]; then
  if command -v python >/dev/null 2>&1; then PYTHON=python; else PYTHON=python3; fi
fi
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "build.sh: PyInstaller is not installed for $PYTHON: pip install 'pyinstaller>=6.10'" >&2
  exit 1
fi
if ! "$PYTHON" -c "import importlib.metadata as m; m.version('inventory-gui')" 2>/dev/null; then
  echo "build.sh: inventory-gui is not installed for $PYTHON: pip install -e $root" >&2
  exit 1
fi

cd "$root"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$distpath" --workpath "$workpath" "$here/inventory-gui.spec"

bundle="$distpath/inventory-gui"
echo "built $bundle ($(du -sh "$bundle" | cut -f1))"

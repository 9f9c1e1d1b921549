#!/usr/bin/env bash
# Install the desktop bundle for the current user (no root needed).
#
# Usage: packaging/linux/install.sh [BUNDLE_DIR]
#
# BUNDLE_DIR (or $BUNDLE) is the folder packaging/build.sh made, by default
# <repo>/dist/inventory-gui.  Files go under $PREFIX, by default ~/.local:
#   lib/inventory-gui/                      the bundle (replaced if present)
#   bin/inventory-gui                       a symbolic link to its program
#   share/applications/APP_ID.desktop       Exec= is lib/inventory-gui/inventory-gui
#   share/metainfo/APP_ID.metainfo.xml
#   share/icons/hicolor/NxN/apps/APP_ID.png and scalable/apps/APP_ID.svg
# packaging/linux/uninstall.sh removes exactly these.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app_id="io.github.inventory_gui.InventoryGui"
sizes=(16 32 48 64 128 256)

bundle="${1:-${BUNDLE:-$root/dist/inventory-gui}}"
prefix="${PREFIX:-$HOME/.local}"

if [ ! -x "$bundle/inventory-gui" ]; then
  echo "install.sh: no bundle at $bundle (run packaging/build.sh first)" >&2
  exit 1
fi
bundle="$(cd "$bundle" && pwd)"

libdir="$prefix/lib/inventory-gui"
bindir="$prefix/bin"
apps="$prefix/share/applications"
metainfo="$prefix/share/metainfo"
icons="$prefix/share/icons/hicolor"

# The bundle: a fresh copy, so no file of an older version stays behind.
mkdir -p "$prefix/lib" "$bindir"
if [ "$bundle" != "$libdir" ]; then
  rm -rf "$libdir.new"
  cp -a "$bundle" "$libdir.new"
  rm -rf "$libdir"
  mv "$libdir.new" "$libdir"
fi
link="$bindir/inventory-gui"
if [ -e "$link" ] && [ ! -L "$link" ]; then
  # e.g. from `pip install --user inventory-gui`: leave it alone.
  echo "install.sh: $link exists and is not a link; not replacing it" >&2
else
  ln -sfn "$libdir/inventory-gui" "$link"
fi

# The desktop entry runs the bundle's program by its full path: it works
# whether or not ~/.local/bin is on the desktop session's PATH.
mkdir -p "$apps" "$metainfo"
sed -e "s|^Exec=inventory-gui |Exec=\"$libdir/inventory-gui\" |" \
    -e "s|^TryExec=inventory-gui\$|TryExec=$libdir/inventory-gui|" \
    "$here/$app_id.desktop" > "$apps/$app_id.desktop"
chmod 644 "$apps/$app_id.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$metainfo/$app_id.metainfo.xml"

for size in "${sizes[@]}"; do
  mkdir -p "$icons/${size}x${size}/apps"
  install -m 644 "$root/resources/icons/inventory-gui-$size.png" \
    "$icons/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$icons/scalable/apps"
install -m 644 "$root/resources/icons/inventory-gui.svg" "$icons/scalable/apps/$app_id.svg"

# Refresh the desktop's caches where they exist; the menus pick the entry up either way.
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$apps" || true
fi
if [ -f "$icons/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t -f "$icons" || true
fi

echo "installed Inventory Checker in $libdir"
case ":$PATH:" in
  *":$bindir:"*) ;;
  *) echo "note: $bindir is not on PATH; the menu entry works, the command needs the full path" ;;
esac

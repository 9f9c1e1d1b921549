#!/usr/bin/env bash
# Remove what packaging/linux/install.sh installed, and nothing else.
#
# Usage: packaging/linux/uninstall.sh      (same PREFIX as install.sh, default ~/.local)
set -euo pipefail

app_id="io.github.inventory_gui.InventoryGui"
sizes=(16 32 48 64 128 256)
prefix="${PREFIX:-$HOME/.local}"

libdir="$prefix/lib/inventory-gui"
bindir="$prefix/bin"
apps="$prefix/share/applications"
metainfo="$prefix/share/metainfo"
icons="$prefix/share/icons/hicolor"

# The command link only if it is ours (points into the installed bundle).
link="$bindir/inventory-gui"
if [ -L "$link" ] && [ "$(readlink "$link")" = "$libdir/inventory-gui" ]; then
  rm -f "$link"
fi
rm -rf "$libdir"
rm -f "$apps/$app_id.desktop" "$metainfo/$app_id.metainfo.xml"
for size in "${sizes[@]}"; do
  rm -f "$icons/${size}x${size}/apps/$app_id.png"
  rmdir "$icons/${size}x${size}/apps" "$icons/${size}x${size}" 2>/dev/null || true
done
rm -f "$icons/scalable/apps/$app_id.svg"
rmdir "$icons/scalable/apps" "$icons/scalable" 2>/dev/null || true

if [ -d "$apps" ] && command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$apps" || true
fi
if [ -f "$icons/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t -f "$icons" || true
fi

echo "removed Inventory Checker from $prefix"

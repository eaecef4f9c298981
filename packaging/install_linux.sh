#!/bin/sh
# Install the one-folder build for one user (default) or system-wide:
#   packaging/install_linux.sh            -> ~/.local (needs no root)
#   sudo packaging/install_linux.sh /usr/local
# Copies dist/contract-compare/ to PREFIX/lib/contract-compare, links PREFIX/bin/contract-compare,
# and installs the desktop entry (with Exec pointing at that link) and the icons.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
prefix=${1:-"$HOME/.local"}
app="$root/dist/contract-compare"
if [ ! -x "$app/contract-compare" ]; then
	echo "install_linux: $app: not built (run make package)" >&2
	exit 1
fi

rm -rf "$prefix/lib/contract-compare"
mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" \
	"$prefix/share/icons/hicolor/scalable/apps" "$prefix/share/icons/hicolor/256x256/apps"
cp -a "$app" "$prefix/lib/contract-compare"
ln -sf "$prefix/lib/contract-compare/contract-compare" "$prefix/bin/contract-compare"
sed -e "s|^Exec=contract-compare|Exec=$prefix/bin/contract-compare|" \
	-e "s|^TryExec=contract-compare|TryExec=$prefix/bin/contract-compare|" \
	"$here/contract-compare.desktop" > "$prefix/share/applications/contract-compare.desktop"
cp "$root/resources/icons/contract-compare.svg" "$prefix/share/icons/hicolor/scalable/apps/"
cp "$root/resources/icons/contract-compare.png" "$prefix/share/icons/hicolor/256x256/apps/"
# menus and icon caches pick the new files up at once where these tools exist
if command -v update-desktop-database >/dev/null; then
	update-desktop-database -q "$prefix/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null; then
	gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
fi
echo "installed in $prefix: run contract-compare, or find Contract Compare in the applications menu"

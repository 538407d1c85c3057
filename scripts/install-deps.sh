#!/bin/sh
# Installs the Debian 12 packages Gongkai builds, runs and tests with.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu

PKGS="build-essential pkg-config clang
libncurses-dev libsqlite3-dev sqlite3 libsodium-dev libinih-dev
libcups2-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk
cups cups-client cups-bsd minisign tmux poppler-utils paps
unicode-data time
librime1 librime-dev rime-data-pinyin-simp rime-data-stroke libopencc-data
libqrencode-dev zbar-tools espeak-ng"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "Missing Debian packages. Run as root:" >&2
	echo "  apt-get update && $cmd" >&2
	exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing

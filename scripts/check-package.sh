#!/bin/sh
# check-package.sh BUILD - checks the Debian package that `make deb` built
# into BUILD/deb/, as root (make check-package):
#
#   1. lintian on the .changes (errors fail; warnings are printed),
#   2. a clean Debian 12 root (debootstrap --variant=minbase bookworm, kept
#      as a pristine tarball in $GK_CHECK_CACHE so later runs unpack it
#      instead of downloading it again), the .deb installed into it with
#      apt-get from the Debian mirror ($GK_MIRROR),
#   3. what the package must have done there: the gongkai user,
#      /var/lib/gongkai owned by it, the conffiles, the unit enabled,
#   4. systemd-analyze verify on the installed units, inside the root,
#   5. the installed kiosk started from the installed files with the
#      installed configuration, under tmux (chroot, as the gongkai user),
#      until its home screen shows; then the demo bundle imported with
#      the installed gongkaictl and the home screen again,
#   6. purge: the conffiles go, the user's data stays.
#
# Needs debootstrap, lintian, tmux and the network to the Debian mirror
# (the only outside source: the root and the package's dependencies).
# Prints "N passed, N failed" at the end; exit 0 only when nothing failed.
set -u

BUILD=${1:-build}
MIRROR=${GK_MIRROR:-http://deb.debian.org/debian}
CACHE=${GK_CHECK_CACHE:-/var/cache/gongkai-check}
KEEP=${GK_CHECK_KEEP:-0}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PASS=0 FAIL=0

ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
check() { # check NAME COMMAND... : runs the command, counts it
	name=$1; shift
	if "$@" >"$T/out" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/     /' "$T/out" | tail -20; fi
}
die() { echo "check-package: $*" >&2; exit 3; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot)"
for tool in debootstrap lintian tmux; do
	command -v $tool >/dev/null || die "$tool is missing: apt-get install $tool"
done
DEB=$(ls "$BUILD"/deb/gongkai_*_*.deb 2>/dev/null | head -n 1)
CHANGES=$(ls "$BUILD"/deb/gongkai_*_*.changes 2>/dev/null | head -n 1)
[ -n "$DEB" ] && [ -n "$CHANGES" ] || die "no package in $BUILD/deb: run make deb first"

T=$(mktemp -d /var/tmp/gongkai-check.XXXXXX)
ROOT=$T/root
SOCK=gongkai-check-$$
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	for m in dev/pts dev proc sys; do
		mountpoint -q "$ROOT/$m" 2>/dev/null && umount -l "$ROOT/$m"
	done
	if [ "$KEEP" = 1 ]; then echo "kept: $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT INT TERM

echo "== lintian $(lintian --version | awk '{print $2}') on $CHANGES"
lintian --pedantic -I -E --fail-on error "$CHANGES" 2>&1 | grep -v 'running with root privileges' | tee "$T/lintian"
if grep -q '^E:' "$T/lintian"; then bad "lintian: no errors"; else ok "lintian: no errors"; fi

check "debian/control Build-Depends names every -dev package of scripts/install-deps.sh" sh -c "
	bd=\$(sed -n '/^Build-Depends:/,/^[A-Z]/p' '$HERE/debian/control');
	for p in \$(sed -n '/^PKGS=/,/\"\$/p' '$HERE/scripts/install-deps.sh' | tr -d '\"' | tr ' ' '\n' | grep -- '-dev\$'); do
		echo \"\$bd\" | grep -q -- \"\$p\" || { echo \"missing: \$p\"; exit 1; }; done"

echo "== a clean Debian 12 root"
TARBALL=$CACHE/bookworm-minbase.tar
if [ ! -s "$TARBALL" ]; then
	mkdir -p "$CACHE"
	echo "debootstrap --variant=minbase bookworm (once; cached in $TARBALL)"
	debootstrap --variant=minbase bookworm "$T/boot" "$MIRROR" >"$T/debootstrap.log" 2>&1 ||
		{ tail "$T/debootstrap.log"; die "debootstrap failed"; }
	tar -C "$T/boot" -cf "$TARBALL.new" . && mv "$TARBALL.new" "$TARBALL"
	rm -rf "$T/boot"
fi
mkdir -p "$ROOT" && tar -C "$ROOT" -xf "$TARBALL" || die "cannot unpack $TARBALL"
check "root is bare Debian 12 (no gongkai, cage, foot; no gongkai user)" sh -c "
	grep -q '^VERSION_ID=\"12\"' '$ROOT/etc/os-release' &&
	! chroot '$ROOT' dpkg-query -W -f='\${Status}\\n' gongkai cage foot 2>/dev/null | grep -q installed &&
	! grep -q '^gongkai:' '$ROOT/etc/passwd'"
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null
# Nothing is started inside the root (policy-rc.d), as in any chroot install.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d" && chmod 755 "$ROOT/usr/sbin/policy-rc.d"
echo "deb $MIRROR bookworm main" >"$ROOT/etc/apt/sources.list"
cp "$DEB" "$ROOT/tmp/gongkai.deb"

echo "== apt-get install ./gongkai.deb (dependencies from $MIRROR)"
if chroot "$ROOT" sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends /tmp/gongkai.deb' >"$T/apt.log" 2>&1; then
	ok "package installs into the clean root"
else
	bad "package installs into the clean root"; tail -30 "$T/apt.log"; exit 1
fi
grep -E '^(Setting up|Adding|Creating)' "$T/apt.log" | grep -i -E 'gongkai|cage |foot |fonts-noto-cjk |rime-data|cups-client' | sed 's/^/     /'

echo "== what the package made"
in_root() { chroot "$ROOT" "$@"; }
check "gongkai is a system user with no shell" sh -c "
	in=\$(chroot '$ROOT' getent passwd gongkai) && echo \"\$in\" &&
	uid=\$(echo \"\$in\" | cut -d: -f3) && [ \"\$uid\" -lt 1000 ] &&
	echo \"\$in\" | grep -q ':/var/lib/gongkai:/usr/sbin/nologin\$'"
check "/var/lib/gongkai owned by gongkai, 0750" sh -c "
	[ \"\$(chroot '$ROOT' stat -c '%U:%G %a' /var/lib/gongkai)\" = 'gongkai:gongkai 750' ]"
check "/media/gongkai exists for the sticks" test -d "$ROOT/media/gongkai"
check "kiosk.conf, foot.ini, pam.d/gongkai are conffiles" sh -c "
	chroot '$ROOT' dpkg-query -W -f='\${Conffiles}' gongkai | tee /dev/stderr |
	grep -q /etc/gongkai/kiosk.conf &&
	chroot '$ROOT' dpkg-query -W -f='\${Conffiles}' gongkai | grep -q /etc/gongkai/foot.ini &&
	chroot '$ROOT' dpkg-query -W -f='\${Conffiles}' gongkai | grep -q /etc/pam.d/gongkai"
check "kiosk.conf readable by root and gongkai only (root:gongkai 640)" sh -c "
	[ \"\$(chroot '$ROOT' stat -c '%U:%G %a' /etc/gongkai/kiosk.conf)\" = 'root:gongkai 640' ]"
check "kiosk.conf has the placeholder key, no demo key" sh -c "
	grep -qx 'bundle_pubkey = REPLACE-WITH-COUNTY-KEY' '$ROOT/etc/gongkai/kiosk.conf' &&
	! grep -q \"\$(sed -n 2p '$HERE/assets/demo-keys/office.pub')\" '$ROOT/etc/gongkai/kiosk.conf'"
check "gongkai.service enabled for multi-user.target" \
	test -L "$ROOT/etc/systemd/system/multi-user.target.wants/gongkai.service"
check "udev rule, sysusers, tmpfiles, polkit rule, usb-mount, man pages installed" sh -c "
	cd '$ROOT' && ls lib/udev/rules.d/90-gongkai-usb.rules usr/lib/sysusers.d/gongkai.conf \
		usr/lib/tmpfiles.d/gongkai.conf usr/share/polkit-1/rules.d/50-gongkai.rules \
		usr/libexec/gongkai/usb-mount usr/share/man/man1/gongkai.1.gz \
		usr/share/doc/gongkai/OPERATIONS.md* lib/systemd/system/gongkai-usb-mount@.service"
check "the terminal's font is there (Noto Sans Mono CJK SC)" sh -c "
	chroot '$ROOT' fc-match 'Noto Sans Mono CJK SC' | grep -q 'Noto Sans Mono CJK SC'"
check "Xwayland is there (cage 0.1.4 will not start without it)" test -x "$ROOT/usr/bin/Xwayland"
check "foot accepts /etc/gongkai/foot.ini" chroot "$ROOT" foot --check-config --config=/etc/gongkai/foot.ini

echo "== the USB pieces, without a stick"
# usb-mount with blkid, id, mountpoint and systemd-mount replaced by stubs
# that answer for a pretend stick and print what would be run.
mkdir -p "$T/stub"
cat >"$T/stub/blkid" <<'STUB'
#!/bin/sh
case "$*" in *TYPE*) echo "$STUB_TYPE" ;; *LABEL*) [ -n "$STUB_LABEL" ] && echo "$STUB_LABEL" ;; esac
STUB
printf '#!/bin/sh\ncase "$1" in -u) echo 996 ;; -g) echo 995 ;; esac\n' >"$T/stub/id"
printf '#!/bin/sh\nexit 1\n' >"$T/stub/mountpoint"
printf '#!/bin/sh\necho systemd-mount "$@"\n' >"$T/stub/systemd-mount"
printf '#!/bin/sh\nexit 0\n' >"$T/stub/install"
chmod 755 "$T"/stub/*
check "usb-mount: vfat stick labelled 县政务 at /media/gongkai/县政务, noexec,nodev,nosuid, owned by gongkai" sh -c "
	out=\$(env PATH='$T/stub:/usr/bin:/bin' STUB_TYPE=vfat STUB_LABEL=县政务 sh '$ROOT/usr/libexec/gongkai/usb-mount' /dev/sdz1) && echo \"\$out\" &&
	echo \"\$out\" | grep -q -- '-t vfat -o noexec,nodev,nosuid,noatime,uid=996,gid=995,umask=0077,iocharset=utf8' &&
	echo \"\$out\" | grep -q ' /dev/sdz1 /media/gongkai/县政务\$'"
check "usb-mount: a label with spaces or slashes is not used as a folder name" sh -c "
	out=\$(env PATH='$T/stub:/usr/bin:/bin' STUB_TYPE=exfat STUB_LABEL='../a b' sh '$ROOT/usr/libexec/gongkai/usb-mount' /dev/sdz1) && echo \"\$out\" &&
	echo \"\$out\" | grep -q -- '-t exfat .* /dev/sdz1 /media/gongkai/sdz1\$'"
check "usb-mount: NTFS through ntfs3; ext4 is left alone" sh -c "
	env PATH='$T/stub:/usr/bin:/bin' STUB_TYPE=ntfs STUB_LABEL= sh '$ROOT/usr/libexec/gongkai/usb-mount' /dev/sdz1 | grep -q -- '-t ntfs3 ' &&
	! env PATH='$T/stub:/usr/bin:/bin' STUB_TYPE=ext4 STUB_LABEL= sh '$ROOT/usr/libexec/gongkai/usb-mount' /dev/sdz1 2>/dev/null | grep -q systemd-mount"
if command -v node >/dev/null; then
	check "polkit rule: gongkai may stop media-gongkai-*.mount and nothing else" node -e '
		const fs = require("fs"); let rule;
		const polkit = { Result: { YES: "yes" }, addRule: f => { rule = f; } };
		eval(fs.readFileSync(process.argv[1], "utf8"));
		const ask = (user, verb, unit, id) => rule({ id: id || "org.freedesktop.systemd1.manage-units",
			lookup: k => ({ verb: verb, unit: unit })[k] }, { user: user });
		const want = [["gongkai", "stop", "media-gongkai-sdb1.mount", "yes"],
			["gongkai", "stop", "media-gongkai-\\xe5\\x8e\\xbf.mount", "yes"],
			["gongkai", "start", "media-gongkai-sdb1.mount", undefined],
			["gongkai", "stop", "media-gongkai-a-b.mount", undefined],
			["gongkai", "stop", "gongkai.service", undefined],
			["gongkai", "stop", "media-other.mount", undefined],
			["root", "stop", "media-gongkai-sdb1.mount", undefined]];
		for (const [u, v, n, r] of want)
			if (ask(u, v, n) !== r) { console.log("wrong answer for", u, v, n); process.exit(1); }
		if (ask("gongkai", "stop", "media-gongkai-sdb1.mount", "org.freedesktop.login1.reboot") !== undefined) process.exit(1);
	' "$ROOT/usr/share/polkit-1/rules.d/50-gongkai.rules"
fi

echo "== systemd-analyze verify (inside the root)"
check "systemd-analyze verify gongkai.service" sh -c "
	chroot '$ROOT' systemd-analyze verify /lib/systemd/system/gongkai.service 2>&1 | tee /dev/stderr |
	grep -v -e 'Failed to connect to bus' -e 'Bus .*: Connection refused' -e '^\$' | grep . && exit 1; exit 0"
check "systemd-analyze verify gongkai-usb-mount@sdz1.service" sh -c "
	chroot '$ROOT' sh -c 'ln -sf /lib/systemd/system/gongkai-usb-mount@.service /tmp/gongkai-usb-mount@sdz1.service &&
		systemd-analyze verify /tmp/gongkai-usb-mount@sdz1.service' 2>&1 | tee /dev/stderr |
	grep -v -e 'Failed to connect to bus' -e '^\$' | grep . && exit 1; exit 0"
check "systemd-analyze security: exposure of gongkai.service" sh -c "
	chroot '$ROOT' systemd-analyze security --offline=yes /lib/systemd/system/gongkai.service 2>&1 | tail -n 1"
sed 's/^/     /' "$T/out"

dev=$(ls /sys/class/block | head -n 1)
check "udevadm test reads 90-gongkai-usb.rules without complaint" sh -c "
	chroot '$ROOT' udevadm test --action=add /sys/class/block/$dev >'$T/udev' 2>&1;
	grep -i gongkai '$T/udev';
	grep -q 'Reading rules file: .*/lib/udev/rules.d/90-gongkai-usb.rules' '$T/udev' &&
	! grep -i '90-gongkai-usb.rules:[0-9]' '$T/udev'"

echo "== the installed kiosk, installed config, as gongkai, under tmux"
# The service runs it inside foot; here tmux is the terminal (TERM=foot:
# the terminfo the package pulled in). Same binary, config, user, data dir.
tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 \
	"chroot '$ROOT' runuser -u gongkai -- env -i LANG=C.UTF-8 TERM=foot HOME=/var/lib/gongkai \
	 /usr/bin/gongkai --config /etc/gongkai/kiosk.conf; echo EXITED \$?; sleep 30"
screen_has() { # screen_has TEXT SECONDS
	i=0
	while [ $i -lt $(($2 * 5)) ]; do
		tmux -L "$SOCK" capture-pane -p >"$T/screen" 2>/dev/null
		grep -q "$1" "$T/screen" && return 0
		sleep 0.2; i=$((i + 1))
	done
	return 1
}
if screen_has '政务公开专区' 20; then
	ok "home screen shows (kiosk name 政务公开专区 from the installed kiosk.conf)"
else
	bad "home screen shows"
fi
sed 's/^/     | /' "$T/screen"
check "the kiosk made its database and input-method folder in /var/lib/gongkai" sh -c "
	chroot '$ROOT' runuser -u gongkai -- test -s /var/lib/gongkai/gongkai.db &&
	chroot '$ROOT' runuser -u gongkai -- test -d /var/lib/gongkai/rime &&
	[ \"\$(chroot '$ROOT' stat -c %U /var/lib/gongkai/gongkai.db)\" = gongkai ]"
tmux -L "$SOCK" kill-server 2>/dev/null

echo "== gongkaictl from the installed files"
mkdir -p "$ROOT/tmp/demo"
cp -r "$HERE/assets/demo-bundle/gongkai-bundle" "$ROOT/tmp/demo/"
chmod -R a+rX "$ROOT/tmp/demo"
check "import with the placeholder key is refused (exit 3) and names the key" sh -c "
	chroot '$ROOT' runuser -u gongkai -- gongkaictl import /tmp/demo/gongkai-bundle >'$T/ctl' 2>&1; rc=\$?;
	cat '$T/ctl'; [ \$rc -eq 3 ] && grep -q bundle_pubkey '$T/ctl'"
sed "s|^bundle_pubkey = .*|bundle_pubkey = $(sed -n 2p "$HERE/assets/demo-keys/office.pub")|" \
	"$ROOT/etc/gongkai/kiosk.conf" >"$ROOT/tmp/demo/kiosk.conf"
chmod 644 "$ROOT/tmp/demo/kiosk.conf"
check "import of the demo bundle (demo key) as gongkai" \
	chroot "$ROOT" runuser -u gongkai -- env LANG=C.UTF-8 gongkaictl --config /tmp/demo/kiosk.conf import /tmp/demo/gongkai-bundle
tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 \
	"chroot '$ROOT' runuser -u gongkai -- env -i LANG=C.UTF-8 TERM=foot HOME=/var/lib/gongkai \
	 /usr/bin/gongkai --config /tmp/demo/kiosk.conf; echo EXITED \$?; sleep 30"
if screen_has '政务公开专区' 20 && tmux -L "$SOCK" send-keys 1 && screen_has '城乡低保动态管理情况公示' 10; then
	ok "after the import: home screen, 1 opens 通知公告 with the demo notices"
else
	bad "after the import: 1 opens 通知公告 with the demo notices"
fi
sed 's/^/     | /' "$T/screen"
tmux -L "$SOCK" kill-server 2>/dev/null

echo "== purge"
check "apt-get purge gongkai" chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q gongkai
check "purge removed the conffiles and kept the data" sh -c "
	[ ! -e '$ROOT/etc/gongkai/kiosk.conf' ] && [ -s '$ROOT/var/lib/gongkai/gongkai.db' ]"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]

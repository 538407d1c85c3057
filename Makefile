# Gongkai - build, test and run. See README.md.
#
#   make            build build/gongkai and build/gongkaictl
#   make run        install missing packages, build, make the demo database, open the kiosk
#   make test       install missing packages, build (warnings are errors), run every test,
#                   then the same suite under ASan/UBSan
#   make asan       build the sanitizer variant into build-asan/
#   make fuzz       build the libFuzzer harnesses (clang) into build-fuzz/
#   make bench      run the benchmarks in bench/
#   make golden-update  rewrite the expected screens tests/golden/*.txt (review the diff)
#   make install    install programs, configuration, systemd unit, udev rule, docs
#                   (PREFIX=/usr/local, DESTDIR honoured; see docs/OPERATIONS.md)
#   make deb        build the Debian package (dpkg-buildpackage -us -uc -b, offline)
#   make check-package  the package: lintian, install into a clean Debian 12 root,
#                   systemd-analyze verify, the installed kiosk's home screen (long)
#   make clean      remove build outputs

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
OPT     ?= -O2 -g
SAN     ?=
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wformat=2 -Wvla -Wno-unused-parameter -Werror
# The version shown on the staff's 终端状态 page: the package's, from
# debian/changelog (the Debian build passes its own).
VERSION := $(shell sed -n '1s/.*(\(.*\)).*/\1/p' debian/changelog 2>/dev/null)
CPPFLAGS = -D_GNU_SOURCE -I. -MMD -MP $(if $(VERSION),-DGONGKAI_VERSION=\"$(VERSION)\")
CFLAGS   = $(OPT) $(WARN) $(SAN)
LDFLAGS += $(SAN)

PKGCONFIG ?= pkg-config
CORE_CFLAGS  := $(shell $(PKGCONFIG) --cflags sqlite3 libsodium inih libqrencode 2>/dev/null)
CORE_LIBS    := $(shell $(PKGCONFIG) --libs sqlite3 libsodium inih libqrencode 2>/dev/null) -lm
PRINT_CFLAGS := $(shell $(PKGCONFIG) --cflags pangocairo cairo 2>/dev/null) $(shell cups-config --cflags 2>/dev/null)
PRINT_LIBS   := $(shell $(PKGCONFIG) --libs pangocairo cairo 2>/dev/null) $(shell cups-config --libs 2>/dev/null)
TUI_CFLAGS   := $(shell $(PKGCONFIG) --cflags ncursesw 2>/dev/null)
TUI_LIBS     := $(shell $(PKGCONFIG) --libs ncursesw 2>/dev/null)
IME_CFLAGS   := $(shell $(PKGCONFIG) --cflags rime 2>/dev/null)
IME_LIBS     := $(shell $(PKGCONFIG) --libs rime 2>/dev/null)

# Sources are found by directory, so a new module needs no Makefile change.
MAINS      := kiosk/gongkai_main.c kiosk/gongkaictl_main.c
# The input method links librime (C++); only the kiosk, its test and benches need it.
IME_SRC    := kiosk/ime.c
CORE_SRC   := $(sort $(wildcard db/*.c) $(filter-out $(MAINS) $(IME_SRC),$(wildcard kiosk/*.c)))
PRINT_SRC  := $(sort $(wildcard printing/*.c))
TUI_SRC    := $(sort $(wildcard tui/*.c))
TEST_SRC   := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC   := $(sort $(wildcard fuzz/fuzz_*.c))
BENCH_SRC  := $(sort $(wildcard bench/*.c))
TOOL_SRC   := $(sort $(wildcard tests/tools/*.c))

CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
PRINT_OBJ := $(PRINT_SRC:%.c=$(BUILD)/obj/%.o)
TUI_OBJ   := $(TUI_SRC:%.c=$(BUILD)/obj/%.o)
IME_OBJ   := $(IME_SRC:%.c=$(BUILD)/obj/%.o)
TESTS     := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
REPLAYS   := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz-replay/%)
BENCHES   := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
TOOLS     := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)

.PHONY: all run test check asan fuzz bench install deb check-package clean deps demo-db tests golden-update
.SUFFIXES:

all: $(BUILD)/gongkai $(BUILD)/gongkaictl

$(BUILD)/obj/db/%.o $(BUILD)/obj/kiosk/%.o: XFLAGS = $(CORE_CFLAGS)
$(BUILD)/obj/printing/%.o: XFLAGS = $(CORE_CFLAGS) $(PRINT_CFLAGS)
$(BUILD)/obj/tui/%.o: XFLAGS = $(CORE_CFLAGS) $(TUI_CFLAGS)
$(BUILD)/obj/kiosk/gongkai_main.o: XFLAGS = $(CORE_CFLAGS) $(TUI_CFLAGS)
$(BUILD)/obj/kiosk/ime.o: XFLAGS = $(CORE_CFLAGS) $(IME_CFLAGS)
$(BUILD)/obj/tests/%.o $(BUILD)/obj/fuzz/%.o $(BUILD)/obj/bench/%.o: XFLAGS = $(CORE_CFLAGS) $(PRINT_CFLAGS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libcore.a: $(CORE_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/libprint.a: $(PRINT_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^ $(if $^,,--thin)
$(BUILD)/libtui.a: $(TUI_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/libime.a: $(IME_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/gongkai: $(BUILD)/obj/kiosk/gongkai_main.o $(BUILD)/libtui.a $(BUILD)/libime.a $(BUILD)/libprint.a $(BUILD)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(TUI_LIBS) $(IME_LIBS) $(PRINT_LIBS) $(CORE_LIBS)

$(BUILD)/gongkaictl: $(BUILD)/obj/kiosk/gongkaictl_main.o $(BUILD)/libprint.a $(BUILD)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PRINT_LIBS) $(CORE_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libprint.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(PRINT_LIBS) $(CORE_LIBS)

# Fuzz harnesses are replayed over their corpus by a plain driver in make test.
$(BUILD)/fuzz-replay/%: $(BUILD)/obj/fuzz/%.o $(BUILD)/obj/fuzz/replay.o $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)
$(BUILD)/obj/fuzz/replay.o: fuzz/replay.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@
# The field's harness drives the widget off-screen with the whole terminal layer.
$(BUILD)/obj/fuzz/fuzz_field.o: XFLAGS = $(CORE_CFLAGS) $(PRINT_CFLAGS) $(TUI_CFLAGS)
$(BUILD)/fuzz-replay/fuzz_field: $(BUILD)/obj/fuzz/fuzz_field.o $(BUILD)/obj/fuzz/replay.o $(BUILD)/libtui.a $(BUILD)/libime.a $(BUILD)/libprint.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(TUI_LIBS) $(IME_LIBS) $(PRINT_LIBS) $(CORE_LIBS)

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(BUILD)/libime.a $(BUILD)/libprint.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(IME_LIBS) $(PRINT_LIBS) $(CORE_LIBS)

# The input method's test also needs librime.
$(BUILD)/tests/test_ime: $(BUILD)/obj/tests/unit/test_ime.o $(BUILD)/libime.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(IME_LIBS) $(CORE_LIBS)

# The widget tests draw off-screen with the whole terminal layer.
TUI_TESTS := $(BUILD)/tests/test_field $(BUILD)/tests/test_form
$(TUI_TESTS:$(BUILD)/tests/%=$(BUILD)/obj/tests/unit/%.o): XFLAGS = $(CORE_CFLAGS) $(PRINT_CFLAGS) $(TUI_CFLAGS)
$(TUI_TESTS): $(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libtui.a $(BUILD)/libime.a $(BUILD)/libprint.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(TUI_LIBS) $(IME_LIBS) $(PRINT_LIBS) $(CORE_LIBS)

# Test helpers (tests/tools/*.c), e.g. the database seeder the terminal tests use.
$(BUILD)/tools/%: $(BUILD)/obj/tests/tools/%.o $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)
# The printing driver (tests/sh/print_*.sh) also needs the printing module.
$(BUILD)/tools/print_driver: $(BUILD)/obj/tests/tools/print_driver.o $(BUILD)/libprint.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(PRINT_LIBS) $(CORE_LIBS)
# The golden-screen driver (tests/sh/golden.sh) draws the whole kiosk off-screen.
$(BUILD)/tools/golden: $(BUILD)/obj/tests/tools/golden.o $(BUILD)/libtui.a $(BUILD)/libime.a $(BUILD)/libprint.a $(BUILD)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(TUI_LIBS) $(IME_LIBS) $(PRINT_LIBS) $(CORE_LIBS)

tests: all $(TESTS) $(REPLAYS) $(BENCHES) $(TOOLS)

deps:
	@sh scripts/install-deps.sh

# The demo database is rebuilt whenever the signed demo bundle changes.
$(BUILD)/demo.db: $(BUILD)/gongkaictl $(wildcard assets/demo-bundle/gongkai-bundle/*)
	rm -f $@ $@-wal $@-shm
	$(BUILD)/gongkaictl --config assets/demo.conf --db $@ import assets/demo-bundle/gongkai-bundle

demo-db: $(BUILD)/demo.db

run: deps
	$(MAKE) all $(BUILD)/demo.db
	$(BUILD)/gongkai --config assets/demo.conf --db $(BUILD)/demo.db

test: deps
	$(MAKE) tests
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" tests
	sh tests/run.sh build build-asan

check: test

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" tests

FUZZ_LIBS = $(shell $(PKGCONFIG) --libs sqlite3 libsodium inih libqrencode) -lm
# Harnesses that link the terminal layer get their own clang line below.
FUZZ_TUI_SRC = fuzz/fuzz_field.c
fuzz:
	@mkdir -p build-fuzz
	@for f in $(filter-out $(FUZZ_TUI_SRC),$(FUZZ_SRC)); do n=$$(basename $$f .c); \
	  echo "clang $$n"; \
	  clang -D_GNU_SOURCE -I. -g -O1 -fsanitize=fuzzer,address,undefined $(CORE_CFLAGS) \
	    $$f $(CORE_SRC) -o build-fuzz/$$n $(FUZZ_LIBS) || exit 1; done
	@echo "clang fuzz_field"
	@clang -D_GNU_SOURCE -I. -g -O1 -fsanitize=fuzzer,address,undefined $(CORE_CFLAGS) $(PRINT_CFLAGS) \
	    $(TUI_CFLAGS) $(IME_CFLAGS) fuzz/fuzz_field.c $(TUI_SRC) $(IME_SRC) $(PRINT_SRC) $(CORE_SRC) \
	    -o build-fuzz/fuzz_field $(TUI_LIBS) $(IME_LIBS) $(PRINT_LIBS) $(FUZZ_LIBS)

# Rewrites tests/golden/*.txt from what the kiosk draws now, for review.
golden-update: $(BUILD)/gongkaictl $(BUILD)/tools/golden
	GK_BUILD=$(BUILD) GOLDEN_UPDATE=1 sh tests/sh/golden.sh

bench: all $(BENCHES)
	sh bench/run.sh

# Installation (see docs/OPERATIONS.md). PREFIX and DESTDIR are honoured;
# the system folders default to what Debian 12 uses and can be overridden.
BINDIR       ?= $(PREFIX)/bin
LIBEXECDIR   ?= $(PREFIX)/libexec/gongkai
DOCDIR       ?= $(PREFIX)/share/doc/gongkai
MANDIR       ?= $(PREFIX)/share/man
SYSCONFDIR   ?= /etc
UNITDIR      ?= $(or $(shell $(PKGCONFIG) --variable=systemdsystemunitdir systemd 2>/dev/null),/lib/systemd/system)
UDEVRULESDIR ?= /lib/udev/rules.d
SYSUSERSDIR  ?= /usr/lib/sysusers.d
TMPFILESDIR  ?= /usr/lib/tmpfiles.d
POLKITDIR    ?= /usr/share/polkit-1/rules.d
PAMDIR       ?= $(SYSCONFDIR)/pam.d
DIST_SUBST    = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g'

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(SYSCONFDIR)/gongkai $(DESTDIR)$(UNITDIR) $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(POLKITDIR) $(DESTDIR)$(PAMDIR) \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/gongkai $(BUILD)/gongkaictl $(DESTDIR)$(BINDIR)/
	install -m 755 dist/usb-mount $(DESTDIR)$(LIBEXECDIR)/usb-mount
	@# The configuration is never overwritten: it holds the county key and the PIN.
	test -e $(DESTDIR)$(SYSCONFDIR)/gongkai/kiosk.conf || \
		install -m 644 assets/kiosk.conf $(DESTDIR)$(SYSCONFDIR)/gongkai/kiosk.conf
	test -e $(DESTDIR)$(SYSCONFDIR)/gongkai/foot.ini || \
		install -m 644 dist/foot.ini $(DESTDIR)$(SYSCONFDIR)/gongkai/foot.ini
	$(DIST_SUBST) dist/gongkai.service.in >$(DESTDIR)$(UNITDIR)/gongkai.service
	$(DIST_SUBST) dist/gongkai-usb-mount@.service.in >'$(DESTDIR)$(UNITDIR)/gongkai-usb-mount@.service'
	chmod 644 $(DESTDIR)$(UNITDIR)/gongkai.service '$(DESTDIR)$(UNITDIR)/gongkai-usb-mount@.service'
	install -m 644 dist/90-gongkai-usb.rules $(DESTDIR)$(UDEVRULESDIR)/90-gongkai-usb.rules
	install -m 644 dist/gongkai.sysusers $(DESTDIR)$(SYSUSERSDIR)/gongkai.conf
	install -m 644 dist/gongkai.tmpfiles $(DESTDIR)$(TMPFILESDIR)/gongkai.conf
	install -m 644 dist/50-gongkai.rules $(DESTDIR)$(POLKITDIR)/50-gongkai.rules
	install -m 644 dist/gongkai.pam $(DESTDIR)$(PAMDIR)/gongkai
	install -m 644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	install -m 644 dist/gongkai.1 dist/gongkaictl.1 $(DESTDIR)$(MANDIR)/man1/
	@# Straight onto this machine as root: make the user and folders now.
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ] && command -v systemd-sysusers >/dev/null; then \
		set -x; systemd-sysusers gongkai.conf && systemd-tmpfiles --create gongkai.conf && \
		chown root:gongkai $(SYSCONFDIR)/gongkai/kiosk.conf && chmod 640 $(SYSCONFDIR)/gongkai/kiosk.conf && \
		{ systemctl daemon-reload || true; } && { udevadm control --reload || true; }; \
		echo "Next: edit $(SYSCONFDIR)/gongkai/kiosk.conf, then systemctl enable --now gongkai (docs/OPERATIONS.md)"; \
	fi

# The Debian package, built offline by dpkg-buildpackage in a copy of the
# work tree ($(BUILD)/deb/src: what git tracks or would add), so neither
# ../ nor the other build folders are touched; the .deb lands in $(BUILD)/deb/.
deb:
	@command -v dh >/dev/null && command -v dpkg-buildpackage >/dev/null || \
		{ echo "make deb needs: apt-get install debhelper dpkg-dev (and lintian debootstrap for check-package)" >&2; exit 1; }
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/src
	git ls-files -z --cached --others --exclude-standard | \
		xargs -0 sh -c 'for f; do [ -e "$$f" ] && printf "%s\0" "$$f"; done; true' sh | \
		tar --null -T - -cf - | tar -xf - -C $(BUILD)/deb/src
	cd $(BUILD)/deb/src && dpkg-buildpackage -us -uc -b
	@ls -l $(BUILD)/deb/*.deb

# Long (downloads a Debian 12 root once): lintian, install into a clean
# debootstrap root, systemd-analyze verify, the installed kiosk's home screen.
check-package: deb
	sh scripts/check-package.sh $(BUILD)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

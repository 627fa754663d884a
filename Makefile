# dayinlife-manim: `make video` builds the example video, `make test` runs the tests.
# Both install everything first (Debian 12, as root, or with sudo for the apt step).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SCRIPT ?= examples/a_day_in_life.txt
SCENES ?= scenes/day_in_life.py
OUT    ?= media/a_day_in_life.mp4
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config
# Headless Chromium: tests/test_review.py opens the review page (OUT.html) in it.
TEST_APT_PACKAGES := chromium
# SoX: manim-voiceover (the voiceover extra, a manim plugin loaded by every `import manim`)
# imports the sox package, which warns on every import without the sox binary.
VOICEOVER_APT_PACKAGES := sox
# Fonts for every writing system: Noto core (Latin, Greek, Cyrillic, Arabic, Hebrew,
# Devanagari and the other Indic scripts, Thai, Ethiopic, symbols...: 12 MB download,
# 43 MB installed) and Noto CJK (Chinese, Japanese, Korean: 57 MB, 91 MB installed).
# fonts-noto-extra (other weights, 72 MB / 334 MB) and fonts-noto-cjk-extra are not needed.
FONT_PACKAGES := fonts-noto-core fonts-noto-cjk fontconfig
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-deps test lint video bench clean help

help:
	@echo "make video    build $(OUT) from $(SCRIPT) (1080p30, offline voice)"
	@echo "make test     check the layering and lint, then run the test suite"
	@echo "make bench    print render and cache timings"
	@echo "make install  set up $(VENV) (apt packages manim needs, then pip)"

install: $(STAMP)

system-deps:
	@if pkg-config --exists pangocairo 2>/dev/null && dpkg -s $(FONT_PACKAGES) >/dev/null 2>&1; then :; else \
		echo "Installing $(APT_PACKAGES) (needed to build pycairo and manimpango) and $(FONT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) $(FONT_PACKAGES); \
	fi
	@if command -v sox >/dev/null 2>&1; then :; else \
		echo "Installing $(VOICEOVER_APT_PACKAGES) (manim-voiceover warns without it)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(VOICEOVER_APT_PACKAGES); \
	fi
	@if command -v chromium >/dev/null 2>&1; then :; else \
		echo "Installing $(TEST_APT_PACKAGES) (the review page test runs it headless)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(TEST_APT_PACKAGES); \
	fi

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[offline,cluster,voiceover,notebook,test]"
	@touch $(STAMP)

test: install lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

# The stages import one way (import-linter's contracts in pyproject.toml) and ruff is clean.
lint: install
	$(BIN)/lint-imports
	$(BIN)/ruff check dayinlife_manim tests bench scenes

video: install
	$(BIN)/dayinlife build $(SCRIPT) --scenes $(SCENES) --quality high -o $(OUT)

bench: install
	$(BIN)/python bench/build_bench.py

clean:
	rm -rf media/*/ media/*.mp4 media/*.srt media/*.vtt media/*.txt

# BOナビ — the two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
BONAVI := $(VENV)/bin/bonavi
export DJANGO_SETTINGS_MODULE ?= config.settings.dev
# Links in the mails the demo queues point at the port it serves (`PORT=8119 make demo`), not at the default.
export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install demo serve test lint typecheck pytest system-deps browser-deps clean

install:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen
	@mkdir -p var

demo: install system-deps
	$(BONAVI) migrate --noinput
	$(BONAVI) createcachetable
	$(BONAVI) demo
	$(BONAVI) build_feed
	@echo "BOナビ: http://127.0.0.1:$(PORT)/ (Ctrl+C で終了)"
	@# The worker beside the server sends the queued mails (printed here by the console backend) and the digests, as
	@# in production; without it every mail but the sign-up one would stay pending. Ctrl+C stops both.
	$(BONAVI) run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(BONAVI) runserver 127.0.0.1:$(PORT)

serve: install
	$(BONAVI) runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy .

# Debian packages the app needs at run time: Japanese fonts and WeasyPrint's Pango/HarfBuzz for the PDFs.
SYSTEM_PACKAGES := fonts-ipaexfont fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing$$missing"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "PDF 出力には次のパッケージが必要です（sudo apt-get install$$missing）"; fi; fi

browser-deps: system-deps
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

pytest: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

# The whole suite: lint, types, and every test (browser tests included; they need Debian's chromium).
test: install browser-deps lint typecheck
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3* test-artifacts

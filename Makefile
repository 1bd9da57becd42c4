# chatops: developer and CI entry points. Needs only Node 20 + npm (pnpm 10 is installed into
# .tools/ when not on PATH) and, for test/start/bench, Redis + PostgreSQL: scripts/infra.sh reuses
# running servers or starts project-local ones (installing them with apt-get when run as root).
# Environment variables from the caller override every default below.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.NOTPARALLEL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

export TURBO_TELEMETRY_DISABLED ?= 1
JEST_ARGS ?=
# Service defaults (GATEWAY_PORT=3000 COMMAND_HANDLER_PORT=3001 NOTIFIER_PORT=3002 INCIDENT_PORT=3003
# GATEWAY_OPS_PORT=3004 HOST=127.0.0.1 PUBLIC_URL LOG_LEVEL=info ENCRYPTION_KEY ADMIN_TOKEN) live in
# scripts/services.sh.

# Shell snippets shared by recipes.
PNPM_SETUP = pnpm="$$(scripts/ensure-pnpm.sh)"; export PATH="$$(dirname "$$pnpm"):$$PATH" # turbo looks pnpm up on PATH
HAS_PRISMA = [ -f prisma/schema.prisma ]
# Apply migrations to $$DATABASE_URL (set by `eval "$$(scripts/infra.sh env PROFILE)"`).
MIGRATE = if $(HAS_PRISMA); then \
	  echo "==> prisma migrate deploy ($$(sed -E 's|(://[^:/@]*:)[^@]*@|\1***@|' <<<"$$DATABASE_URL"))"; \
	  "$$pnpm" exec prisma migrate deploy; \
	else echo "==> no prisma/schema.prisma yet: skipping migrate deploy"; fi

# Start the test Redis/PostgreSQL, export TEST_REDIS_URL/TEST_DATABASE_URL and migrate; the
# servers are stopped whatever happens next (failure, crash, Ctrl-C, kill).
WITH_TEST_INFRA = trap 'scripts/infra.sh down test || true' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 129' HUP; \
	echo "==> test infrastructure"; \
	scripts/infra.sh up test; \
	eval "$$(scripts/infra.sh env test)"; \
	export TEST_REDIS_URL="$$REDIS_URL" TEST_DATABASE_URL="$$DATABASE_URL"; \
	$(MIGRATE)

.PHONY: help install build lint test start stop status bench clean infra-up infra-down

help:
	@echo "chatops make targets:"
	echo "  make install   pnpm install --frozen-lockfile (pnpm 10 from PATH or .tools/) + prisma generate"
	echo "  make build     install, then turbo run build"
	echo "  make lint      prettier --check, turbo run lint (eslint) + tsc -p tsconfig.json (type-checks tests too)"
	echo "  make test      build, lint, start test Redis/PostgreSQL (127.0.0.1:6391/5441), migrate, jest --ci, stop them"
	echo "  make start     build, start dev Redis/PostgreSQL (or reuse REDIS_URL/DATABASE_URL), migrate, start the 4 services"
	echo "  make stop      stop the 4 services, then the dev Redis/PostgreSQL that 'make start' started"
	echo "  make status    show where the services, Redis and PostgreSQL are"
	echo "  make bench     build, start test Redis/PostgreSQL, run node bench/run.js if present, stop them"
	echo "  make clean     stop everything, remove dist/, .turbo/ and .local/"
	echo "  make infra-up PROFILE=dev|test / make infra-down PROFILE=dev|test"
	echo "Overrides (env): REDIS_URL DATABASE_URL GATEWAY_PORT COMMAND_HANDLER_PORT NOTIFIER_PORT INCIDENT_PORT"
	echo "  HOST PUBLIC_URL LOG_LEVEL ENCRYPTION_KEY ADMIN_TOKEN JEST_ARGS TEST_REDIS_URL TEST_DATABASE_URL"

install:
	@$(PNPM_SETUP)
	echo "==> pnpm install ($$pnpm, $$("$$pnpm" --version))"
	if [ -f pnpm-lock.yaml ]; then
	  "$$pnpm" install --frozen-lockfile --config.confirm-modules-purge=false
	else
	  "$$pnpm" install --config.confirm-modules-purge=false
	fi
	if $(HAS_PRISMA); then
	  echo "==> prisma generate"
	  DATABASE_URL="$${DATABASE_URL:-postgresql://x:x@127.0.0.1:5432/x}" "$$pnpm" exec prisma generate
	else
	  echo "==> no prisma/schema.prisma yet: skipping prisma generate"
	fi

build: install
	@$(PNPM_SETUP)
	echo "==> turbo run build"
	"$$pnpm" exec turbo run build

lint: install
	@$(PNPM_SETUP)
	echo "==> prettier --check . (fix with: pnpm format)"
	"$$pnpm" exec prettier --check --log-level warn .
	echo "==> turbo run lint"
	"$$pnpm" exec turbo run lint
	echo "==> eslint test prisma.config.ts"
	"$$pnpm" exec eslint test prisma.config.ts
	echo "==> tsc -p tsconfig.json"
	"$$pnpm" exec tsc -p tsconfig.json

test: install build lint
	@$(PNPM_SETUP)
	$(WITH_TEST_INFRA)
	echo "==> jest --ci $(JEST_ARGS)"
	rc=0
	results=.local/test/jest-results.json
	mkdir -p "$$(dirname "$$results")"
	"$$pnpm" exec jest --ci --json --outputFile="$$results" $(JEST_ARGS) || rc=$$?
	# One plain closing line that any CI can read.
	node -e 'const r = require(process.argv[1]); console.log(`jest: $${r.numPassedTests} passed, $${r.numFailedTests} failed`)' "$$PWD/$$results" || true
	exit $$rc

start: install build
	@$(PNPM_SETUP)
	echo "==> dev infrastructure"
	scripts/infra.sh up dev
	eval "$$(scripts/infra.sh env dev)"
	$(MIGRATE)
	echo "==> services"
	scripts/services.sh start

stop:
	@scripts/services.sh stop
	scripts/infra.sh down dev

status:
	@scripts/services.sh status
	echo
	echo "dev profile:"
	scripts/infra.sh status dev

bench: install build
	@$(PNPM_SETUP)
	if [ ! -f bench/run.js ]; then echo "==> no benchmarks yet (bench/run.js does not exist)"; exit 0; fi
	$(WITH_TEST_INFRA)
	echo "==> node bench/run.js"
	rc=0
	node bench/run.js || rc=$$?
	exit $$rc

clean: stop
	@scripts/infra.sh down test
	echo "==> removing dist/, .turbo/, .local/"
	rm -rf packages/*/dist services/*/dist .turbo packages/*/.turbo services/*/.turbo .local

PROFILE ?= dev
infra-up:
	@scripts/infra.sh up $(PROFILE)

infra-down:
	@scripts/infra.sh down $(PROFILE)

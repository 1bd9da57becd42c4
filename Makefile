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
# turbo prints each package's output only when it fails; VERBOSE=1 shows it all.
VERBOSE ?=
TURBO_FLAGS = $(if $(VERBOSE),--output-logs=full,--output-logs=errors-only)
# Service defaults (GATEWAY_PORT=3000 COMMAND_HANDLER_PORT=3001 NOTIFIER_PORT=3002 INCIDENT_PORT=3003
# GATEWAY_OPS_PORT=3004 HOST=127.0.0.1 PUBLIC_URL LOG_LEVEL=info ENCRYPTION_KEY ADMIN_TOKEN) live in
# scripts/services.sh; start/restart/status/logs also read .env (see .env.example), after the caller's environment.

# Shell snippets shared by recipes.
PNPM_SETUP = pnpm="$$(scripts/ensure-pnpm.sh)"; export PATH="$$(dirname "$$pnpm"):$$PATH" # turbo looks pnpm up on PATH
HAS_PRISMA = [ -f prisma/schema.prisma ]
# Apply migrations to $$DATABASE_URL (set by `eval "$$(scripts/infra.sh env PROFILE)"`).
MIGRATE = if $(HAS_PRISMA); then \
	  echo "==> prisma migrate deploy ($$(sed -E 's|(://[^:/@]*:)[^@]*@|\1***@|' <<<"$$DATABASE_URL"))"; \
	  "$$pnpm" exec prisma migrate deploy; \
	else echo "==> no prisma/schema.prisma yet: skipping migrate deploy"; fi

# Start (or reuse) the dev Redis/PostgreSQL, export REDIS_URL/DATABASE_URL and migrate: what the
# local suite runs on.
WITH_DEV_INFRA = echo "==> dev infrastructure"; \
	scripts/infra.sh up dev; \
	eval "$$(scripts/infra.sh env dev)"; \
	$(MIGRATE); \
	echo "==> services"

# Start the test Redis/PostgreSQL, export TEST_REDIS_URL/TEST_DATABASE_URL and migrate; the
# servers are stopped whatever happens next (failure, crash, Ctrl-C, kill).
WITH_TEST_INFRA = trap 'scripts/infra.sh down test || true' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 129' HUP; \
	echo "==> test infrastructure"; \
	scripts/infra.sh up test; \
	eval "$$(scripts/infra.sh env test)"; \
	export TEST_REDIS_URL="$$REDIS_URL" TEST_DATABASE_URL="$$DATABASE_URL"; \
	$(MIGRATE)

.PHONY: help install build lint test start restart stop status logs demo demo-stop bench soak clean infra-up infra-down

help:
	@echo "chatops make targets:"
	echo "  make install   pnpm install --frozen-lockfile (pnpm 10 from PATH or .tools/) + prisma generate"
	echo "  make build     install, then turbo run build"
	echo "  make lint      prettier --check, turbo run lint (eslint) + tsc -p tsconfig.json (type-checks tests too)"
	echo "  make test      build, lint, start test Redis/PostgreSQL (127.0.0.1:6391/5441), migrate, jest --ci, stop them"
	echo "  make start     build, start dev Redis/PostgreSQL (or reuse REDIS_URL/DATABASE_URL), migrate, start the 4 services"
	echo "                 (a running service whose settings changed is restarted)"
	echo "  make restart   build, migrate, stop and start the 4 services (new code, new settings)"
	echo "  make stop      stop the demo, the 4 services, then the dev Redis/PostgreSQL that 'make start' started"
	echo "  make demo      'make start' plus fake Slack/Mattermost/GitLab, a chat viewer (127.0.0.1:3010), seeding and a replay"
	echo "  make demo-stop same as make stop"
	echo "  make status    each service healthy / unhealthy / not running, the demo, where Redis and PostgreSQL are"
	echo "  make logs      follow every service's log, pretty-printed (SERVICE=notifier for one)"
	echo "  make bench     build, start test Redis/PostgreSQL, run node bench/run.js if present, stop them"
	echo "  make soak      build, then 20 min of load through faults on its own Redis/PostgreSQL (SOAK_MINUTES=3 to try it;"
	echo "                 SOAK_REDIS_PERSISTENCE=off: Redis restarts without AOF; docs/benchmarks.md#fault-soak)"
	echo "  make clean     stop everything, remove dist/, .turbo/ and .local/"
	echo "  make infra-up PROFILE=dev|test / make infra-down PROFILE=dev|test"
	echo "Settings: the environment, then .env (see .env.example): REDIS_URL DATABASE_URL GATEWAY_PORT"
	echo "  COMMAND_HANDLER_PORT NOTIFIER_PORT INCIDENT_PORT HOST PUBLIC_URL LOG_LEVEL ENCRYPTION_KEY ADMIN_TOKEN ..."
	echo "Make only: JEST_ARGS TEST_REDIS_URL TEST_DATABASE_URL VERBOSE=1 (every package's build and lint output)"

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
	  "$$pnpm" exec prisma generate
	else
	  echo "==> no prisma/schema.prisma yet: skipping prisma generate"
	fi

build: install
	@$(PNPM_SETUP)
	echo "==> turbo run build"
	"$$pnpm" exec turbo run build $(TURBO_FLAGS)

lint: install
	@$(PNPM_SETUP)
	echo "==> prettier --check . (fix with: pnpm format)"
	"$$pnpm" exec prettier --check --log-level warn .
	echo "==> turbo run lint"
	"$$pnpm" exec turbo run lint $(TURBO_FLAGS)
	echo "==> eslint test prisma.config.ts"
	"$$pnpm" exec eslint test prisma.config.ts
	echo "==> tsc -p tsconfig.json"
	"$$pnpm" exec tsc -p tsconfig.json

test: install build lint
	@$(PNPM_SETUP)
	echo "==> chromium for the browser tests"
	scripts/ensure-chromium.sh
	$(WITH_TEST_INFRA)
	echo "==> jest --ci $(JEST_ARGS)"
	rc=0
	results=.local/test/jest-results.json
	mkdir -p "$$(dirname "$$results")"
	# --forceExit: an e2e test that fails half-way can leave a socket or child open, and jest would
	# then wait for it forever instead of reporting the failure (seen here after timeouts under load).
	"$$pnpm" exec jest --ci --forceExit --json --outputFile="$$results" $(JEST_ARGS) || rc=$$?
	# One plain closing line that any CI can read.
	node -e 'const r = require(process.argv[1]); console.log(`jest: $${r.numPassedTests} passed, $${r.numFailedTests} failed`)' "$$PWD/$$results" || true
	exit $$rc

start: install build
	@$(PNPM_SETUP)
	$(WITH_DEV_INFRA)
	scripts/services.sh start

restart: install build
	@$(PNPM_SETUP)
	$(WITH_DEV_INFRA)
	scripts/services.sh restart

stop:
	@scripts/demo.sh down
	scripts/services.sh stop
	scripts/infra.sh down dev

# The suite on the dev profile plus the fakes and the chat viewer (scripts/demo.sh): seeded and
# replayed, so messages show up in the viewer within seconds. Never needs the internet.
demo: install build
	@$(PNPM_SETUP)
	$(WITH_DEV_INFRA)
	scripts/demo.sh up

demo-stop: stop

status:
	@scripts/services.sh status
	scripts/demo.sh status
	echo
	echo "dev profile:"
	scripts/infra.sh status dev

SERVICE ?=
logs:
	@scripts/services.sh logs $(SERVICE)

bench: install build
	@$(PNPM_SETUP)
	if [ ! -f bench/run.js ]; then echo "==> no benchmarks yet (bench/run.js does not exist)"; exit 0; fi
	$(WITH_TEST_INFRA)
	echo "==> node bench/run.js"
	rc=0
	node bench/run.js || rc=$$?
	exit $$rc

# The fault soak: its own Redis and PostgreSQL on free loopback ports (state in .local/soak/), never
# the shared test or dev servers, since it kills and stops them. Not part of `make test` or `make bench`.
soak: install build
	@$(PNPM_SETUP)
	echo "==> node bench/run.js (BENCH_ONLY=soak, SOAK_MINUTES=$${SOAK_MINUTES:-default}, SOAK_REDIS_PERSISTENCE=$${SOAK_REDIS_PERSISTENCE:-aof})"
	BENCH_ONLY=soak node bench/run.js

clean: stop
	@scripts/infra.sh down test
	echo "==> removing dist/, .turbo/, .local/"
	rm -rf packages/*/dist services/*/dist .turbo packages/*/.turbo services/*/.turbo .local

PROFILE ?= dev
infra-up:
	@scripts/infra.sh up $(PROFILE)

infra-down:
	@scripts/infra.sh down $(PROFILE)

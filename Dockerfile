# syntax=docker/dockerfile:1
#
# chatops: one multi-stage build, one final target per service plus the migration image.
#
#   docker build --target gateway         -t chatops/gateway .
#   docker build --target command-handler -t chatops/command-handler .
#   docker build --target notifier        -t chatops/notifier .
#   docker build --target incident        -t chatops/incident .
#   docker build --target migrate         -t chatops/migrate .
#
# The four service images share every layer but their last few (same production node_modules,
# same compiled dist/ of every workspace package), so a registry stores, and a node pulls, the
# application once. Needs BuildKit (the default builder since Docker 23): the pnpm store is a
# cache mount, so rebuilds download nothing that did not change.
#
# Stages:  base ─┬─ pnpm ─┬─ manifests           (package.json files + lockfile only)
#                │        ├─ deps ── build       (all deps; prisma generate; turbo run build)
#                │        ├─ prod-deps           (production deps only, no lifecycle scripts)
#                │        └─ migrate             (prisma CLI + prisma/ + prisma.config.ts)
#                └─ runtime ── gateway | command-handler | notifier | incident

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app

# ---------------------------------------------------------------------------------------------
# pnpm pinned to package.json's "packageManager" (pnpm 10 would otherwise try to switch to it).
FROM base AS pnpm
ARG PNPM_VERSION=10.34.8
RUN npm install --global --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}" \
 && npm cache clean --force
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    npm_config_update_notifier=false

# ---------------------------------------------------------------------------------------------
# Only what `pnpm install` reads, copied with its directory layout, so the dependency layers
# below stay cached until a package.json, the lockfile or the workspace file changes.
FROM pnpm AS manifests
COPY . /src
RUN mkdir -p /out \
 && cd /src \
 && cp package.json pnpm-lock.yaml pnpm-workspace.yaml /out/ \
 && if [ -f .npmrc ]; then cp .npmrc /out/; fi \
 && find packages services -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents '{}' /out/ ';'

# ---------------------------------------------------------------------------------------------
# Every dependency, dev included (TypeScript, turbo, the Prisma CLI), to build with.
# NODE_ENV must not be "production" here, or pnpm would skip devDependencies.
FROM pnpm AS deps
COPY --from=manifests /out/ ./
RUN --mount=type=cache,id=chatops-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir=/pnpm/store

# ---------------------------------------------------------------------------------------------
# Prisma client (WebAssembly query compiler, no native engine) into packages/db/src/generated,
# then tsc for every workspace package through turbo. The Prisma 6.19 CLI insists on a
# DATABASE_URL even for `generate`; it never connects.
FROM deps AS build
COPY . .
RUN DATABASE_URL=postgresql://x:x@localhost:5432/x pnpm exec prisma generate \
 && pnpm exec turbo run build
# Gather the compiled output (dist/ of every package and service) with its directory layout,
# minus what only the compiler needs.
RUN mkdir -p /dist \
 && find packages services -mindepth 2 -maxdepth 2 -type d -name dist -exec cp -r --parents '{}' /dist/ ';' \
 && cp -r --parents packages/console/public /dist/ \
 && find /dist \( -name '*.tsbuildinfo' -o -name '*.d.ts' -o -name '*.d.ts.map' \) -type f -delete \
 && test -f /dist/packages/db/dist/generated/prisma/client.js \
 && for svc in gateway command-handler notifier incident; do test -f "/dist/services/$svc/dist/main.js"; done

# ---------------------------------------------------------------------------------------------
# Production dependencies only. Lifecycle scripts are skipped on purpose: the Prisma client is
# already generated and compiled into packages/db/dist, the Prisma engines are not used (JS
# engine + pg adapter), and msgpackr-extract loads its prebuilt binary without an install step.
# Workspace packages resolve through <package>/node_modules/@chatops/* symlinks to packages/*,
# whose package.json "main" points at dist/ (copied into the runtime stage below). The result
# still holds optional peers the services never load (prisma CLI, typescript; ~75 MB).
FROM pnpm AS prod-deps
COPY --from=manifests /out/ ./
RUN --mount=type=cache,id=chatops-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --ignore-scripts --store-dir=/pnpm/store

# ---------------------------------------------------------------------------------------------
# Shared by the four services: production node_modules + compiled code, owned by root and only
# readable by the `node` user (uid 1000) the services run as.
FROM base AS runtime
# Memory: V8 grows the young generation to 16 MB semi-spaces while modules load and never gives
# it back, and lets the old generation grow far past what is live before collecting it. Capped
# (4 MB semi-spaces, 128 MB old space; a service lives on ≈ 30–70 MB) a service idles under 100 MB
# RSS and stays under 200 MB at 2,000 events/s, inside the manifests' 256 Mi limit, for ≈ 15 % more
# CPU per message spent in the GC (docs/benchmarks.md; the bench runs the services with this line).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=128" \
    HOST=0.0.0.0
COPY --from=prod-deps /app/ ./
COPY --from=build /dist/ ./
USER node
# Each target below: its port variable and default, HEALTHCHECK on /healthz (liveness; /readyz
# also checks Redis and PostgreSQL), and the entry point. SIGTERM drains in-flight jobs (≤ 15 s).

FROM runtime AS gateway
# 3000: public (webhooks, commands, OAuth, admin API, /healthz, /readyz); 3004: ops (/healthz,
# /readyz, /metrics), for probes and Prometheus only.
ENV GATEWAY_PORT=3000 \
    GATEWAY_OPS_PORT=3004
EXPOSE 3000 3004
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GATEWAY_OPS_PORT||3004)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "services/gateway/dist/main.js"]

FROM runtime AS command-handler
ENV COMMAND_HANDLER_PORT=3001
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.COMMAND_HANDLER_PORT||3001)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "services/command-handler/dist/main.js"]

FROM runtime AS notifier
ENV NOTIFIER_PORT=3002
EXPOSE 3002
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.NOTIFIER_PORT||3002)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "services/notifier/dist/main.js"]

FROM runtime AS incident
ENV INCIDENT_PORT=3003
EXPOSE 3003
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.INCIDENT_PORT||3003)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "services/incident/dist/main.js"]

# ---------------------------------------------------------------------------------------------
# One-shot schema migration: `prisma migrate deploy` with prisma.config.ts, which loads
# @prisma/adapter-pg and pg from the root's (dev) dependencies, hence the full root node_modules
# of the build stage. Needs only DATABASE_URL. Safe to run concurrently (Prisma takes an advisory
# lock) and idempotent (applied migrations are skipped). Run it before rolling out new services.
FROM pnpm AS migrate
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/prisma.config.ts ./
COPY --from=build /app/prisma ./prisma
USER node
CMD ["pnpm", "exec", "prisma", "migrate", "deploy"]

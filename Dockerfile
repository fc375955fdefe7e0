# syntax=docker/dockerfile:1
# The worker image: `docker build -t datadog-collectors:<version> .`
# Node.js 26 ("Lithium", the active LTS line) on Debian slim with glibc: the Temporal core bridge ships
# no musl build, so Alpine images can't run the worker. The release is pinned: it is the one in
# .node-version, which `npm test` and `npm start` run on when the machine's Node is too old (a test
# holds the two together; change both).
ARG NODE_IMAGE=node:26.12.1-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
# Compiles to dist/ and prebuilds dist/workflow-bundle.js, so a worker never bundles workflows at start.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# tini runs as PID 1: it forwards SIGTERM to node (which drains running units) and reaps zombies.
# The version is pinned without its binNMU suffix, which differs between architectures.
RUN apt-get update \
  && apt-get install -y --no-install-recommends 'tini=0.19.0-1*' \
  && rm -rf /var/lib/apt/lists/*
# Two glibc malloc arenas instead of 8 per core: the Temporal core's threads otherwise keep tens of
# MB of freed memory each (about 30 MB less RSS per worker, measured with npm run bench). A 4 MB
# young generation instead of V8's default (up to 32 MB a semi-space): the worker's short-lived
# objects are small, and the default keeps tens of MB reserved.
ENV NODE_ENV=production MALLOC_ARENA_MAX=2 NODE_OPTIONS=--max-semi-space-size=4
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY --from=build /app/dist ./dist
# The base image's unprivileged `node` user, by number so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 8080 9464
ENTRYPOINT ["tini", "--", "node", "bin/collectors.js"]
CMD ["worker"]

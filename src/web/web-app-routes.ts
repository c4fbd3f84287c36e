import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { WebAppSettings } from '../shared/config';
import type { Logger } from '../shared/logging/logger';

/**
 * The page's own policy: scripts, styles, images and API calls from this origin only, nothing
 * inline, no framing, no plugins. API responses keep the stricter headers of security-headers.ts.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the API: never answered with the app's page, so unknown ones stay JSON 404s. */
const API_PREFIXES = ['/graphql', '/health', '/oauth', '/.well-known', '/dev', '/web-settings'];

/**
 * Serves the built web app: hashed files under /assets for a year, everything else revalidated,
 * and index.html for any other page path (the app routes in the browser).
 */
export function mountWebApp(app: Express, settings: WebAppSettings, logger: Logger): void {
  app.get('/web-settings', (_req, res) => {
    res.json({ devSignIn: settings.devSignIn, identityProviderUrl: settings.identityProviderUrl ?? null, brandName: settings.brandName });
  });
  const indexFile = path.join(settings.dir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    logger.warn({ dir: settings.dir }, 'web app not built (npm run build:web): not serving it');
    return;
  }
  app.use(
    express.static(settings.dir, {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      setHeaders: (res, file) => {
        const hashed = path.relative(settings.dir, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use(appPage(indexFile));
}

function appPage(indexFile: string): RequestHandler {
  return (req, res, next) => {
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !API_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`)) &&
      !path.extname(req.path) &&
      // Browsers ask for text/html when they navigate; API clients (Accept: */* or JSON) get JSON 404s.
      /\btext\/html\b/.test(req.headers.accept ?? '');
    if (!isPage) return next();
    res.setHeader('Content-Security-Policy', WEB_APP_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  };
}

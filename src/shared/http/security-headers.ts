import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Response headers for a JSON API that holds children's data: nothing may frame it, sniff it,
 * cache it or follow a referrer out of it. In production nothing here is a page, so the content
 * security policy allows nothing at all; in development the Apollo Sandbox landing page loads its
 * scripts from Apollo's CDN, so the policy is left off there.
 */
export function securityHeaders(production: boolean): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: production
        ? { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } }
        : false,
      crossOriginEmbedderPolicy: production,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
      xFrameOptions: { action: 'deny' },
    }),
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
      next();
    },
  ];
}

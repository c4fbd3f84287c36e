import { defineConfig, type Plugin } from 'vite';

/**
 * Two edits to GOV.UK Frontend's compiled CSS: drop its Internet Explorer hacks (`\\0` in media
 * queries, printed by Sass as U+FFFD, which the minifier cannot parse and no current browser
 * applies), and the footer's crest image (this is not a GOV.UK service; the app never shows it).
 */
const adaptGovukFrontend: Plugin = {
  name: 'adapt-govuk-frontend',
  transform(code, id) {
    if (!id.endsWith('.scss')) return null;
    return code
      .replace(/@media[^{]*\uFFFD[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '')
      .replace(/[\w-]+:\s*url\([^)]*govuk-crest[^)]*\);?/g, '');
  },
};

// The web app is built into web/dist and served by the gateway at `/` (src/web/web-app-routes.ts).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Nothing inlined as data: URLs, so the page's content security policy can stay 'self' only.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // Compiling GOV.UK Frontend's Sass is most of the build: expected, not worth a warning.
      checks: { bundlerTimings: false },
      onwarn(warning, warn) {
        // react-router marks its modules "use client" for server components; meaningless in this bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  plugins: [adaptGovukFrontend],
  css: {
    preprocessorOptions: {
      scss: {
        loadPaths: [`${import.meta.dirname}/../node_modules`],
        quietDeps: true,
        silenceDeprecations: ['import'],
      },
    },
  },
  server: {
    // `npm run dev:web`: the app with hot reload, talking to a hub started with `npm start`.
    proxy: Object.fromEntries(['/graphql', '/dev', '/web-settings', '/health'].map((p) => [p, 'http://localhost:4000'])),
  },
});

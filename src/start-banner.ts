import type { RunningHub } from './hub';

/** What a developer needs after `npm start`: where things are and how to get a token. */
export function printStartBanner(hub: RunningHub, embeddedDatabase: boolean): void {
  const lines = ['', 'Resettlement Hub is running.'];
  const gateway = hub.url('gateway');
  if (gateway) lines.push(`  web app:            ${gateway}/  (sign in as a demo user)`, `  GraphQL (gateway):  ${gateway}/graphql`);
  for (const service of hub.services.filter((s) => s.name !== 'gateway')) {
    lines.push(`  subgraph ${service.name.padEnd(14)} ${service.url}/graphql`);
  }
  lines.push(
    `  health:             ${gateway ?? hub.services[0]?.url}/health/ready`,
    `  database:           ${embeddedDatabase ? 'embedded PostgreSQL (.data/pg)' : 'DATABASE_URL'}`,
    '',
    'Get a token for a demo user and ask who you are:',
    '  TOKEN=$(npm run -s token -- leeds.cm)',
    `  curl -s ${gateway ?? 'http://localhost:4000'}/graphql -H "authorization: Bearer $TOKEN" \\`,
    `    -H 'content-type: application/json' -d '{"query":"{ me { handle roles agency { name } } }"}'`,
    '',
  );
  process.stdout.write(lines.join('\n') + '\n');
}

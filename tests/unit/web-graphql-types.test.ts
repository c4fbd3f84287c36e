import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/shared/project-root';

it('matches the committed web app types generated from schema/api.graphql (run `npm run web:types` or `npm run schema`)', () => {
  const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'web-types-')), 'graphql-env.d.ts');
  execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'gql-tada'), ['generate-output', '--tsconfig', 'web/tsconfig.json', '--output', output], {
    cwd: PROJECT_ROOT,
    stdio: 'pipe',
  });
  const committed = fs.readFileSync(path.join(PROJECT_ROOT, 'web', 'src', 'graphql', 'graphql-env.d.ts'), 'utf8');
  expect(fs.readFileSync(output, 'utf8')).toBe(committed);
  fs.rmSync(path.dirname(output), { recursive: true, force: true });
});

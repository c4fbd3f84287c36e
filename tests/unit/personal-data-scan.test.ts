import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoCases } from '../../seeds/demo-children';
import { scanForPersonalData } from '../helpers/personal-data-scan';

// The scan that global teardown runs over the whole test run's logs must be able to fail.

const seedDate = '2026-03-01';
const [first, second] = buildDemoCases(seedDate).children;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-scan-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function scan(lines: string[]) {
  const file = path.join(dir, `${Math.random()}.log`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return scanForPersonalData(file, seedDate);
}

it('finds a demo child’s name and date of birth, and says where without repeating them', async () => {
  const { lines, findings } = await scan([
    JSON.stringify({ level: 'info', msg: 'listening' }),
    JSON.stringify({ level: 'error', err: { parameters: [`${first.given_name} ${first.family_name}`] } }),
    JSON.stringify({ level: 'error', err: { detail: `Key (date_of_birth)=(${second.date_of_birth}) already exists` } }),
  ]);
  expect(lines).toBe(3);
  expect(findings).toEqual([
    { line: 2, childId: first.id, kind: 'name' },
    { line: 3, childId: second.id, kind: 'date of birth' },
  ]);
});

it('passes a log of ids, codes and timings', async () => {
  const { findings } = await scan([
    JSON.stringify({ level: 'info', correlationId: 'abc-123', principalId: first.id, childIds: [second.id], code: 'FORBIDDEN' }),
    JSON.stringify({ level: 'info', time: `${seedDate}T10:00:00.000Z`, msg: 'rate limited' }),
  ]);
  expect(findings).toEqual([]);
});

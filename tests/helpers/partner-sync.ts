import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_CLIENT_SECRET } from '../../seeds/demo-users';
import type { TestHub } from './test-hub';

const run = promisify(execFile);

export interface SyncOutput {
  pushed: { externalReference: string; outcome: string; error: string | null }[];
  pulled: { entityType: string; entityId: string; childId: string; fetched: boolean }[];
}

/** One run of examples/partner-sync/sync.mjs as leeds-cms, with its records and state file in `dir`. */
export async function runPartnerSync(hub: TestHub, dir: string, records: unknown[]): Promise<SyncOutput> {
  fs.writeFileSync(path.join(dir, 'records.json'), JSON.stringify(records));
  const { stdout } = await run(process.execPath, [path.resolve('examples/partner-sync/sync.mjs')], {
    env: {
      PATH: process.env.PATH,
      HUB_URL: hub.baseUrl('gateway'),
      CLIENT_ID: 'leeds-cms',
      CLIENT_SECRET: DEMO_CLIENT_SECRET,
      RECORDS_FILE: path.join(dir, 'records.json'),
      STATE_FILE: path.join(dir, 'state.json'),
    },
  });
  return JSON.parse(stdout) as SyncOutput;
}

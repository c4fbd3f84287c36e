import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/shared/logging/logger';

it('logs a failed query’s SQL and code but not the values bound to it, nor PostgreSQL’s detail', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'logger-')), 'out.log');
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "child_name_dob"'), {
    code: '23505',
    detail: 'Key (given_name, date_of_birth)=(Aiden, 2010-04-01) already exists.',
    parameters: ['Aiden', 'Ackroyd', '2010-04-01'],
  });
  const error = Object.assign(new Error(driverError.message), { query: 'INSERT INTO child (given_name, family_name, date_of_birth) VALUES ($1, $2, $3)', parameters: driverError.parameters, driverError });
  createLogger({ level: 'info', service: 'test', destination: file }).error({ correlationId: 'c-1', err: error }, 'unexpected error');
  const line = fs.readFileSync(file, 'utf8');
  expect(JSON.parse(line)).toMatchObject({ correlationId: 'c-1', err: { query: expect.stringContaining('INSERT INTO child'), driverError: { code: '23505' } } });
  expect(line).not.toMatch(/Aiden|Ackroyd|2010-04-01/);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

it('withholds the message of a data exception, which quotes the value it could not take', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'logger-')), 'out.log');
  const driverError = Object.assign(new Error('invalid input syntax for type date: "2010-02-30"'), { code: '22007' });
  const error = Object.assign(new Error(driverError.message), { query: 'SELECT $1::date', driverError });
  createLogger({ level: 'info', service: 'test', destination: file }).error({ err: error }, 'unexpected error');
  const line = fs.readFileSync(file, 'utf8');
  expect(JSON.parse(line).err.message).toBe('data exception 22007 (message withheld: it quotes the value)');
  expect(line).not.toMatch(/2010-02-30/);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

import { escapeLiteral } from 'pg';
import { sqlLiteral } from '../../src/shared/db/sql-literal';

it.each([
  ['plain', 'Leeds YJS'],
  ['quotes', `O'Brien's "note"`],
  ['backslashes', "C:\\path\\to 'x' \\\\ end\\"],
  ['JSON with escapes', JSON.stringify([{ reason: 'line\nbreak "quoted" \\ back', name: "it's" }])],
  ['unicode', 'Zoë – 💡 ‘quoted’'],
  ['empty', ''],
])('writes %s exactly as pg escapeLiteral does', (_name, text) => {
  expect(sqlLiteral(text)).toBe(escapeLiteral(text));
});

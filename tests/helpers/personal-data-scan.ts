import fs from 'node:fs';
import readline from 'node:readline';
import { buildDemoCases } from '../../seeds/demo-children';

export interface PersonalDataFinding {
  line: number;
  childId: string;
  kind: 'name' | 'date of birth';
}

interface Needle {
  childId: string;
  kind: PersonalDataFinding['kind'];
  pattern: RegExp;
}

/**
 * What would identify a demo child in a log line: the full name (either way round) and the date
 * of birth (ISO, or as a person would write it). Given or family names alone are not searched:
 * words such as "Mason" or "Campbell" also name places and staff.
 */
export function demoChildNeedles(seedDate: string): Needle[] {
  return buildDemoCases(seedDate).children.flatMap((child) => {
    const id = String(child.id);
    const given = escape(String(child.given_name));
    const family = escape(String(child.family_name));
    const [y, m, d] = String(child.date_of_birth).split('-');
    return [
      { childId: id, kind: 'name' as const, pattern: new RegExp(`\\b${given}\\s+${family}\\b|\\b${family},?\\s+${given}\\b`, 'i') },
      { childId: id, kind: 'date of birth' as const, pattern: new RegExp(`${y}-${m}-${d}|\\b${d}/${m}/${y}\\b`) },
    ];
  });
}

/** Every line of the log that names a demo child or gives one's date of birth (the finding, not the text). */
export async function scanForPersonalData(file: string, seedDate: string): Promise<{ lines: number; findings: PersonalDataFinding[] }> {
  const needles = demoChildNeedles(seedDate);
  const findings: PersonalDataFinding[] = [];
  let lines = 0;
  for await (const text of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    lines += 1;
    for (const needle of needles) if (needle.pattern.test(text)) findings.push({ line: lines, childId: needle.childId, kind: needle.kind });
  }
  return { lines, findings };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { SubjectAccessDisclosure } from './subject-access.type';

type Cell = string | number | null;

export const DISCLOSURE_CSV_HEADER = [
  'agency_id', 'agency_code', 'scope', 'first_at', 'last_at', 'count', 'agreements', 'consent_ids', 'grant_ids', 'purposes',
] as const;

/** The report's disclosures as CSV: ids, codes, times and counts only; lists are space-separated. */
export function disclosuresCsv(disclosures: SubjectAccessDisclosure[]): string {
  return toCsv(
    [...DISCLOSURE_CSV_HEADER],
    disclosures.map((d) => [
      d.agencyId,
      d.agencyCode,
      d.scope,
      d.firstAt.toISOString(),
      d.lastAt.toISOString(),
      d.count,
      d.agreements.map((a) => (a.version === null ? a.id : `${a.id}@${a.version}`)).join(' '),
      d.consentIds.join(' '),
      d.grantIds.join(' '),
      d.purposes.join(' '),
    ]),
  );
}

/** RFC 4180: CRLF line ends, and a field holding a comma, quote or line break is quoted with quotes doubled. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

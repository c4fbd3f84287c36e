const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London',
});

/** 2026-12-03 or an ISO timestamp as "3 December 2026". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return 'Not known';
  return dateFormat.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dateTimeFormat.format(new Date(value)) : 'Not known';
}

const ACRONYMS = new Set(['ETE', 'DTO', 'SCH', 'YOI', 'STC', 'MAPPA', 'DCS', 'ROTL', 'EHCP', 'CSV']);

/** SUPPORTED_LODGINGS as "Supported lodgings"; ETE stays upper case. */
export function humanise(value: string | null | undefined): string {
  if (!value) return '';
  if (ACRONYMS.has(value.toUpperCase())) return value.toUpperCase();
  const words = value.toLowerCase().split('_');
  return [words[0].charAt(0).toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

export function releaseCountdown(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'No release date';
  if (days < 0) return `${-days} ${-days === 1 ? 'day' : 'days'} ago`;
  if (days === 0) return 'Today';
  return `In ${days} ${days === 1 ? 'day' : 'days'}`;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

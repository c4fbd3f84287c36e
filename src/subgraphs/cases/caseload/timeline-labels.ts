const LABELS: Record<string, string> = {
  CUSTODY_ENTRY: 'Entered custody',
  SENTENCED: 'Sentenced',
  ESTABLISHMENT_TRANSFER: 'Moved to another establishment',
  RELEASE_DATE_CHANGED: 'Release date set or changed',
  RELEASED: 'Released',
  PATHWAY_UPDATED: 'Pathway updated',
  MEETING_HELD: 'Meeting held',
  MEETING_SCHEDULED: 'Meeting scheduled',
  CONSENT_RECORDED: 'Consent recorded',
  CONSENT_WITHDRAWN: 'Consent withdrawn',
  ACCOMMODATION_REQUESTED: 'Accommodation requested',
  ACCOMMODATION_OFFERED: 'Accommodation offered',
  ACCOMMODATION_CONFIRMED: 'Release address confirmed',
  DEADLINE_MOVED: 'Deadline moved',
};

/** A plain-language label for an event kind; unknown kinds read as their code in words. */
export function timelineLabel(kind: string): string {
  return LABELS[kind] ?? kind.charAt(0) + kind.slice(1).toLowerCase().replace(/_/g, ' ');
}

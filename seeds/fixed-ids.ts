/** Readable, fixed UUIDs for demo data: `5eed<kind>-0000-4000-8000-<number>`. */
export const enum IdKind {
  Consortium = 0x0001,
  Agency = 0x0002,
  StaffUser = 0x0003,
  MachineClient = 0x0004,
  Child = 0x0010,
  CustodyEpisode = 0x0011,
  ReleaseDateChange = 0x0012,
  PathwayUpdate = 0x0013,
  Meeting = 0x0014,
  TimelineEvent = 0x0015,
  EstablishmentTransfer = 0x0016,
  Consent = 0x0020,
  CaseInvolvement = 0x0021,
  ProbationTransfer = 0x0022,
  DataRequest = 0x0023,
  AccommodationRequest = 0x0030,
  AccommodationRecipient = 0x0031,
}

export function fixedId(kind: IdKind, n: number): string {
  return `5eed${kind.toString(16).padStart(4, '0')}-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}

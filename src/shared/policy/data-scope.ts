/** Every field of a child's data belongs to exactly one of these scopes. */
export enum DataScope {
  IDENTITY = 'identity',
  CUSTODY = 'custody',
  ACCOMMODATION = 'accommodation',
  ETE = 'ete',
  HEALTH = 'health',
  SUBSTANCE_MISUSE = 'substance_misuse',
  FAMILY = 'family',
  FINANCE = 'finance',
  OFFENCE_RISK = 'offence_risk',
  SAFEGUARDING = 'safeguarding',
  VOICE = 'voice',
}

export const DATA_SCOPES: readonly DataScope[] = Object.values(DataScope);

/** Which scope a pathway's records fall under. */
export const PATHWAY_SCOPE = {
  CASE_MANAGEMENT: DataScope.CUSTODY,
  ACCOMMODATION: DataScope.ACCOMMODATION,
  ETE: DataScope.ETE,
  HEALTH: DataScope.HEALTH,
  SUBSTANCE_MISUSE: DataScope.SUBSTANCE_MISUSE,
  FAMILIES: DataScope.FAMILY,
  FINANCE: DataScope.FINANCE,
} as const;

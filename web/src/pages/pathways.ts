/** The seven resettlement pathways in plan order, as the API names them in readiness and on Child. */
export const PATHWAYS = [
  { key: 'caseManagement', value: 'CASE_MANAGEMENT', label: 'Case management', short: 'Case management' },
  { key: 'accommodation', value: 'ACCOMMODATION', label: 'Accommodation', short: 'Accommodation' },
  { key: 'ete', value: 'ETE', label: 'Education, training and employment', short: 'ETE' },
  { key: 'health', value: 'HEALTH', label: 'Health', short: 'Health' },
  { key: 'substanceMisuse', value: 'SUBSTANCE_MISUSE', label: 'Substance misuse', short: 'Substance misuse' },
  { key: 'families', value: 'FAMILIES', label: 'Families', short: 'Families' },
  { key: 'finance', value: 'FINANCE', label: 'Finance, benefits and debt', short: 'Finance' },
] as const;

export type PathwayKey = (typeof PATHWAYS)[number]['key'];

export const PATHWAY_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'READY'] as const;

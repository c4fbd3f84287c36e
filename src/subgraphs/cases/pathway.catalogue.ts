import { Pathway } from './case.enums';
import type { PathwayDefinition } from './pathway.type';

export const PATHWAYS: readonly PathwayDefinition[] = [
  { pathway: Pathway.CASE_MANAGEMENT, title: 'Case management and transitions', description: 'Custody, sentence and release arrangements, licence, and moves between services' },
  { pathway: Pathway.ACCOMMODATION, title: 'Accommodation', description: 'Where the child will live on release, and how suitable it is' },
  { pathway: Pathway.ETE, title: 'Education, training and employment', description: 'Learning in custody, EHCP and SEND, and a place from the first day after release' },
  { pathway: Pathway.HEALTH, title: 'Health', description: 'Physical and mental health, neurodiversity, medication and GP registration' },
  { pathway: Pathway.SUBSTANCE_MISUSE, title: 'Substance misuse', description: 'Screening in custody and provision in the community' },
  { pathway: Pathway.FAMILIES, title: 'Families', description: 'Parents and carers, contact, and looked-after or care-leaver status' },
  { pathway: Pathway.FINANCE, title: 'Finance, benefits and debt', description: 'National Insurance number, bank account and benefits' },
];

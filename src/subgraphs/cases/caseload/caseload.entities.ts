/** TypeORM entities of the caseload module (listed in src/shared/db/entities.ts). */
export const caseloadEntities: Function[] = [];

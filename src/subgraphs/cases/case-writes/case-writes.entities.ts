import { MeetingActionEntity } from './meeting-action.entity';
import { RotlRequestEntity } from './rotl-request.entity';

/** TypeORM entities of the case-writes module (listed in src/shared/db/entities.ts). */
export const caseWritesEntities: Function[] = [MeetingActionEntity, RotlRequestEntity];

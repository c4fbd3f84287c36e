import { DeadlineChangeEntity } from './deadline-change.entity';
import { DeadlineEntity } from './deadline.entity';

/** TypeORM entities of the deadlines module (listed in src/shared/db/entities.ts). */
export const deadlinesEntities: Function[] = [DeadlineEntity, DeadlineChangeEntity];

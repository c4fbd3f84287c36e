import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ChangedEntityType {
  CHILD = 'CHILD',
  CUSTODY_EPISODE = 'CUSTODY_EPISODE',
  PATHWAY_UPDATE = 'PATHWAY_UPDATE',
  MEETING = 'MEETING',
  ACCOMMODATION_REQUEST = 'ACCOMMODATION_REQUEST',
}
registerEnumType(ChangedEntityType, { name: 'ChangedEntityType', description: 'The kind of record a change is about' });

export enum ChangeOperation {
  INSERT = 'INSERT',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(ChangeOperation, { name: 'ChangeOperation' });

@ObjectType('Change', { description: 'That a record changed: ids only; fetch the record through the API to see what you may' })
export class Change {
  @Field({ description: 'Resume after this change with changes(since: cursor)' }) cursor: string;
  @Field(() => ChangedEntityType) entityType: ChangedEntityType;
  @Field(() => ID) entityId: string;
  @Field(() => ID) childId: string;
  @Field(() => ChangeOperation) operation: ChangeOperation;
  @Field(() => GraphQLDateTime) changedAt: Date;
  @Field({ description: 'A GraphQL query that fetches the changed record' }) query: string;
}

@ObjectType('ChangePage', { description: 'Changes in commit order after a cursor' })
export class ChangePage {
  @Field(() => [Change]) changes: Change[];
  @Field({ description: 'Pass as `since` next time; unchanged when there is nothing new' }) endCursor: string;
  @Field({ description: 'More changes are ready now' }) hasMore: boolean;
}

import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}
registerEnumType(UpsertOutcome, {
  name: 'UpsertOutcome',
  valuesConfig: {
    UPDATED: { description: 'The reference already existed with other content: a new update was appended and the reference now names it' },
    UNCHANGED: { description: 'The reference already names an update with this content; nothing was written' },
    FAILED: { description: 'Nothing was written for this item; see error' },
  },
});

@ObjectType('UpsertItemError')
export class UpsertItemError {
  @Field() code: string;
  @Field() message: string;
  @Field(() => String, { nullable: true }) field: string | null;
}

@ObjectType('UpsertItemResult', { description: 'What happened to one item, in the order sent' })
export class UpsertItemResult {
  @Field(() => Int) index: number;
  @Field() externalReference: string;
  @Field(() => UpsertOutcome) outcome: UpsertOutcome;
  @Field(() => ID, { nullable: true, description: 'The hub’s pathway update the reference names' }) id: string | null;
  @Field(() => UpsertItemError, { nullable: true }) error: UpsertItemError | null;
}

@ObjectType('UpsertPathwayUpdatesResult')
export class UpsertPathwayUpdatesResult {
  @Field({ description: 'True when this is the stored answer to an earlier request with the same key' }) replayed: boolean;
  @Field(() => [UpsertItemResult]) items: UpsertItemResult[];
}

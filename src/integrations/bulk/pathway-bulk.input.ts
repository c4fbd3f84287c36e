import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Pathway, PathwayStatus } from '../../subgraphs/cases/case.enums';

export const MAX_BULK_ITEMS = 500;

/** One partner record. Items are checked one by one, so a bad item fails alone (not by class-validator). */
@InputType('PathwayUpdateUpsertItem', { description: 'A pathway update as your system holds it, under your own reference' })
export class PathwayUpdateUpsertItem {
  @Field({ description: 'Your system’s id for this record: 1-128 of A-Z a-z 0-9 . _ : / -' }) externalReference: string;
  @Field(() => ID) childId: string;
  @Field(() => Pathway) pathway: Pathway;
  @Field(() => PathwayStatus) status: PathwayStatus;
  @Field({ description: '1-4000 characters' }) summary: string;
}

@InputType('UpsertPathwayUpdatesInput')
export class UpsertPathwayUpdatesInput {
  @Field({ description: 'Send the same key to retry: the first answer comes back and nothing is written again' })
  idempotencyKey: string;

  @Field(() => [PathwayUpdateUpsertItem], { description: `1-${MAX_BULK_ITEMS} items` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ITEMS)
  items: PathwayUpdateUpsertItem[];
}

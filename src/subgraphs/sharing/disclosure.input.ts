import { IsOptional, IsUUID } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import type { AuditOperation, AuditOutcome } from '../../shared/audit/audit-entry';
import { AuditOperationValue, AuditOutcomeValue } from './disclosure.type';

@InputType('DisclosureFilter', {
  description: 'At least one of childId, agencyId and userId; from and to are inclusive and at most 400 days apart',
})
export class DisclosureFilter {
  @Field(() => ID, { nullable: true, description: 'Entries about this child' })
  @IsOptional()
  @IsUUID()
  childId?: string;

  @Field(() => ID, { nullable: true, description: 'Entries of what this agency’s staff and systems did' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @Field(() => ID, { nullable: true, description: 'Entries of what this staff user (or partner system) did' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => GraphQLDateTime) from: Date;
  @Field(() => GraphQLDateTime) to: Date;

  @Field(() => [AuditOperationValue], { nullable: true, description: 'Only these operations; all when absent' })
  operations?: AuditOperation[];

  @Field(() => AuditOutcomeValue, { nullable: true }) outcome?: AuditOutcome;
}

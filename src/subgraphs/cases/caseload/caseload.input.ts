import { Field, InputType } from 'type-graphql';
import { Pathway, PathwayStatus } from '../case.enums';
import { ChildFilter } from '../child.input';

@InputType('PathwayStatusFilter')
export class PathwayStatusFilter {
  @Field(() => Pathway) pathway: Pathway;
  @Field(() => PathwayStatus) status: PathwayStatus;
}

@InputType('CaseloadFilter', { description: 'Filters on a scope’s facts need that scope without consent' })
export class CaseloadFilter extends ChildFilter {
  @Field(() => PathwayStatusFilter, { nullable: true, description: 'Children whose pathway currently has this status' })
  pathwayStatus?: PathwayStatusFilter;

  @Field(() => Boolean, { nullable: true, description: 'Only children with at least one overdue deadline' })
  overdueOnly?: boolean;
}

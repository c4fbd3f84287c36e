import { Field, ObjectType } from 'type-graphql';
import { Pathway } from './case.enums';

@ObjectType('PathwayDefinition', { description: 'One of the YJB’s seven resettlement pathways' })
export class PathwayDefinition {
  @Field(() => Pathway) pathway: Pathway;
  @Field() title: string;
  @Field() description: string;
}

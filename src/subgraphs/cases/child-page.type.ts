import { Field, Int, ObjectType } from 'type-graphql';
import { Child } from './child.type';

@ObjectType('PageInfo')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('ChildEdge')
export class ChildEdge {
  @Field() cursor: string;
  @Field(() => Child) node: Child;
}

@ObjectType('ChildConnection', { description: 'Children you may see, by planned release date (soonest first)' })
export class ChildConnection {
  @Field(() => [ChildEdge]) edges: ChildEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'All children matching the filter that you may see' }) totalCount: number;
}

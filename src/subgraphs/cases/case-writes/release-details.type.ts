import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyReference } from '../agency-reference.type';
import { MetAtGateBy } from './case-writes.enums';

@ObjectType('ReleaseDetails', { description: 'How the release went. The address is read from the accommodation request, in its own scope.' })
export class ReleaseDetails {
  @Field(() => MetAtGateBy, { nullable: true, description: 'Null for releases recorded before this was asked' })
  metAtGateBy: MetAtGateBy | null;
  @Field(() => AgencyReference, { nullable: true }) metAtGateByAgency: AgencyReference | null;
  @Field(() => ID, { nullable: true, description: 'The accommodation request whose confirmed address the child went to' })
  accommodationRequestId: string | null;
}

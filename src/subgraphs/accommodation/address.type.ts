import { Field, ObjectType } from 'type-graphql';

@ObjectType('PostalAddress', { description: 'A UK postal address' })
export class Address {
  @Field() line1: string;
  @Field(() => String, { nullable: true }) line2: string | null;
  @Field() town: string;
  @Field() postcode: string;
}

export function toAddress(row: { addressLine1: string; addressLine2: string | null; town: string; postcode: string }): Address {
  return { line1: row.addressLine1, line2: row.addressLine2, town: row.town, postcode: row.postcode };
}

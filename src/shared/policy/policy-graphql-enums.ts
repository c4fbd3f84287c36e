import { registerEnumType } from 'type-graphql';
import { DataScope } from './data-scope';

registerEnumType(DataScope, { name: 'DataScope', description: 'The data scopes every field of a child’s data belongs to' });

/** Why a scope is not shared with a recipient. */
export enum AccessReason {
  NO_AGREEMENT = 'NO_AGREEMENT',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  CONSENT_EXPIRED = 'CONSENT_EXPIRED',
  NOT_PERMITTED = 'NOT_PERMITTED',
}
registerEnumType(AccessReason, { name: 'AccessReason', description: 'Why a scope is not shared with the caller' });

export { DataScope };

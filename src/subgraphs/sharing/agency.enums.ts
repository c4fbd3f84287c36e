import { registerEnumType } from 'type-graphql';

export enum AgencyType {
  YOUTH_JUSTICE_SERVICE = 'YOUTH_JUSTICE_SERVICE',
  CHILDRENS_SERVICES = 'CHILDRENS_SERVICES',
  SECURE_ESTABLISHMENT = 'SECURE_ESTABLISHMENT',
  PROBATION = 'PROBATION',
  HOUSING_PROVIDER = 'HOUSING_PROVIDER',
  CONSORTIUM_TEAM = 'CONSORTIUM_TEAM',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  POLICE = 'POLICE',
}

export enum EstablishmentType {
  YOI = 'YOI',
  STC = 'STC',
  SCH = 'SCH',
  SECURE_SCHOOL = 'SECURE_SCHOOL',
}

registerEnumType(AgencyType, { name: 'AgencyType', description: 'The kind of organisation taking part in a consortium' });
registerEnumType(EstablishmentType, {
  name: 'EstablishmentType',
  description: 'Young offender institution, secure training centre, secure children’s home or secure school',
});

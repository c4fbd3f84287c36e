import { AGENCY, childrensServicesAgencyId, LOCAL_AUTHORITIES, yjsAgencyId } from './demo-consortium';
import { fixedId, IdKind } from './fixed-ids';

export interface DemoUser {
  id: string;
  username: string;
  display_name: string;
  agency_id: string;
  roles: string[];
  /** What README.md says about this user. */
  description: string;
}

const leeds = LOCAL_AUTHORITIES.findIndex((la) => la.code === 'LEEDS');
const sheffield = LOCAL_AUTHORITIES.findIndex((la) => la.code === 'SHEFFIELD');

/** The documented demo users; ids 1–99. Display names are job titles, not people. */
export const DOCUMENTED_USERS: DemoUser[] = [
  user(1, 'leeds.cm', 'Leeds YJS case manager', yjsAgencyId(leeds), ['CASE_MANAGER']),
  user(2, 'leeds.om', 'Leeds YJS operational manager', yjsAgencyId(leeds), ['OPERATIONAL_MANAGER']),
  user(3, 'sheffield.cm', 'Sheffield YJS case manager', yjsAgencyId(sheffield), ['CASE_MANAGER']),
  user(4, 'leeds.dcs', "Leeds Children's Services, office of the Director of Children's Services", childrensServicesAgencyId(leeds), ['DIRECTOR_OF_CHILDRENS_SERVICES']),
  user(5, 'wetherby.cw', 'Wetherby YOI custody caseworker', AGENCY.wetherby, ['CUSTODY_CASEWORKER']),
  user(6, 'adelbeck.cw', 'Adel Beck SCH caseworker', AGENCY.adelBeck, ['CUSTODY_CASEWORKER']),
  user(7, 'swyrc.lw', 'Consortium link worker', AGENCY.consortiumTeam, ['LINK_WORKER']),
  user(8, 'probation.pp', 'Probation practitioner', AGENCY.probation, ['PROBATION_PRACTITIONER']),
  user(9, 'housing.leeds', 'Leeds Housing Options officer', AGENCY.leedsHousingOptions, ['HOUSING_OFFICER']),
  user(10, 'dpo', 'Consortium data protection officer', AGENCY.consortiumTeam, ['DATA_PROTECTION_OFFICER']),
  user(11, 'housing.wyyh', 'West Yorkshire Youth Housing Trust officer', AGENCY.youthHousingTrust, ['HOUSING_OFFICER']),
  user(12, 'college.ete', 'Calder Valley College ETE coordinator', AGENCY.calderCollege, ['ETE_WORKER']),
];

/** A case manager for each other authority, so every child has one: ids 100+. */
export const AUTHORITY_CASE_MANAGERS: DemoUser[] = LOCAL_AUTHORITIES.map((la, i) => ({ la, i }))
  .filter(({ la }) => la.code !== 'LEEDS' && la.code !== 'SHEFFIELD')
  .map(({ la, i }) =>
    user(100 + i, `${la.code.toLowerCase()}.cm`, `${la.name} YJS case manager`, yjsAgencyId(i), ['CASE_MANAGER']),
  );

export const DEMO_USERS = [...DOCUMENTED_USERS, ...AUTHORITY_CASE_MANAGERS];

export const DEMO_CLIENTS = [
  {
    id: fixedId(IdKind.MachineClient, 1),
    client_id: 'leeds-cms',
    name: 'Leeds YJS case management system',
    agency_id: yjsAgencyId(leeds),
    scopes: ['cases:read', 'cases:write', 'changes:read'],
    // scrypt hash of DEMO_CLIENT_SECRET (src/integrations/oauth/client-secret.ts); never the secret itself.
    secret_hash: 'scrypt$32768$8$1$cmVzZXR0bGVtZW50LWh1Yg==$quBtrGS95GdGQEGhC56un1Ld8a8sVQ6SKvuMNi/zXg4=',
  },
];

/** Demo only, documented in the README: the client secret of `leeds-cms` on a seeded hub. */
export const DEMO_CLIENT_SECRET = 'leeds-cms-demo-secret';

export function demoUserId(username: string): string {
  const found = DEMO_USERS.find((u) => u.username === username);
  if (!found) throw new Error(`no demo user ${username}`);
  return found.id;
}

function user(n: number, username: string, description: string, agencyId: string, roles: string[]): DemoUser {
  return { id: fixedId(IdKind.StaffUser, n), username, display_name: description, agency_id: agencyId, roles, description };
}

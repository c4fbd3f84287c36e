import { fixedId, IdKind } from './fixed-ids';

export const CONSORTIUM_ID = fixedId(IdKind.Consortium, 1);

export const CONSORTIUM = {
  id: CONSORTIUM_ID,
  code: 'SWY',
  name: 'South & West Yorkshire Resettlement Consortium',
};

/** The nine member authorities, in the order their agency ids are numbered. */
export const LOCAL_AUTHORITIES = [
  { code: 'BARNSLEY', name: 'Barnsley' },
  { code: 'BRADFORD', name: 'Bradford' },
  { code: 'CALDERDALE', name: 'Calderdale' },
  { code: 'DONCASTER', name: 'Doncaster' },
  { code: 'KIRKLEES', name: 'Kirklees' },
  { code: 'LEEDS', name: 'Leeds' },
  { code: 'ROTHERHAM', name: 'Rotherham' },
  { code: 'SHEFFIELD', name: 'Sheffield' },
  { code: 'WAKEFIELD', name: 'Wakefield' },
] as const;

export type LocalAuthorityCode = (typeof LOCAL_AUTHORITIES)[number]['code'];

export interface DemoAgency {
  id: string;
  code: string;
  name: string;
  type: string;
  establishment_type: string | null;
  local_authority_code: string | null;
}

/** Agency ids: 1–9 youth justice services, 11–19 children's services, 21+ the regional partners. */
export const yjsAgencyId = (index: number) => fixedId(IdKind.Agency, index + 1);
export const childrensServicesAgencyId = (index: number) => fixedId(IdKind.Agency, index + 11);

export const AGENCY = {
  wetherby: fixedId(IdKind.Agency, 21),
  adelBeck: fixedId(IdKind.Agency, 22),
  probation: fixedId(IdKind.Agency, 23),
  consortiumTeam: fixedId(IdKind.Agency, 24),
  leedsHousingOptions: fixedId(IdKind.Agency, 31),
  youthHousingTrust: fixedId(IdKind.Agency, 32),
  sheffieldSupportedLiving: fixedId(IdKind.Agency, 33),
  calderCollege: fixedId(IdKind.Agency, 41),
} as const;

export function yjsIdFor(code: LocalAuthorityCode): string {
  return yjsAgencyId(LOCAL_AUTHORITIES.findIndex((la) => la.code === code));
}

export const AGENCIES: DemoAgency[] = [
  ...LOCAL_AUTHORITIES.map((la, i) => ({
    id: yjsAgencyId(i),
    code: `${la.code}_YJS`,
    name: `${la.name} Youth Justice Service`,
    type: 'YOUTH_JUSTICE_SERVICE',
    establishment_type: null,
    local_authority_code: la.code,
  })),
  ...LOCAL_AUTHORITIES.map((la, i) => ({
    id: childrensServicesAgencyId(i),
    code: `${la.code}_CS`,
    name: `${la.name} Children's Services`,
    type: 'CHILDRENS_SERVICES',
    establishment_type: null,
    local_authority_code: la.code,
  })),
  regional(AGENCY.wetherby, 'WETHERBY_YOI', 'HMYOI Wetherby (including Keppel Unit)', 'SECURE_ESTABLISHMENT', 'YOI'),
  regional(AGENCY.adelBeck, 'ADEL_BECK_SCH', 'Adel Beck Secure Children’s Home', 'SECURE_ESTABLISHMENT', 'SCH'),
  regional(AGENCY.probation, 'PROBATION_YH', 'Probation Service, Yorkshire and the Humber', 'PROBATION'),
  regional(AGENCY.consortiumTeam, 'SWY_CONSORTIUM_TEAM', 'South & West Yorkshire Resettlement Consortium Team', 'CONSORTIUM_TEAM'),
  { ...regional(AGENCY.leedsHousingOptions, 'LEEDS_HOUSING_OPTIONS', 'Leeds Housing Options', 'HOUSING_PROVIDER'), local_authority_code: 'LEEDS' },
  regional(AGENCY.youthHousingTrust, 'WEST_YORKS_YOUTH_HOUSING', 'West Yorkshire Youth Housing Trust', 'HOUSING_PROVIDER'),
  { ...regional(AGENCY.sheffieldSupportedLiving, 'SHEFFIELD_SUPPORTED_LIVING', 'Sheffield Supported Living', 'HOUSING_PROVIDER'), local_authority_code: 'SHEFFIELD' },
  regional(AGENCY.calderCollege, 'CALDER_VALLEY_COLLEGE', 'Calder Valley College', 'EDUCATION'),
];

function regional(id: string, code: string, name: string, type: string, establishmentType: string | null = null): DemoAgency {
  return { id, code, name, type, establishment_type: establishmentType, local_authority_code: null };
}

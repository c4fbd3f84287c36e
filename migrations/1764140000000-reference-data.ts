import { MigrationInterface, QueryRunner } from 'typeorm';

/** Consortia, local authorities, agencies, staff users and machine clients. */
export class ReferenceData1764140000000 implements MigrationInterface {
  name = 'ReferenceData1764140000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE consortium (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_]{2,32}$'),
        name text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE local_authority (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,32}$'),
        name text NOT NULL,
        consortium_id uuid NOT NULL REFERENCES consortium(id)
      );

      CREATE TABLE agency (
        id uuid PRIMARY KEY,
        consortium_id uuid NOT NULL REFERENCES consortium(id),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_]{2,48}$'),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('YOUTH_JUSTICE_SERVICE', 'CHILDRENS_SERVICES', 'SECURE_ESTABLISHMENT',
          'PROBATION', 'HOUSING_PROVIDER', 'CONSORTIUM_TEAM', 'EDUCATION', 'HEALTH', 'POLICE')),
        establishment_type text CHECK (establishment_type IN ('YOI', 'STC', 'SCH', 'SECURE_SCHOOL')),
        local_authority_code text REFERENCES local_authority(code),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agency_establishment_type_only_for_secure_estate
          CHECK ((type = 'SECURE_ESTABLISHMENT') = (establishment_type IS NOT NULL)),
        CONSTRAINT agency_local_services_have_authority
          CHECK (type NOT IN ('YOUTH_JUSTICE_SERVICE', 'CHILDRENS_SERVICES') OR local_authority_code IS NOT NULL)
      );
      CREATE INDEX agency_consortium_type_idx ON agency (consortium_id, type);
      CREATE UNIQUE INDEX agency_one_yjs_per_authority ON agency (local_authority_code)
        WHERE type = 'YOUTH_JUSTICE_SERVICE';

      CREATE TABLE staff_user (
        id uuid PRIMARY KEY,
        username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
        display_name text NOT NULL,
        agency_id uuid NOT NULL REFERENCES agency(id),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX staff_user_username_key ON staff_user (username);
      CREATE INDEX staff_user_agency_idx ON staff_user (agency_id);

      CREATE TABLE machine_client (
        id uuid PRIMARY KEY,
        client_id text NOT NULL UNIQUE CHECK (client_id ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
        name text NOT NULL,
        agency_id uuid NOT NULL REFERENCES agency(id),
        scopes text[] NOT NULL DEFAULT '{}',
        secret_hash text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE machine_client;
      DROP TABLE staff_user;
      DROP TABLE agency;
      DROP TABLE local_authority;
      DROP TABLE consortium;
    `);
  }
}

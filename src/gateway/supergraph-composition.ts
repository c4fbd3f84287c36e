import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { createDataSource } from '../shared/db/data-source';
import { PROJECT_ROOT } from '../shared/project-root';
import { SUBGRAPH_SCHEMA_BUILDERS } from '../subgraphs/subgraph-registry';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');
export const SUPERGRAPH_FILE = 'supergraph.graphql';
/** The public API clients see (the supergraph without its federation machinery); the web app's types come from it. */
export const API_SCHEMA_FILE = 'api.graphql';

/** Where the committed supergraph points by default; deployments override each URL. */
export const DEFAULT_SUBGRAPH_URLS: Record<SubgraphName, string> = {
  cases: 'http://localhost:4001/graphql',
  sharing: 'http://localhost:4002/graphql',
  accommodation: 'http://localhost:4003/graphql',
};

export interface ComposedSchemas {
  subgraphs: Record<SubgraphName, string>;
  supergraph: string;
  api: string;
}

/** Prints each subgraph's SDL from the code and composes the supergraph from them. */
export async function composeSupergraphFromCode(): Promise<ComposedSchemas> {
  const unconnected = createDataSource({ url: 'postgres://schema-printing-only/none' });
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    subgraphs[name] = printSubgraphSchema(await SUBGRAPH_SCHEMA_BUILDERS[name](unconnected)) + '\n';
  }
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, url: DEFAULT_SUBGRAPH_URLS[name], typeDefs: parse(subgraphs[name]) })),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  const api = printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) + '\n';
  return { subgraphs, supergraph: result.supergraphSdl, api };
}

export function readCommittedSchemas(dir = SCHEMA_DIR): ComposedSchemas {
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) subgraphs[name] = fs.readFileSync(path.join(dir, `${name}.graphql`), 'utf8');
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  return { subgraphs, supergraph: read(SUPERGRAPH_FILE), api: read(API_SCHEMA_FILE) };
}

export function writeSchemas(schemas: ComposedSchemas, dir = SCHEMA_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of SUBGRAPH_NAMES) fs.writeFileSync(path.join(dir, `${name}.graphql`), schemas.subgraphs[name]);
  fs.writeFileSync(path.join(dir, SUPERGRAPH_FILE), schemas.supergraph);
  fs.writeFileSync(path.join(dir, API_SCHEMA_FILE), schemas.api);
}

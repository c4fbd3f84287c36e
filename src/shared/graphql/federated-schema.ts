import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type ContainerType } from 'type-graphql';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `__resolveReference` per entity type; each must authorise exactly as a query would. */
  referenceResolvers?: GraphQLResolverMap<any>;
  container: ContainerType;
}

/** type-graphql schema → SDL with directives → Apollo subgraph schema with reference resolvers. */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.container,
    validate: { forbidUnknownValues: true },
    emitSchemaFile: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, extra] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(extra as object) };
  }
  const subgraph = buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers }]);
  copyFieldExtensions(schema, subgraph);
  return subgraph;
}

/** SDL carries no field extensions (e.g. each field's data scope); carry them over by name. */
function copyFieldExtensions(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    const target = to.getType(type.name);
    if (!isObjectType(type) || !isObjectType(target)) continue;
    const targetFields = target.getFields();
    for (const field of Object.values(type.getFields())) {
      if (Object.keys(field.extensions ?? {}).length && targetFields[field.name]) {
        (targetFields[field.name] as { extensions: object }).extensions = { ...targetFields[field.name].extensions, ...field.extensions };
      }
    }
  }
}

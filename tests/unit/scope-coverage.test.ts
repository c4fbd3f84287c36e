import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { createDataSource } from '../../src/shared/db/data-source';
import { DATA_SCOPES } from '../../src/shared/policy/data-scope';
import { DATA_SCOPE_EXTENSION } from '../../src/shared/policy/scoped-field';
import { buildCasesSchema } from '../../src/subgraphs/cases/cases.subgraph';

/**
 * Fields that are not one scope's data: the child's key, the caller's own access summary, the
 * caseload entry's link back to its child (scoped there), and the timeline, which holds events of
 * every scope and is filtered per event, in SQL, to the scopes shared with the caller.
 */
const NOT_CHILD_DATA = new Set(['Child.id', 'Child.access', 'Child.timeline', 'CaseloadEntry.child']);
const ROOTS = ['Child', 'CaseloadEntry'];

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildCasesSchema(createDataSource({ url: 'postgres://unused/none' }));
});

/** Every path from Child to a leaf must pass through a field that declares its data scope. */
function unscopedPaths(type: GraphQLObjectType, prefix: string, seen: Set<string>): string[] {
  const missing: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const path = `${prefix}.${field.name}`;
    const qualified = `${type.name}.${field.name}`;
    if (field.extensions?.[DATA_SCOPE_EXTENSION] || NOT_CHILD_DATA.has(qualified)) continue;
    const target = getNamedType(field.type);
    if (!isObjectType(target)) {
      missing.push(path);
    } else if (!seen.has(target.name)) {
      missing.push(...unscopedPaths(target, path, new Set([...seen, target.name])));
    }
  }
  return missing;
}

it.each(ROOTS)('declares a data scope on every field of %s that returns a child’s data', (root) => {
  const type = schema.getType(root) as GraphQLObjectType;
  expect(unscopedPaths(type, root, new Set([root]))).toEqual([]);
});

it('uses only known scopes', () => {
  const child = schema.getType('Child') as GraphQLObjectType;
  const declared = Object.values(child.getFields())
    .map((f) => f.extensions?.[DATA_SCOPE_EXTENSION])
    .filter((s): s is string => typeof s === 'string');
  expect(declared.length).toBeGreaterThan(5);
  for (const scope of declared) expect(DATA_SCOPES).toContain(scope);
});

it('would catch an unscoped field (the check itself can fail)', () => {
  const child = schema.getType('Child') as GraphQLObjectType;
  const identity = child.getFields().identity;
  const original = identity.extensions;
  (identity as { extensions: unknown }).extensions = {};
  try {
    expect(unscopedPaths(child, 'Child', new Set(['Child']))).toEqual(expect.arrayContaining(['Child.identity.givenName']));
  } finally {
    (identity as { extensions: unknown }).extensions = original;
  }
});

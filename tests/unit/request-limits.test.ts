import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { variableProblem } from '../../src/shared/graphql/input-hygiene';
import { DEFAULT_LIST_SIZE, operationCost } from '../../src/shared/graphql/query-cost';

const schema = buildSchema(`
  type Query { children(first: Int = 25): ChildConnection!  child(id: ID!): Child  _entities(representations: [String!]!): [Child]!  changes(first: Int! = 100): ChangePage! }
  type ChangePage { changes: [Event!]!  endCursor: String! }
  type ChildConnection { totalCount: Int!  edges: [ChildEdge!]! }
  type ChildEdge { node: Child! }
  type Child { id: ID!  name: String  meetings: [Meeting!]!  timeline(first: Int! = 50): [Event!]! }
  type Meeting { id: ID!  attendees: [String!]! }
  type Event { kind: String! }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return operationCost(schema, document, operation, variables);
}

describe('query cost', () => {
  it('counts every field once for a single object', () => {
    expect(cost('{ child(id: "1") { id name } }')).toBe(3);
  });

  it('multiplies what a page selects by its size, from a variable as much as from a literal', () => {
    const literal = cost('{ children(first: 100) { totalCount edges { node { id name } } } }');
    expect(cost('query($n: Int) { children(first: $n) { totalCount edges { node { id name } } } }', { n: 100 })).toBe(literal);
    expect(literal).toBe(1 + 100 * (1 + 1 + 1 * (1 + 2)));
  });

  it('counts a page’s own list of items once, whatever it is called', () => {
    expect(cost('{ changes(first: 500) { changes { kind } endCursor } }')).toBe(1 + 500 * (1 + 1 + 1));
  });

  it('uses the schema default when no page size is given', () => {
    expect(cost('{ children { edges { node { id } } } }')).toBe(cost('{ children(first: 25) { edges { node { id } } } }'));
  });

  it('assumes plain lists hold a few items, and nested lists multiply', () => {
    expect(cost('{ child(id: "1") { meetings { id } } }')).toBe(1 + (1 + DEFAULT_LIST_SIZE * 1));
    expect(cost('{ children(first: 100) { edges { node { timeline(first: 100) { kind } } } } }')).toBeGreaterThan(1_000_000 / 100);
  });

  it('counts an _entities fetch by the number of representations', () => {
    expect(cost('query($r: [String!]!) { _entities(representations: $r) { ... on Child { id } } }', { r: ['a', 'b', 'c'] })).toBe(1 + 3 * 1);
  });

  it('costs a fragment bomb in time linear in the document', () => {
    const fragments = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
    expect(cost(['query { ...F0 }', ...fragments, 'fragment F60 on Query { child(id: "1") { id } }'].join('\n'))).toBe(2 ** 60 * 2);
  });
});

describe('variables', () => {
  it.each([
    ['NUL', { note: 'a\u0000b' }, 'note'],
    ['a lone high surrogate', { input: { text: 'x\ud83d' } }, 'input.text'],
    ['a lone low surrogate', { list: ['ok', '\udc00x'] }, 'list.1'],
    ['a bell', { input: { text: 'ring\u0007' } }, 'input.text'],
  ])('refuses %s, naming where it is', (_name, variables, field) => {
    expect(variableProblem(variables)?.field).toBe(field);
  });

  it('keeps tabs, new lines, emoji, right-to-left marks and combining characters', () => {
    expect(variableProblem({ a: 'line\none\ttab\r\n', b: '👩‍⚕️ \u202bعربي\u202c e\u0301' })).toBeUndefined();
  });

  it('refuses nesting 33 levels deep without recursing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(variableProblem({ deep })).toEqual({ field: 'deep', problem: expect.stringMatching(/nested more than 32/) });
  });
});

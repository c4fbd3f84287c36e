import { composeSupergraphFromCode, readCommittedSchemas } from '../../src/gateway/supergraph-composition';

it('matches the committed subgraph SDL, supergraph and public API schema (run `npm run schema` after changing the API)', async () => {
  const fromCode = await composeSupergraphFromCode();
  const committed = readCommittedSchemas();
  for (const [name, sdl] of Object.entries(fromCode.subgraphs)) {
    expect({ name, sdl: committed.subgraphs[name as keyof typeof committed.subgraphs] }).toEqual({ name, sdl });
  }
  expect(committed.supergraph).toEqual(fromCode.supergraph);
  expect(committed.api).toEqual(fromCode.api);
});

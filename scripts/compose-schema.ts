import 'reflect-metadata';
import { composeSupergraphFromCode, SCHEMA_DIR, writeSchemas } from '../src/gateway/supergraph-composition';

/** `npm run schema`: prints each subgraph's SDL from the code and composes schema/supergraph.graphql. */
composeSupergraphFromCode()
  .then((schemas) => {
    writeSchemas(schemas);
    process.stdout.write(`wrote ${Object.keys(schemas.subgraphs).length} subgraph schemas and the supergraph to ${SCHEMA_DIR}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });

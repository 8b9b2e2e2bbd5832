// Import rules, checked by `npm run lint` with dependency-cruiser: imports point one way. Type-only
// imports count, since a cycle of types is as hard to untangle as one of values.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Modules import each other in one direction only: what two need goes in a third.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'db-is-the-lowest-layer',
      severity: 'error',
      comment: 'server/db/ imports nothing from the layers above it; row types live with queries.',
      from: { path: '^server/db/' },
      to: { path: '^server/(analysis|audit|http|ingest|routes|services)/' },
    },
    {
      name: 'product-apart-from-test-data',
      severity: 'error',
      comment:
        'The server does not import the scenario generator (seed/), except the demo loader, ' +
        'which generates the demo network on first start.',
      from: { path: '^server/', pathNot: '^server/services/demo\\.ts$' },
      to: { path: '^seed/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};

/** DESIGN.md's dependency rules, checked on every `npm test`. */
const forbidden = [
  {
    name: 'domain-is-pure',
    comment: 'src/domain imports nothing of ours outside itself',
    severity: 'error',
    from: { path: '^src/domain/' },
    to: { path: '^(src/(?!domain/)|server/|main/|renderer/|scripts/|migrations/)' },
  },
  {
    name: 'domain-no-io',
    comment: 'src/domain has no I/O: no Node built-ins and no npm packages but zod',
    severity: 'error',
    from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
    to: { dependencyTypes: ['core', 'npm', 'npm-dev'], pathNot: 'node_modules/zod/' },
  },
  {
    name: 'core-no-frameworks',
    comment: 'src/** never imports electron, react, fastify, main/, renderer/ or server/',
    severity: 'error',
    from: { path: '^src/' },
    to: {
      path: '(^|/)node_modules/(electron|react|react-dom|antd|fastify|@fastify)/|^(main|renderer|server)/',
    },
  },
  {
    name: 'renderer-only-contract',
    comment: 'renderer/ imports only src/domain, the DesktopApi contract and browser libraries',
    severity: 'error',
    from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
    to: { path: '^(src/(?!domain/|desktop/contract)|server/|main/|scripts/|migrations/)' },
  },
  {
    name: 'renderer-no-node',
    severity: 'error',
    from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
    to: { dependencyTypes: ['core'] },
  },
  {
    name: 'server-boundaries',
    comment: 'server/ never imports src/desktop, src/sync, main/ or renderer/',
    severity: 'error',
    from: { path: '^server/' },
    to: { path: '^(src/(desktop|sync)/|main/|renderer/)' },
  },
  {
    name: 'sql-in-repositories',
    comment:
      'SQL lives in repository modules: only src/db, repositories and migrations touch kysely or the drivers',
    severity: 'error',
    from: {
      path: '^(src|server|main|renderer)/',
      pathNot: '^src/db/|/repositories/|\\.repo\\.ts$|\\.test\\.ts$|^server/test/',
    },
    to: { path: '(^|/)node_modules/(kysely|better-sqlite3|pg)/' },
  },
  {
    name: 'migrations-standalone',
    comment: 'migrations never import app code',
    severity: 'error',
    from: { path: '^migrations/' },
    to: { path: '^(src|server|main|renderer|scripts)/' },
  },
  {
    name: 'no-circular',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
];

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|out|e2e/artifacts)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

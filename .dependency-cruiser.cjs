/** DESIGN.md's dependency rules, checked on every `npm test`. */
const { builtinModules } = require('node:module');

/** Node's built-in modules by name, with or without the `node:` prefix. */
const NODE_BUILTIN = `^(node:)?(${builtinModules.map((m) => m.replace(/^node:/, '')).join('|')})(/|$)`;

/** Test support: `test-support/` folders, the project's one convention (decision 0025), and e2e/. */
const TEST_SUPPORT = ['(^|/)test-support/', '^e2e/'];

/**
 * Code that is not shipped: tests, test support, benchmarks, fuzzers, and the tool that renders
 * docs/authorization-matrix.md from the authorization test's cases.
 */
const NOT_PRODUCTION = [
  '\\.test\\.tsx?$',
  ...TEST_SUPPORT,
  '^scripts/(test-support|bench|fuzz)(/|\\.ts$)',
  '^scripts/authorization-matrix\\.ts$',
  '^server/bench/',
];

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
    name: 'renderer-no-node-reachable',
    comment:
      'nor through what it imports: the page runs in a sandboxed renderer with no Node, so a Node ' +
      'built-in anywhere below a renderer import breaks the bundle (Vite stubs it) at run time',
    severity: 'error',
    from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
    to: { path: NODE_BUILTIN, reachable: true },
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
      pathNot:
        '^src/db/|/repositories/|\\.repo\\.ts$|\\.test\\.ts$|^server/test/|(^|/)test-support/',
    },
    to: { path: '(^|/)node_modules/(kysely|better-sqlite3|pg)/' },
  },
  {
    name: 'main-not-renderer',
    comment:
      'main/ serves the renderer build (dist/renderer, built from renderer/vite.config.ts); it never ' +
      'imports renderer sources, which are browser code',
    severity: 'error',
    from: { path: '^main/' },
    to: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
  },
  {
    name: 'main-server-only-for-demo',
    comment:
      'the packaged app talks to a configured central server over HTTP; only the in-process demo ' +
      'server (DESIGN.md, Modes) starts server/ code',
    severity: 'error',
    from: { path: '^main/', pathNot: ['^main/demo-server\\.ts$', ...NOT_PRODUCTION] },
    to: { path: '^server/' },
  },
  {
    name: 'main-scripts-only-demo-data',
    comment:
      'of scripts/, main/ uses only the demo data generator (scripts/gen), and only to start the ' +
      'demo (demo-server.ts seeds it, start.ts prints its accounts)',
    severity: 'error',
    from: { path: '^main/', pathNot: ['^main/(demo-server|start)\\.ts$', ...NOT_PRODUCTION] },
    to: { path: '^scripts/' },
  },
  {
    name: 'main-no-dev-tools',
    comment: 'main/ never imports scripts/ other than the demo data generator (scripts/gen)',
    severity: 'error',
    from: { path: '^main/', pathNot: NOT_PRODUCTION },
    to: { path: '^scripts/(?!gen/)' },
  },
  {
    name: 'electron-only-in-electron-entry',
    comment:
      'the browser host runs where Electron is not installed (DESIGN.md, Modes): only the Electron ' +
      'entry files (main/electron-*.ts, main/preload.ts) load electron',
    severity: 'error',
    from: { pathNot: '^main/(electron-[^/]+|preload)\\.ts$' },
    to: { path: '(^|/)node_modules/electron/' },
  },
  {
    name: 'test-support-not-in-production',
    comment:
      'production code never imports test support (test-support/ folders, e2e/): test doubles and ' +
      'fixtures are never shipped, and a fixture cannot become a dependency of the app by accident',
    severity: 'error',
    from: { pathNot: NOT_PRODUCTION },
    to: { path: TEST_SUPPORT },
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

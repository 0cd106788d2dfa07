// The dependency rule of DESIGN.md "Architecture", checked by `npm run depcruise` (part of `npm test`).
//
// Rings, inside out: src/core (the event contract, pure) ← the decider (src/agreements/domain) and
// projections/ (pure folds) ← adapters (HTTP, store, read models, auth, CLI, …) ← the composition
// roots (src/app, src/main.ts, src/cli) ← test/ and bench/. An arrow only ever points inward.

/** Tests and their helpers: they may reach further than the code they test. */
const TESTS = '\\.(spec|e2e-spec|spec-helper)\\.ts$';
/** Code an auditor runs offline: no framework, no I/O, no clock (the clock is an eslint rule). */
const PURE = '^(src/core|src/agreements/domain|projections)/';
/** Node built-ins that reach outside the process. */
const IO_BUILTINS = '^(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads|readline)$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle has no inside and no outside: neither end can be understood, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve hides a dependency from every other rule here.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },

    // The pure rings.
    {
      name: 'core-imports-no-project-folder',
      comment: 'src/core is where the log meets the code; everything imports it, so it imports none of them.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { path: '^(src|projections|test|bench)/', pathNot: '^src/core/' },
    },
    {
      name: 'core-uses-only-pure-libraries',
      comment:
        'Of npm, src/core needs canonical JSON, the schema library and the Finnish public holidays (appeal deadlines move past them: a maintained calendar, not Easter by hand); each new one is a decision.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: '^node_modules/(canonicalize|typebox|date-holidays)/' },
    },
    {
      name: 'decider-imports-only-core',
      comment: 'decide/evolve are plain functions over the event contract: no store, no Nest, no command runner.',
      severity: 'error',
      from: { path: '^src/agreements/domain/', pathNot: TESTS },
      to: { pathNot: '^src/(agreements/domain|core)/' },
    },
    {
      name: 'projections-import-only-core',
      comment: 'The server and the auditor CLI run the very same folds, so they can depend on nothing either lacks.',
      severity: 'error',
      from: { path: '^projections/', pathNot: [TESTS, '^projections/testing/'] },
      to: { pathNot: '^(projections|src/core)/' },
    },
    {
      name: 'pure-code-has-no-framework-or-io',
      comment: 'An auditor loads the pure folders in a bare Node process: no Nest, validation, rxjs, store client or I/O (specs included).',
      severity: 'error',
      from: { path: PURE },
      to: {
        path: [
          '^node_modules/(@nestjs|class-validator|class-transformer|reflect-metadata|rxjs|fastify|@fastify|better-sqlite3|pg|@eventstore|commander)/',
          IO_BUILTINS,
        ],
      },
    },

    // Adapters depend inward, never the reverse.
    {
      name: 'infrastructure-leaves-stay-leaves',
      comment: 'Configuration, the state database, idempotency keys and the logger serve every adapter, so they import none.',
      severity: 'error',
      from: { path: '^src/(config|state|idempotency|logging)/', pathNot: TESTS },
      to: { path: '^(src|projections)/', pathNot: '^src/(core|config|state|idempotency)/' },
    },
    {
      name: 'event-store-knows-no-callers',
      comment: 'The store port and its adapters serve the write side, the read side and the CLI; they know only the core and their configuration.',
      severity: 'error',
      from: { path: '^src/event-store/', pathNot: TESTS },
      to: { path: '^(src|projections)/', pathNot: '^src/(core|config|event-store)/' },
    },
    {
      name: 'auth-knows-no-features',
      comment: 'Who may do what is decided before a feature runs; auth uses configuration and state, not the features it guards.',
      severity: 'error',
      from: { path: '^src/auth/', pathNot: TESTS },
      to: { path: '^(src|projections)/', pathNot: '^src/(core|config|state|auth|http)/' },
    },
    {
      name: 'metrics-registry-is-a-leaf',
      comment: 'Every capability registers its metrics in the registry, so the registry imports none of them.',
      severity: 'error',
      from: { path: '^src/metrics/metrics-registry\\.ts$' },
      to: { path: '^(src|projections)/' },
    },
    {
      name: 'shared-http-helpers-know-no-features',
      comment: 'src/http holds the field validators every HTTP side shares (commands, queries, tokens); it serves them and imports none.',
      severity: 'error',
      from: { path: '^src/http/', pathNot: TESTS },
      to: { path: '^(src|projections)/', pathNot: '^src/(core|http)/' },
    },
    {
      name: 'ledger-tree-follows-the-log-only',
      comment: 'Checkpoints and proofs are made from the log; of the features they use only the read side\'s visibility check, never the write side (the metrics registry, to register their own; src/state: the server store\'s shared database and the signing lease).',
      severity: 'error',
      from: { path: '^src/checkpoints/', pathNot: TESTS },
      to: { path: '^(src|projections)/', pathNot: '^src/(core|config|event-store|auth|http|read-models|checkpoints|metrics|state)/' },
    },
    {
      name: 'read-side-does-not-reach-into-the-write-side',
      comment: 'Queries read projections of the log; command handlers, controllers and the command runner are none of their business (the id pipe is; the field validators every HTTP side shares live in src/http).',
      severity: 'error',
      from: { path: '^src/read-models/', pathNot: TESTS },
      to: { path: '^src/agreements/', pathNot: '^src/agreements/(domain/|http/agreement-id\\.pipe\\.ts$)' },
    },
    {
      name: 'dashboard-reads-through-the-query-layer',
      comment: 'The pages show what the API answers, computed once in src/read-models: they reach neither the store nor the write side (the id pipe aside).',
      severity: 'error',
      from: { path: '^src/dashboard/', pathNot: TESTS },
      to: { path: '^src/(event-store|agreements|state|idempotency|openapi)/', pathNot: '^src/agreements/http/agreement-id\\.pipe\\.ts$' },
    },
    {
      name: 'only-main-imports-the-server-composition',
      comment: 'src/app wires the server; adapters and the CLI are wired by it, so they never import it.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: ['^src/app/', '^src/main\\.ts$', TESTS] },
      to: { path: '^src/(app|main\\.ts)' },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'The CLI is an entry point beside the server.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },

    {
      name: 'auditor-tools-run-without-nest',
      comment: 'An auditor runs export, verify, replay, prove and import on their own machine with the pure code the server runs, never the server framework.',
      severity: 'error',
      from: { path: ['^src/audit/', '^src/cli/(main|cli-context|ledger-source|ledger-api|progress)\\.ts$', '^src/cli/commands/(export|verify|replay|import|prove|checkpoint)\\.ts$'], pathNot: TESTS },
      to: { path: '^node_modules/(@nestjs|@fastify|fastify|rxjs)/', reachable: true },
    },
    {
      name: 'audit-knows-no-server-side',
      comment: 'src/audit reads exports and the store offline: the core, the projections and the store adapters, nothing of HTTP or the read models\' wiring but the one reading of knownAt both share.',
      severity: 'error',
      from: { path: '^src/audit/', pathNot: TESTS },
      to: { path: '^(src|projections)/', pathNot: ['^(src/(core|audit|event-store)|projections)/', '^src/read-models/known-at\\.ts$'] },
    },

    // Tests stay out of production code.
    {
      name: 'production-code-imports-no-tests',
      comment: 'What ships (tsconfig.build.json) must not need a spec, a spec helper, test/ fixtures, bench/ or projections/testing.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: [TESTS, '^projections/testing/'] },
      to: { path: [TESTS, '^(test|bench)/', '^projections/testing/'] },
    },
    {
      name: 'production-code-uses-no-dev-dependencies',
      comment: 'devDependencies are absent from a production install.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: [TESTS, '^projections/testing/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // A worktree's node_modules may be a symlink; keep the 'node_modules/…' paths the rules name.
    preserveSymlinks: true,
    exclude: { path: '^(dist|coverage)/' },
    // Type-only imports are dependencies too: `import type` from an adapter still couples the code to it.
    tsPreCompilationDeps: true,
    // NodeNext sources import './x.js' for './x.ts'; the tsconfig lets the resolver map them.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

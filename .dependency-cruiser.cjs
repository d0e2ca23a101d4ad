/**
 * The layout's boundaries (issue 11), checked by `npm run deps` as part of `npm test`. What ships is `functions/` and
 * `shared/`; `sim/`, `cli/`, `bench/`, `test/`, `test-kit/` and `scripts/` never go into a Lambda bundle. Every rule
 * below is an error: a broken boundary fails `npm test`. Paths are relative to the repository root.
 */

/** A package by its resolved path, or by its bare name should it ever fail to resolve. */
const pkg = (scopes) => `(^|/)node_modules/(${scopes})/|^(${scopes})/`;
/** Packages that do I/O or speak to a service: the domain must never see them. */
const IO_PACKAGES = pkg("@aws-sdk|@smithy|@aws-lambda-powertools|@middy|@slack");
/** The parsers of the documents people write (YAML, JSON with line:column): the CLI's and the simulator's only. */
const DOCUMENT_PARSERS = pkg("yaml|jsonc-parser");
/** The AWS SDK and the Smithy runtime under it. */
const AWS_SDK = pkg("@aws-sdk|@smithy");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-no-node-builtins",
      comment:
        "shared/domain is the pure decision (decide(), guardrails, signals): it reads no files, no clock, no network. " +
        "It uses no node: builtin today; if one is ever needed for pure computation, allow exactly that module here " +
        "with a reason, never the I/O ones (fs, net, http, child_process, timers).",
      severity: "error",
      from: { path: "^shared/domain/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "domain-no-io-packages",
      comment:
        "shared/domain imports no AWS SDK, Powertools (logger, metrics, parser), middy or Slack: I/O and the Lambda " +
        "stack are wired in around the domain, never from inside it, so decide() stays pure and testable without fakes.",
      severity: "error",
      from: { path: "^shared/domain/" },
      to: { path: IO_PACKAGES },
    },
    {
      name: "domain-no-io-layers",
      comment:
        "shared/domain depends on nothing that does I/O in the library: not the AWS adapters (shared/aws), the " +
        "services, the runtime (middy stack, composition), the notifier or the data-plane clients. Those depend on the " +
        "domain, not the other way round. (config, events and ports are declarations and may be used.)",
      severity: "error",
      from: { path: "^shared/domain/" },
      to: { path: "^shared/(aws|services|runtime|notify|dataplane)/" },
    },
    {
      name: "shipped-code-imports-no-dev-code",
      comment:
        "functions/ and shared/ are what the Lambdas ship. They never import the simulator (sim/), the CLI (cli/), " +
        "benchmarks (bench/), tests (test/), test fakes (test-kit/) or build scripts (scripts/): such an import would " +
        "pull that code into a bundle, or make the product depend on how it is tested.",
      severity: "error",
      from: { path: "^(functions|shared)/" },
      to: { path: "^(sim|cli|bench|test|test-kit|scripts)/" },
    },
    {
      name: "only-adapters-import-aws-sdk",
      comment:
        "In product code (functions/, shared/ and the simulator sim/) only the AWS adapters in shared/aws/ import " +
        "@aws-sdk/* or @smithy/*; everything else talks to AWS through the ports (shared/ports). Out of scope on " +
        "purpose: cli/ (ctl's Lambda transport), test/ (aws-sdk-client-mock tests of the adapters) and test-kit/, " +
        "bench/, scripts/, which may use the SDK directly.",
      severity: "error",
      from: { path: "^(functions|shared|sim)/", pathNot: "^shared/aws/" },
      to: { path: AWS_SDK },
    },
    {
      name: "shipped-code-no-document-parsers",
      comment:
        "The Lambdas load their configuration as JSON (DP_AUTOSCALER_CONFIG or SSM) with JSON.parse. The YAML parser " +
        "(yaml) and the JSON error locator (jsonc-parser) serve the files people write for the CLI and the simulator " +
        "(sim/document.ts); importing either from functions/ or shared/ would put it into every bundle that reaches it.",
      severity: "error",
      from: { path: "^(functions|shared)/" },
      to: { path: DOCUMENT_PARSERS },
    },
    {
      name: "sim-no-aws-adapters",
      comment:
        "The simulator runs the real handlers on simulated clouds that implement the ports; it uses the ports and " +
        "the errors declared beside them (shared/ports), never the AWS adapters (shared/aws).",
      severity: "error",
      from: { path: "^sim/" },
      to: { path: "^shared/aws/" },
    },
    {
      name: "sim-no-cli",
      comment:
        "The simulator is a library the CLI (and benchmarks, and tests) drive; it never imports the CLI. Command-line " +
        "concerns (flags, usage errors, exit codes, progress lines, report files) stay in cli/.",
      severity: "error",
      from: { path: "^sim/" },
      to: { path: "^cli/" },
    },
    {
      name: "no-circular",
      comment:
        "No import cycles anywhere, type-only imports included (tsPreCompilationDeps): a cycle is harmless at " +
        "runtime when it is only types, but it still ties two modules into one unit that cannot be read, tested or " +
        "moved alone. Break one by moving the shared declaration to the module that owns it.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    // Build output at the repository's root only: a package's own dist/ folder (node_modules/yaml/dist/index.js) is
    // how an import of it resolves, and excluding it would hide that import from every rule.
    exclude: { path: "^(\\.serverless|\\.esbuild|dist|coverage|reports)/" },
    // Type-only imports count as dependencies (a type-only cycle is still a cycle; a type from @aws-sdk in the
    // domain is still a dependency on it).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // The code imports with explicit `.ts` extensions (allowImportingTsExtensions); packages resolve through their
    // `exports` like Node's own ESM resolution.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};

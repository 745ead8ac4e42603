/**
 * Loaded by mocha before every test file (.mocharc.json). Programs the tests run (the sample
 * stacks, the CLI's fixture programs) skip ts-node's type check through Pulumi's own switch,
 * PULUMI_NODEJS_TRANSPILE_ONLY, which the scan passes to the program as the language host does:
 * `npm test` type-checks the samples once with tsc before mocha starts, and a check per run would
 * be half of each capture's CPU. The test of a program that does not type-check turns it off.
 */
process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";

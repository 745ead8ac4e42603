// AwsGuard with all of its policies enabled, as a peer for the benchmark.
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "advisory" });

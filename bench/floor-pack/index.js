// One trivial resource policy: what any pack pays for the protocol, the proxy and deserialization.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-floor", { policies: [require("./noop-policy")] });

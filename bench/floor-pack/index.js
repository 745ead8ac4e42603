// One trivial resource policy: what any pack pays for the protocol, the proxy and deserialization.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-floor", {
    policies: [
        {
            name: "floor-noop",
            description: "Reads one property of every resource.",
            enforcementLevel: "advisory",
            validateResource: (args) => {
                void args.type;
            },
        },
    ],
});

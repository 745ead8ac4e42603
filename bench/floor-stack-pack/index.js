// The floor plus one trivial stack policy: what the runtime itself costs any pack that checks the
// stack as a whole (it builds and links a resource object for every resource of the AnalyzeStack request).
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-floor-stack", {
    policies: [
        require("../floor-pack/noop-policy"),
        {
            name: "floor-stack-noop",
            description: "Counts the resources of the stack.",
            enforcementLevel: "advisory",
            validateStack: (args) => {
                void args.resources.length;
            },
        },
    ],
});

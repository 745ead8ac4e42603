// The floor's one trivial resource policy, shared with floor-stack-pack.
module.exports = {
    name: "floor-noop",
    description: "Reads one property of every resource.",
    enforcementLevel: "advisory",
    validateResource: (args) => {
        void args.type;
    },
};

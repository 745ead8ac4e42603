// phi-guard's shape without its checks: for each of phi-guard's policies (from the built pack, so
// the count follows the registry), a trivial policy of the same kind. What this costs above the floor
// is what the runtime charges any pack with that many policies; what phi-guard costs above this is its own.
const { PolicyPack } = require("@pulumi/policy");
const { toPolicies } = require("../../dist/policies/adapter");
const { controls } = require("../../dist/policies/registry");
const noop = require("../floor-pack/noop-policy");

const policies = toPolicies(controls).map((p) => ({
    name: p.name,
    description: p.description,
    enforcementLevel: "advisory",
    ...(p.validateResource ? { validateResource: noop.validateResource } : {}),
    ...(p.validateStack ? { validateStack: (args) => void args.resources.length } : {}),
}));

new PolicyPack("bench-shape", { policies });

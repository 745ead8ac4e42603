// phi-guard's machinery without its checks: the built pack's own policies through its own adapter
// (the settings policy, the type gating, the copy of each judged resource, the evaluation context,
// the stack index), with every control's checkResource and checkStack judging nothing. What phi-guard
// costs above this pack is its controls' work; what this costs above the floor is the machinery's.
const { PolicyPack } = require("@pulumi/policy");
const { toPolicies } = require("../../dist/policies/adapter");
const { controls } = require("../../dist/policies/registry");

const nothing = () => undefined;
// A stack control is one without checkResource (policies/control.ts): keep each control's kind.
const unchecked = controls.map((c) => ({ ...c, ...("checkResource" in c ? { checkResource: nothing } : {}), ...(c.checkStack ? { checkStack: nothing } : {}) }));

new PolicyPack("bench-machinery", { policies: toPolicies(unchecked) });

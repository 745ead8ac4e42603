import { PolicyPack } from "@pulumi/policy";
import { toPolicies } from "./policies/adapter";
import { controls } from "./policies/registry";

new PolicyPack("phi-guard", {
    description: "Stops insider-threat paths to protected health information (HIPAA 45 CFR 164) in AWS and Azure stacks.",
    enforcementLevel: "mandatory",
    policies: toPolicies(controls),
});

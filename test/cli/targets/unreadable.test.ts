import { strict as assert } from "assert";
import type { Analysis, Diagnostic } from "../../../engine/driver";
import { EngineResource, UNKNOWN_WIRE_VALUE, wireSecret } from "../../../engine/resource";
import { attribute, leftOut } from "../../../cli/targets/unreadable";
import { unknownAtPreviewMessage } from "../../../policies/outcomes";
import type { LoadedTarget } from "../../../cli/targets";

const A = "urn:pulumi:dev::p::aws:iam/policy:Policy::a";
const B = "urn:pulumi:dev::p::aws:iam/policy:Policy::b";
const U = UNKNOWN_WIRE_VALUE;

function diagnostic(policyName: string, urn: string, message: string, enforcementLevel: Diagnostic["enforcementLevel"] = "advisory"): Diagnostic {
    return { policyName, policyPackName: "phi-guard", policyPackVersion: "0.1.0", description: "desc", message: `desc\n${message}`, enforcementLevel, severity: "high", urn };
}

const atPreview = (at: string) => unknownAtPreviewMessage(at, false);

function analysis(diagnostics: Diagnostic[], settings: Record<string, unknown> = {}): Analysis {
    return {
        pack: { name: "phi-guard", version: "0.1.0", policies: [] },
        config: { "phi-guard-settings": { enforcementLevel: "advisory", properties: settings }, "c-mandatory": { enforcementLevel: "mandatory", properties: {} }, "c-advisory": { enforcementLevel: "advisory", properties: {} } },
        diagnostics,
        notApplicable: [],
    };
}

const target: LoadedTarget = { kind: "stack-export", path: "s.json", project: "p", stack: "dev", resources: [], unreadable: [{ urn: A, path: "policy", reason: "encrypted" }] };
const none = analysis([]);

describe("which findings a saved target's unreadable values cause", () => {
    const resource = (inputs: Record<string, unknown>): EngineResource => ({ type: "t", name: "a", urn: A, custom: true, inputs, outputs: inputs, dependencies: [], propertyDependencies: {} });
    const values = [
        { urn: A, path: "policy", reason: "encrypted" as const },
        { urn: A, path: "env.T", reason: "encrypted" as const },
    ];

    it("leaves out the unreadable values, inside secrets too, or the genuine unknowns, or both, without touching the original", () => {
        const r = resource({ policy: wireSecret(U), env: wireSecret({ T: wireSecret(U), U: "u" }), arn: U, tags: ["x", "3eeb2bf0-c639-47a8-9e75-3b44932eb421"] });
        const unreadable = leftOut([r], values, { genuine: false, unreadable: true });
        assert.deepEqual(unreadable.resources[0].inputs, { policy: null, env: wireSecret({ T: null, U: "u" }), arn: U, tags: ["x", "3eeb2bf0-c639-47a8-9e75-3b44932eb421"] });
        const genuine = leftOut([r], values, { genuine: true, unreadable: false });
        assert.deepEqual(genuine.resources[0].inputs, { policy: wireSecret(U), env: wireSecret({ T: wireSecret(U), U: "u" }), arn: null, tags: ["x", null] });
        assert.equal(genuine.changed, true);
        assert.deepEqual(r.inputs.policy, wireSecret(U));
    });

    it("says when there is no genuine unknown to leave out, as in a stack export", () => {
        assert.equal(leftOut([resource({ policy: wireSecret(U) })], values, { genuine: true, unreadable: false }).changed, false);
    });

    it("rewrites a could-not-verify the unreadable values cause, and fails a mandatory control closed", () => {
        const finding = diagnostic("c-mandatory", A, atPreview("policy"));
        const out = attribute(analysis([finding]), analysis([finding]), none, target);
        assert.equal(out.diagnostics[0].enforcementLevel, "mandatory");
        assert.equal(
            out.diagnostics[0].message,
            "desc\ncould not verify policy because it depends on a value encrypted in the state (policy): export the stack with `pulumi stack export --show-secrets` and scan that file; a mandatory control fails closed on a value the scan cannot read (phi-guard-settings encryptedValues)",
        );
    });

    it("keeps an advisory control advisory, and every control advisory when encryptedValues is advisory", () => {
        const advisory = diagnostic("c-advisory", A, atPreview("policy"));
        assert.equal(attribute(analysis([advisory]), analysis([advisory]), none, target).diagnostics[0].enforcementLevel, "advisory");
        const mandatory = diagnostic("c-mandatory", A, atPreview("policy"));
        const lenient = attribute(analysis([mandatory], { encryptedValues: "advisory" }), analysis([mandatory]), none, target);
        assert.equal(lenient.diagnostics[0].enforcementLevel, "advisory");
        assert.doesNotMatch(lenient.diagnostics[0].message, /fails closed/);
    });

    it("leaves a finding only genuine unknowns cause, one with another cause (a role outside the stack), and every other finding as they were", () => {
        const genuine = diagnostic("c-mandatory", B, atPreview("policy"));
        const outside = diagnostic("c-mandatory", B, atPreview("role (a role outside this stack)"));
        const failure = diagnostic("c-mandatory", A, "Allow of * at policy", "mandatory");
        const out = attribute(analysis([genuine, outside, failure]), analysis([outside, failure]), analysis([outside, failure]), target);
        assert.deepEqual(out.diagnostics, [genuine, outside, failure]);
    });

    it("puts a finding down to a hidden value even when a genuine unknown would also cause it: an unknown cannot cover a secret", () => {
        const finding = diagnostic("c-mandatory", B, atPreview("the principal's policy statements"));
        const out = attribute(analysis([finding]), analysis([finding]), none, target);
        assert.equal(out.diagnostics[0].enforcementLevel, "mandatory");
        // The finding is on a resource that holds none of the values: the values of the others are named.
        assert.match(out.diagnostics[0].message, /could not verify the principal's policy statements because it depends on a value encrypted in the state \(a\.policy\)/);
    });
});

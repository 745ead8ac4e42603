import { strict as assert } from "assert";
import type { Analysis, Diagnostic } from "../../../engine/driver";
import { wireSecret, UNKNOWN_WIRE_VALUE } from "../../../engine/resource";
import { attribute, leftOut, parsePath } from "../../../cli/targets/unreadable";
import { childPath } from "../../../cli/targets/wire";
import type { LoadedTarget } from "../../../cli/targets";

const A = "urn:pulumi:dev::p::aws:iam/policy:Policy::a";
const B = "urn:pulumi:dev::p::aws:iam/policy:Policy::b";

function diagnostic(policyName: string, urn: string, message: string, enforcementLevel: Diagnostic["enforcementLevel"] = "advisory"): Diagnostic {
    return { policyName, policyPackName: "phi-guard", policyPackVersion: "0.1.0", description: "desc", message: `desc\n${message}`, enforcementLevel, severity: "high", urn };
}

const atPreview = (at: string) => `could not verify ${at} during preview: the value is unknown until the update; the check runs again on \`pulumi up\``;

function analysis(diagnostics: Diagnostic[], settings: Record<string, unknown> = {}): Analysis {
    return {
        pack: { name: "phi-guard", version: "0.1.0", policies: [] },
        config: { "phi-guard-settings": { enforcementLevel: "advisory", properties: settings }, "c-mandatory": { enforcementLevel: "mandatory", properties: {} }, "c-advisory": { enforcementLevel: "advisory", properties: {} } },
        diagnostics,
        notApplicable: [],
    };
}

const target: LoadedTarget = { kind: "stack-export", path: "s.json", project: "p", stack: "dev", resources: [], unreadable: [{ urn: A, path: "policy", reason: "encrypted" }] };

describe("which findings a saved target's unreadable values cause", () => {
    it("reads back every property path it writes", () => {
        const paths = [["policy"], ["rules", "0", "cidr.block"], ["tags", 'with "quotes"'], ["a-b", "$x"]];
        for (const keys of paths) {
            const written = keys.reduce((p, k) => childPath(p, /^\d+$/.test(k) ? Number(k) : k), "");
            assert.deepEqual(parsePath(written), keys, written);
        }
    });

    it("leaves each unreadable value out, inside secrets too, without touching the original", () => {
        const r = { type: "t", name: "a", urn: A, custom: true, inputs: { policy: wireSecret(UNKNOWN_WIRE_VALUE), env: wireSecret({ T: wireSecret(UNKNOWN_WIRE_VALUE), U: "u" }) }, outputs: {}, dependencies: [], propertyDependencies: {} };
        const [out] = leftOut([r], [{ urn: A, path: "policy", reason: "encrypted" }, { urn: A, path: "env.T", reason: "encrypted" }]);
        assert.deepEqual(out.inputs, { policy: null, env: wireSecret({ T: null, U: "u" }) });
        assert.deepEqual(r.inputs.policy, wireSecret(UNKNOWN_WIRE_VALUE));
    });

    it("rewrites a could-not-verify that goes away without the value, and fails a mandatory control closed", () => {
        const out = attribute(analysis([diagnostic("c-mandatory", A, atPreview("policy"))]), analysis([]), target);
        assert.equal(out.diagnostics[0].enforcementLevel, "mandatory");
        assert.equal(
            out.diagnostics[0].message,
            "desc\ncould not verify policy because it depends on a value encrypted in the state (policy): export the stack with `pulumi stack export --show-secrets` and scan that file; a mandatory control fails closed on a value the scan cannot read (phi-guard-settings encryptedValues)",
        );
    });

    it("keeps an advisory control advisory, and every control advisory when encryptedValues is advisory", () => {
        const advisory = attribute(analysis([diagnostic("c-advisory", A, atPreview("policy"))]), analysis([]), target);
        assert.equal(advisory.diagnostics[0].enforcementLevel, "advisory");
        const lenient = attribute(analysis([diagnostic("c-mandatory", A, atPreview("policy"))], { encryptedValues: "advisory" }), analysis([]), target);
        assert.equal(lenient.diagnostics[0].enforcementLevel, "advisory");
        assert.doesNotMatch(lenient.diagnostics[0].message, /fails closed/);
    });

    it("leaves a finding that comes back without the value (a genuine unknown) and every other finding as they were", () => {
        const genuine = diagnostic("c-mandatory", B, atPreview("policy"));
        const failure = diagnostic("c-mandatory", A, "Allow of * at policy", "mandatory");
        const out = attribute(analysis([genuine, failure]), analysis([genuine]), target);
        assert.deepEqual(out.diagnostics, [genuine, failure]);
    });

    it("names another resource's value when a stack control's finding is on a resource that holds none", () => {
        const out = attribute(analysis([diagnostic("c-advisory", B, atPreview("the principal's policy statements"))]), analysis([]), target);
        assert.match(out.diagnostics[0].message, /could not verify the principal's policy statements because it depends on a value encrypted in the state \(a\.policy\)/);
    });
});

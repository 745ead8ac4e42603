import { strict as assert } from "assert";
import { PolicyConfigError, resolvePolicyConfig } from "../../engine/pack-config";

const policies = [
    { name: "p1", enforcementLevel: "mandatory" as const, configSchema: { properties: { cidrs: { type: "array", items: { type: "string" }, default: [] } } } },
    { name: "p2", enforcementLevel: "advisory" as const },
];

describe("policy config resolution, as the engine does it", () => {
    it("applies schema defaults and the policies' own levels", () => {
        assert.deepEqual(resolvePolicyConfig(policies), {
            p1: { enforcementLevel: "mandatory", properties: { cidrs: [] } },
            p2: { enforcementLevel: "advisory", properties: {} },
        });
    });

    it('applies the "all" level, then each policy\'s own entry', () => {
        const r = resolvePolicyConfig(policies, { all: "disabled", p1: { enforcementLevel: "advisory", cidrs: ["10.0.0.0/8"] } });
        assert.deepEqual(r.p1, { enforcementLevel: "advisory", properties: { cidrs: ["10.0.0.0/8"] } });
        assert.equal(r.p2.enforcementLevel, "disabled");
    });

    it("rejects options of the wrong type and unknown levels, naming the policy", () => {
        assert.throws(() => resolvePolicyConfig(policies, { p1: { cidrs: "10.0.0.0/8" } }), (e: Error) => e instanceof PolicyConfigError && /p1/.test(e.message));
        assert.throws(() => resolvePolicyConfig(policies, { p2: "strict" }), PolicyConfigError);
    });
});

import { strict as assert } from "assert";
import { azStorageTls as control } from "../../../../policies/azure/storage/tls";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const account = (props: Record<string, unknown>, type = "azure-native:storage:StorageAccount") => ({ type, props: defined({ minimumTlsVersion: "TLS1_2", ...props }) });

/** Struct cannot carry undefined: an omitted property is left out. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe("az-storage-tls", () => {
    it("passes TLS 1.2 and 1.3 with HTTPS by default or explicit", async () => {
        for (const props of [{}, { enableHttpsTrafficOnly: true }, { minimumTlsVersion: "TLS1_3" }, { minimumTlsVersion: "tls1_2" }]) {
            const r = await runResource(control, account(props));
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        }
    });

    it("flags enableHttpsTrafficOnly false", async () => {
        const r = await runResource(control, account({ enableHttpsTrafficOnly: false }));
        assert.match(r.violations[0], /plain HTTP requests at enableHttpsTrafficOnly/);
    });

    it("flags an omitted enableHttpsTrafficOnly on API versions before 2019-04-01", async () => {
        const r = await runResource(control, account({}, "azure-native:storage/v20181101:StorageAccount"));
        assertFindings(r, [{ at: "enableHttpsTrafficOnly" }]);
        const newer = await runResource(control, account({}, "azure-native:storage/v20230101:StorageAccount"));
        assertFindings(newer, []);
    });

    it("flags TLS 1.0 and 1.1 and an omitted minimum (default TLS 1.0)", async () => {
        for (const [v, shown] of [["TLS1_0", "TLS1_0"], ["TLS1_1", "TLS1_1"], [undefined, "unset, so TLS1_0"]] as const) {
            const r = await runResource(control, account({ minimumTlsVersion: v }));
            assert.equal(r.violations.length, 1);
            assert.ok(r.violations[0].includes(`(${shown}) at minimumTlsVersion`), r.violations[0]);
        }
    });

    it("does not echo an unexpected minimumTlsVersion value", async () => {
        const r = await runResource(control, account({ minimumTlsVersion: secret("hunter2-secret") }));
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /hunter2/);
    });

    it("reports unknown values as unverified", async () => {
        const r = await runResource(control, account({ minimumTlsVersion: unknown, enableHttpsTrafficOnly: unknown }));
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
    });

    it("skips accounts outside the PHI scope", async () => {
        const r = await runResource(control, account({ minimumTlsVersion: "TLS1_0" }), { settings: { phiScope: "tagged" } });
        assertFindings(r, []);
        const stack = await runResource(control, account({ minimumTlsVersion: "TLS1_0" }), { settings: { phiScope: "tagged" }, stackTags: { "data-classification": "phi" } });
        assertFindings(stack, [{ at: "minimumTlsVersion" }]);
    });
});

import { strict as assert } from "assert";
import { companionsOf, referenceStrings } from "../../../policies/lib/azure-joins";
import { StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../policies/lib/values";
import { stackResource as res } from "../../harness";


describe("lib/azure-joins", () => {
    it("reads strings, lists and fields of listed objects, lower-cased", () => {
        assert.deepEqual(referenceStrings("A"), ["a"]);
        assert.deepEqual(referenceStrings(["A", UNKNOWN, 3]), ["a"]);
        assert.deepEqual(referenceStrings([{ id: "X" }, { id: UNKNOWN }], "id"), ["x"]);
        assert.deepEqual(referenceStrings(UNKNOWN), []);
    });

    it("joins through propertyDependencies to targets only", () => {
        const server = res("sql", "s", {});
        const other = res("rg", "g", {});
        const audit = res("audit", "a", { serverName: UNKNOWN, resourceGroupName: UNKNOWN }, { serverName: [server.urn, other.urn] });
        const joined = companionsOf(new StackIndex([server, other, audit]), [audit], "serverName", [server]);
        assert.deepEqual([...joined.keys()], [server.urn]);
    });

    it("falls back to a literal id or name, case-insensitively", () => {
        const server = res("sql", "s", { serverName: "Phi-Sql" });
        const account = res("st", "st", { id: "/subscriptions/x/.../storageAccounts/phi" });
        const audit = res("audit", "a", { serverName: "phi-sql" });
        const pe = res("pe", "pe", { privateLinkServiceConnections: [{ privateLinkServiceId: "/SUBSCRIPTIONS/X/.../STORAGEACCOUNTS/PHI" }] });
        const index = new StackIndex([server, account, audit, pe]);
        assert.deepEqual(companionsOf(index, [audit], "serverName", [server]).get(server.urn), [audit]);
        assert.deepEqual(companionsOf(index, [pe], "privateLinkServiceConnections", [account], "privateLinkServiceId").get(account.urn), [pe]);
    });

    it("does not fall back to names when propertyDependencies point elsewhere", () => {
        const server = res("sql", "s", { serverName: "phi-sql" });
        const elsewhere = res("sql", "t", {});
        const audit = res("audit", "a", { serverName: "phi-sql" }, { serverName: [elsewhere.urn] });
        assert.equal(companionsOf(new StackIndex([server, elsewhere, audit]), [audit], "serverName", [server]).size, 0);
    });
});

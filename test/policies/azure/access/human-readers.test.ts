import { strict as assert } from "assert";
import { azAccessHumanReaders as control } from "../../../../policies/azure/access/human-readers";
import { AZ_ROLES, resource } from "../../../examples";
import { assertFindings } from "../../../findings";
import { runStack, unknown, urnOf } from "../../../harness";
import { account, baseline, boundary, developersDeploy, rg, scoped } from "./fixtures";

const user = (n: number) => scoped(`reader-${n}`, AZ_ROLES.storageBlobDataReader, `1111111${n}-2222-4333-8444-955556666777`, "User");
const subscriptionContributor = resource("azure-native:authorization:RoleAssignment", "ops-contributor", {
    scope: "/subscriptions/5d1e4c2a-7b3f-4e8a-9c61-0a2b3c4d5e6f",
    roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${AZ_ROLES.contributor}`,
    principalId: "abababab-1111-4222-8333-944445555666",
    principalType: "Group",
});

describe("az-access-human-readers", () => {
    it("flags an account more users and groups can read than the default limit: direct, through listKeys from the subscription, and through an app", async () => {
        const res = await runStack(control, [...baseline, developersDeploy, user(1), user(2), subscriptionContributor], boundary);
        assertFindings(res, [{ at: "access paths", urn: urnOf(account) }]);
        assert.match(res.violations[0], /^4 people can read this PHI store, more than the limit of 3: group abababab-1111-4222-8333-944445555666 -> listKeys with Contributor on claimsstore \(inherited from subscription\); /);
    });

    it("passes within the limit and does not count app identities", async () => {
        assert.deepEqual(await runStack(control, [...baseline, user(1), user(2), developersDeploy], boundary), { violations: [], unverified: [], urns: [] });
    });

    it("reads every permission block of a custom role: a blob read in the second block counts (the first reads nothing)", async () => {
        const definition = resource("azure-native:authorization:RoleDefinition", "split-reader", {
            roleName: "split-reader",
            scope: "/subscriptions/5d1e4c2a-7b3f-4e8a-9c61-0a2b3c4d5e6f",
            permissions: [{ actions: ["Microsoft.Resources/subscriptions/resourceGroups/read"] }, { actions: [], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }],
        });
        const custom = resource(
            "azure-native:authorization:RoleAssignment",
            "split-reads",
            { scope: unknown, roleDefinitionId: unknown, principalId: "efefefef-1111-4222-8333-944445555666", principalType: "User" },
            { propertyDependencies: { scope: [urnOf(rg)], roleDefinitionId: [urnOf(definition)] } },
        );
        const res = await runStack(control, [...baseline, definition, custom], { ...boundary, config: { defaultLimit: 0 } });
        assertFindings(res, [{ at: "access paths", urn: urnOf(account) }]);
        assert.match(res.violations[0], /^1 person can read this PHI store, more than the limit of 0: user efefefef-1111-4222-8333-944445555666 -> a custom role on claimsstore/);
    });

    it("reports unverified when a reader over the limit holds a role unknown at preview", async () => {
        const unknownRole = scoped("reader-unknown", AZ_ROLES.storageBlobDataReader, "cdcdcdcd-1111-4222-8333-944445555666", "User", { roleDefinitionId: unknown });
        const res = await runStack(control, [...baseline, user(1), unknownRole], { ...boundary, config: { defaultLimit: 1 } });
        assertFindings(res, [{ at: "access paths (user cdcdcdcd-1111-4222-8333-944445555666 -> a role unknown at preview on claimsstore (inherited from resource group claims-rg) (unverified))", urn: urnOf(account), outcome: "unverified" }]);
    });
});

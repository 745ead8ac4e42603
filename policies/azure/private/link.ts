import type { ResourceControl } from "../../control";
import { companionsOf } from "../../lib/azure-joins";
import { publicEndpoint } from "../../lib/azure/public-endpoint";
import { AZ_KEY_VAULTS, AZ_PHI_STORES } from "../../lib/azure/stores";
import { prowler } from "../../lib/hipaa";
import { types } from "../../lib/type-tokens";

const PRIVATE_ENDPOINTS = types("azure-native:network:PrivateEndpoint");
/** Both connection lists of a private endpoint: auto-approved and manually approved. */
const CONNECTION_PROPS = ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"];

export const azPrivateLink: ResourceControl = {
    id: "az-private-link",
    title: "PHI stores are reachable only through private endpoints",
    cloud: "azure",
    judges: AZ_PHI_STORES,
    category: "network-egress",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "Storage accounts, Key Vaults, SQL servers and Cosmos DB accounts that hold PHI must be reached through a private endpoint in your virtual network, with their public endpoint switched off. A public endpoint lets anyone holding a leaked key or token read PHI from any network, and lets data leave without crossing your network controls.",
    remediation:
        "Create an azure-native network.PrivateEndpoint whose privateLinkServiceConnections[].privateLinkServiceId is the store's id (with the right groupIds, e.g. blob, vault, sqlServer, Sql) and set the store's publicNetworkAccess to \"Disabled\".",
    unknowns:
        "Joins use propertyDependencies, known at preview. A public endpoint open to any network, or unknown at preview, is reported by the control that owns the store's network (az-storage-public, az-keyvault-hardening, az-sql-hardening, az-datastore-public); this control reports an endpoint those accept because a firewall limits it.",
    acrossResources: "Coverage: a private endpoint of the stack must connect to each PHI store.",
    types: AZ_PHI_STORES,
    checkResource(store, ctx) {
        if (!ctx.isPhi(store)) return;
        // An open or unknown endpoint is its owner's finding (lib/azure/public-endpoint.ts); this control adds the private-only rule.
        if (publicEndpoint(store)?.exposure !== "restricted") return;
        const path = AZ_KEY_VAULTS.has(store.type) ? "properties.publicNetworkAccess" : "publicNetworkAccess";
        ctx.fail({
            problem: "the store's public endpoint is on, limited only by its firewall (publicNetworkAccess is not \"Disabled\")",
            at: path,
            fix: 'set publicNetworkAccess: "Disabled" so the store is reachable only through its private endpoint',
        });
    },
    checkStack(stack, ctx) {
        const stores = stack.ofType(AZ_PHI_STORES).filter((s) => ctx.isPhi(s));
        if (stores.length === 0) return;
        const endpoints = stack.ofType(PRIVATE_ENDPOINTS);
        const joins = CONNECTION_PROPS.map((prop) => companionsOf(stack, endpoints, prop, stores, "privateLinkServiceId"));
        for (const store of stores) {
            if (joins.some((j) => j.has(store.urn))) continue;
            ctx.fail({
                problem: "no private endpoint connects to this PHI store (no PrivateEndpoint references it in privateLinkServiceConnections)",
                at: "privateEndpointConnections",
                fix: "create a network.PrivateEndpoint with privateLinkServiceConnections: [{ privateLinkServiceId: <store>.id, groupIds: [...] }] in the workload's virtual network",
                urn: store.urn,
            });
        }
    },
};

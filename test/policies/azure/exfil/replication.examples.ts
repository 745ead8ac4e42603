import { azExfilReplication as control } from "../../../../policies/azure/exfil/replication";
import { AZ_BOUNDARY, azBoundarySettings, azIdIn, change, defineExamples, fails, linked, resource, unverifiedAt } from "../../../examples";

const options = azBoundarySettings;
const account = resource("azure-native:storage:StorageAccount", "records", { resourceGroupName: "rg-phi", kind: "StorageV2", sku: { name: "Standard_ZRS" }, allowCrossTenantReplication: false });
const replica = azIdIn(AZ_BOUNDARY.subscription, "rg-dr/providers/Microsoft.Storage/storageAccounts/recordsdr");
const replication = linked("azure-native:storage:ObjectReplicationPolicy", "records-to-dr", "sourceAccount", account, {
    accountName: "recordsdr",
    resourceGroupName: "rg-dr",
    destinationAccount: replica,
    rules: [{ sourceContainer: "scans", destinationContainer: "scans" }],
});
const group = resource("azure-native:sql:FailoverGroup", "records-fog", {
    resourceGroupName: "rg-phi",
    serverName: "records-sql",
    partnerServers: [{ id: azIdIn(AZ_BOUNDARY.subscription, "rg-dr/providers/Microsoft.Sql/servers/records-sql-dr") }],
    readWriteEndpoint: { failoverPolicy: "Automatic", failoverWithDataLossGracePeriodMinutes: 60 },
});
const baseline = [account, replication, group];
const foreign = (rest: string) => azIdIn(AZ_BOUNDARY.foreignSubscription, rest);

export default defineExamples({
    control,
    passing: {
        baseline: {
            says: "a PHI account that refuses cross-tenant replication replicates to an account, and a failover group to a server, in a trusted subscription",
            resources: baseline,
            options,
        },
    },
    failing: {
        "cross-tenant-allowed": {
            says: "the PHI account allows object replication to other tenants",
            resources: change(baseline, "records", { allowCrossTenantReplication: true }),
            options,
            findings: [fails(account, "allowCrossTenantReplication")],
        },
        "foreign-destination": {
            says: "object replication copies the PHI account's blobs to an account in another subscription",
            resources: change(baseline, "records-to-dr", { destinationAccount: foreign("rg-x/providers/Microsoft.Storage/storageAccounts/outside") }),
            options,
            findings: [fails(replication, "destinationAccount")],
        },
        "destination-by-name": {
            says: "the destination account is named without its subscription, so its owner cannot be told",
            resources: change(baseline, "records-to-dr", { destinationAccount: "outsideaccount" }),
            options,
            findings: [unverifiedAt(replication, "destinationAccount")],
        },
        "foreign-partner-server": {
            says: "the failover group geo-replicates to a server in another subscription",
            resources: change(baseline, "records-fog", { partnerServers: [{ id: foreign("rg-x/providers/Microsoft.Sql/servers/outside") }] }),
            options,
            findings: [fails(group, "partnerServers[0].id")],
        },
    },
});

import type { EngineResource } from "../../engine/resource";
import { doc, resource, stackOf, storageAccount, UNKNOWN } from "./build";

/**
 * A data-heavy stack: many PHI stores, each with the companion resources that configure it (S3
 * encryption, public access blocks, versioning, access logs and TLS-only policies; Azure private
 * endpoints, diagnostic settings, immutability, SQL auditing and TDE), and few principals. Most
 * stores are hardened; a few per hundred miss a companion, as in a real estate.
 */
const phi = { "data-classification": "phi" };

function awsUnit(i: number): EngineResource[] {
    const app = `app-${i}`;
    const key = resource("aws:kms/key:Key", `${app}-key`, { description: `${app} PHI`, enableKeyRotation: true, deletionWindowInDays: 30 });
    const logs = resource("aws:s3/bucket:Bucket", `${app}-access-logs`, { bucket: `${app}-access-logs`, tags: phi });
    const records = resource("aws:s3/bucket:Bucket", `${app}-records`, { bucket: `${app}-records`, tags: phi });
    const harden = (bucket: EngineResource, name: string): EngineResource[] => [
        resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${name}-sse`, {
            bucket: UNKNOWN,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN }, bucketKeyEnabled: true }],
        }, { bucket: [bucket.urn], rules: [key.urn] }),
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${name}-pab`, {
            bucket: UNKNOWN, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }, { bucket: [bucket.urn] }),
        resource("aws:s3/bucketVersioning:BucketVersioning", `${name}-versioning`, { bucket: UNKNOWN, versioningConfiguration: { status: i % 30 === 0 ? "Suspended" : "Enabled" } }, { bucket: [bucket.urn] }),
        resource("aws:s3/bucketLogging:BucketLogging", `${name}-logging`, { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: `${name}/` }, { bucket: [bucket.urn], targetBucket: [logs.urn] }),
        resource("aws:s3/bucketPolicy:BucketPolicy", `${name}-policy`, {
            bucket: UNKNOWN,
            policy: doc([
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ]),
        }, { bucket: [bucket.urn] }),
    ];
    return [
        key,
        logs,
        ...harden(logs, `${app}-access-logs`),
        records,
        ...harden(records, `${app}-records`),
        resource("aws:dynamodb/table:Table", `${app}-encounters`, {
            billingMode: "PAY_PER_REQUEST",
            hashKey: "id",
            attributes: [{ name: "id", type: "S" }],
            serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN },
            pointInTimeRecovery: { enabled: true },
            tags: phi,
        }, { serverSideEncryption: [key.urn] }),
        resource("aws:rds/instance:Instance", `${app}-db`, {
            engine: "postgres",
            instanceClass: "db.t4g.medium",
            allocatedStorage: 50,
            storageEncrypted: true,
            kmsKeyId: UNKNOWN,
            publiclyAccessible: false,
            iamDatabaseAuthenticationEnabled: true,
            manageMasterUserPassword: true,
            backupRetentionPeriod: 35,
            tags: phi,
        }, { kmsKeyId: [key.urn] }),
        // A few queues were created without the key.
        i % 25 === 0
            ? resource("aws:sqs/queue:Queue", `${app}-intake`, { tags: phi })
            : resource("aws:sqs/queue:Queue", `${app}-intake`, { kmsMasterKeyId: UNKNOWN, tags: phi }, { kmsMasterKeyId: [key.urn] }),
        resource("aws:cloudwatch/logGroup:LogGroup", `${app}-logs`, { retentionInDays: 2192, kmsKeyId: UNKNOWN }, { kmsKeyId: [key.urn] }),
    ];
}

/** One resource group, workspace and key vault per ten apps; stores and their companions per app. */
const APPS_PER_GROUP = 10;

function azureUnit(i: number): EngineResource[] {
    const app = `app${i}`;
    const g = Math.floor(i / APPS_PER_GROUP);
    const rg = resource("azure-native:resources:ResourceGroup", `rg-${g}`, { location: "eastus", tags: phi });
    const workspace = resource("azure-native:operationalinsights:Workspace", `audit-${g}`, { resourceGroupName: UNKNOWN, sku: { name: "PerGB2018" }, retentionInDays: 90 }, { resourceGroupName: [rg.urn] });
    const inGroup = { resourceGroupName: [rg.urn] };
    const shared = i % APPS_PER_GROUP === 0 ? [rg, workspace] : [];
    const privateEndpoint = (name: string, target: EngineResource, groupId: string) =>
        resource("azure-native:network:PrivateEndpoint", name, {
            resourceGroupName: UNKNOWN,
            subnet: { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe" },
            privateLinkServiceConnections: [{ name, privateLinkServiceId: UNKNOWN, groupIds: [groupId] }],
        }, { ...inGroup, privateLinkServiceConnections: [target.urn] });
    const auditTo = (name: string, target: EngineResource) =>
        resource("azure-native:monitor:DiagnosticSetting", name, { resourceUri: UNKNOWN, workspaceId: UNKNOWN, logs: [{ categoryGroup: "audit", enabled: true }] }, { resourceUri: [target.urn], workspaceId: [workspace.urn] });
    const account = storageAccount(`st${app}`, rg.urn, `https://kv-${g}.vault.azure.net/`, { tags: phi });
    const container = resource("azure-native:storage:BlobContainer", `${app}-audit`, { resourceGroupName: UNKNOWN, accountName: UNKNOWN, containerName: "audit-exports", publicAccess: "None" }, { ...inGroup, accountName: [account.urn] });
    const server = resource("azure-native:sql:Server", `sql${app}`, {
        resourceGroupName: UNKNOWN,
        minimalTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        administrators: { azureADOnlyAuthentication: true, administratorType: "ActiveDirectory", login: "dba", sid: "11111111-1111-1111-1111-111111111111" },
        tags: phi,
    }, inGroup);
    const database = resource("azure-native:sql:Database", `${app}-db`, { resourceGroupName: UNKNOWN, serverName: UNKNOWN, tags: phi }, { ...inGroup, serverName: [server.urn] });
    const cosmos = resource("azure-native:cosmosdb:DatabaseAccount", `cosmos${app}`, {
        resourceGroupName: UNKNOWN,
        databaseAccountOfferType: "Standard",
        publicNetworkAccess: i % 40 === 0 ? "Enabled" : "Disabled",
        disableLocalAuth: true,
        keyVaultKeyUri: `https://kv-${g}.vault.azure.net/keys/cosmos`,
        tags: phi,
    }, inGroup);
    return [
        ...shared,
        account,
        privateEndpoint(`${app}-blob-pe`, account, "blob"),
        auditTo(`${app}-blob-audit`, account),
        container,
        resource("azure-native:storage:BlobContainerImmutabilityPolicy", `${app}-audit-worm`, {
            resourceGroupName: UNKNOWN, accountName: UNKNOWN, containerName: UNKNOWN, immutabilityPeriodSinceCreationInDays: 2190, state: UNKNOWN,
        }, { ...inGroup, accountName: [account.urn], containerName: [container.urn] }),
        server,
        privateEndpoint(`${app}-sql-pe`, server, "sqlServer"),
        resource("azure-native:sql:ServerBlobAuditingPolicy", `${app}-sql-auditing`, { resourceGroupName: UNKNOWN, serverName: UNKNOWN, state: "Enabled", storageEndpoint: UNKNOWN }, { ...inGroup, serverName: [server.urn] }),
        database,
        resource("azure-native:sql:TransparentDataEncryption", `${app}-db-tde`, { resourceGroupName: UNKNOWN, serverName: UNKNOWN, databaseName: UNKNOWN, state: "Enabled" }, { ...inGroup, serverName: [server.urn], databaseName: [database.urn] }),
        cosmos,
        privateEndpoint(`${app}-cosmos-pe`, cosmos, "Sql"),
        auditTo(`${app}-cosmos-audit`, cosmos),
    ];
}

export function dataStack(size: number): EngineResource[] {
    return stackOf(size, (i) => [...awsUnit(i), ...azureUnit(i)]);
}

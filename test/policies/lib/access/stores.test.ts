import { strict as assert } from "assert";
import { chain } from "../../../../policies/lib/access";
import { actionsWith, isKnownService } from "../../../../policies/lib/aws/actions";
import { AWS_PHI_STORES, AWS_STORES_READ_OUTSIDE_IAM, awsStoreServices } from "../../../../policies/lib/aws/stores";
import { STORE_READS } from "../../../../policies/lib/azure/roles";
import { AZ_ALL_PHI_STORES, AZ_PHI_STORES, AZ_STORE_KINDS } from "../../../../policies/lib/azure/stores";
import type { StackResource } from "../../../../policies/lib/stack-index";
import { Plain, UNKNOWN } from "../../../../policies/lib/values";
import { doc, graphOf, r } from "./fixtures";

const readChains = (g: ReturnType<typeof graphOf>, store: StackResource) => g.pathsTo(store.urn, "read").map((p) => [chain(p), p.unverified]);

/** A workload role that reads with one inline policy. */
function reader(name: string, statement: object): StackResource[] {
    return [
        r("aws:iam/role:Role", name, { name, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) }),
        r("aws:iam/rolePolicy:RolePolicy", `${name}-policy`, { role: name, policy: doc({ Effect: "Allow", ...statement }) }),
    ];
}

const USER = "0a0a0a0a-1111-4222-8333-944445555666";
const rg = r("azure-native:resources:ResourceGroup", "phi-rg", { resourceGroupName: "phi-rg" });
const inRg = (type: string, name: string, props: Record<string, Plain> = {}) => r(type, name, { resourceGroupName: UNKNOWN, ...props }, { resourceGroupName: [rg.urn] });
/** A role assignment to an Entra user, at the resource group or at one resource (its scope an output of that resource). */
const assign = (name: string, guid: string, scope: StackResource, principalId = USER, roleDefinitionId: Plain = `/providers/Microsoft.Authorization/roleDefinitions/${guid}`) =>
    r("azure-native:authorization:RoleAssignment", name, { scope: UNKNOWN, roleDefinitionId, principalId, principalType: "User" }, { scope: [scope.urn] });
const ROLES = {
    contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    eventHubsReceiver: "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
    serviceBusReceiver: "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
    redisContributor: "e0f68234-74aa-48ed-b826-c38b57376e17",
    fhirReader: "4c8d0bbc-75d3-4935-991f-5f3c56d81508",
    dicomReader: "e89c7a3c-2f64-4fa1-a847-3e4c9ba4283a",
    diskBackupReader: "3e5e47e6-65f7-47ef-90b5-e5dd4d455f24",
    blobReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
};
const user = `user ${USER}`;

describe("the access graph's stores: every PHI store of the catalogs", () => {
    it("knows the IAM services of every AWS store type, and a read action for each but those read outside IAM", () => {
        for (const type of AWS_PHI_STORES.canonical) {
            const services = awsStoreServices(type);
            assert.ok(services.length > 0 && services.every(isKnownService), `${type}: ${services.join(", ")}`);
            // DocumentDB shares the rds prefix, whose log-file downloads act on RDS DB instances (`:db:`), not on its clusters' data.
            const onInstancesOnly = (a: { resources: readonly string[] }) => a.resources.length > 0 && a.resources.every((t) => t.includes(":db:"));
            const reads = actionsWith("read-phi").filter((a) => services.includes(a.service) && !(AWS_STORES_READ_OUTSIDE_IAM.has(type) && onInstancesOnly(a)));
            assert.equal(reads.length > 0, !AWS_STORES_READ_OUTSIDE_IAM.has(type), `${type} read by ${reads.map((a) => a.action).join(", ") || "nothing"}`);
        }
    });

    it("knows what reads every Azure store kind, and draws every kind, the older four of AZ_PHI_STORES among them", () => {
        for (const { kind } of AZ_STORE_KINDS) {
            const reads = STORE_READS[kind];
            assert.ok(reads.data.length + reads.keys.length + reads.takeover.length > 0, kind);
        }
        assert.ok(AZ_PHI_STORES.canonical.every((t) => AZ_ALL_PHI_STORES.has(t)));
    });

    it("AWS streams and queues: a role reads a Kinesis stream and a Firehose named in its policy before their ARNs are known, and an SQS queue", () => {
        const stream = r("aws:kinesis/stream:Stream", "events", { name: "phi-events" });
        const firehose = r("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "delivery", { name: "phi-delivery" });
        const queue = r("aws:sqs/queue:Queue", "intake", { name: "phi-intake" });
        const g = graphOf(
            stream,
            firehose,
            queue,
            ...reader("consumer", { Action: ["kinesis:GetRecords", "kinesis:GetShardIterator"], Resource: "arn:aws:kinesis:us-east-1:111122223333:stream/phi-events" }),
            ...reader("rerouter", { Action: "firehose:UpdateDestination", Resource: "arn:aws:firehose:*:*:deliverystream/phi-*" }),
            ...reader("worker", { Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:*:111122223333:phi-intake" }),
        );
        assert.deepEqual(readChains(g, stream), [["consumer -> kinesis:GetRecords on events", false]]);
        assert.deepEqual(readChains(g, firehose), [["rerouter -> firehose:UpdateDestination on delivery", false]]);
        assert.deepEqual(readChains(g, queue), [["worker -> sqs:ReceiveMessage on intake", false]]);
    });

    it("AWS aws-native stores: a role reads a queue, a secret, a table and a bucket named in its policy before their ARNs are known, and the queue's and secret's resource policies let an outside account in", () => {
        const queue = r("aws-native:sqs:Queue", "intake", { queueName: "phi-intake" });
        const secretStore = r("aws-native:secretsmanager:Secret", "db", { name: "phi-db" });
        const table = r("aws-native:dynamodb:Table", "claims", { tableName: "phi-claims" });
        const bucketStore = r("aws-native:s3:Bucket", "scans", { bucketName: "phi-scans" });
        const outsider = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: ["sqs:ReceiveMessage", "secretsmanager:GetSecretValue"], Resource: "*" };
        const queuePolicy = r("aws-native:sqs:QueueInlinePolicy", "intake-policy", { queue: UNKNOWN, policyDocument: { Version: "2012-10-17", Statement: [outsider] } }, { queue: [queue.urn] });
        const secretPolicy = r("aws-native:secretsmanager:ResourcePolicy", "db-policy", { secretId: UNKNOWN, resourcePolicy: { Version: "2012-10-17", Statement: [outsider] } }, { secretId: [secretStore.urn] });
        const g = graphOf(
            queue,
            secretStore,
            table,
            bucketStore,
            queuePolicy,
            secretPolicy,
            ...reader("worker", {
                Action: ["sqs:ReceiveMessage", "secretsmanager:GetSecretValue", "dynamodb:GetItem", "s3:GetObject"],
                Resource: ["arn:aws:sqs:*:111122223333:phi-intake", "arn:aws:secretsmanager:us-east-1:111122223333:secret:phi-db-*", "arn:aws:dynamodb:us-east-1:111122223333:table/phi-claims", "arn:aws:s3:::phi-scans/*"],
            }),
        );
        assert.deepEqual(readChains(g, queue), [
            ["account 999988887777 -> sqs:ReceiveMessage on intake (resource policy)", false],
            ["worker -> sqs:ReceiveMessage on intake", false],
        ]);
        assert.deepEqual(readChains(g, secretStore), [
            ["account 999988887777 -> secretsmanager:GetSecretValue on db (resource policy)", false],
            ["worker -> secretsmanager:GetSecretValue on db", false],
        ]);
        assert.deepEqual(readChains(g, table), [["worker -> dynamodb:GetItem on claims", false]]);
        assert.deepEqual(readChains(g, bucketStore), [["worker -> s3:GetObject on scans", false]]);
    });

    it("AWS in-memory stores: a developer reads an ElastiCache replication group through the role it assumes, and a MemoryDB cluster by a service-wide pattern", () => {
        const cache = r("aws:elasticache/replicationGroup:ReplicationGroup", "sessions", { replicationGroupId: "phi-sessions" });
        const memory = r("aws:memorydb/cluster:Cluster", "ledger", { name: "phi-ledger" });
        const role = r("aws:iam/role:Role", "cache-ops", { name: "cache-ops", assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:user/dev" }, Action: "sts:AssumeRole" }) });
        const dev = r("aws:iam/user:User", "dev", { name: "dev", arn: "arn:aws:iam::111122223333:user/dev" });
        const connect = r("aws:iam/rolePolicy:RolePolicy", "connect", { role: "cache-ops", policy: doc({ Effect: "Allow", Action: "elasticache:Connect", Resource: "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:phi-sessions" }) });
        const g = graphOf(cache, memory, role, dev, connect, ...reader("ledger-reader", { Action: "memorydb:Connect", Resource: "arn:aws:memorydb:*:*:*" }));
        assert.deepEqual(readChains(g, cache), [
            ["cache-ops -> elasticache:Connect on sessions", false],
            ["dev -> assumes cache-ops -> elasticache:Connect on sessions", false],
        ]);
        assert.deepEqual(readChains(g, memory), [["ledger-reader -> memorydb:Connect on ledger", false]]);
    });

    it("AWS analytics and ML stores: Glue's catalog, an Athena workgroup, a SageMaker notebook and an OpenSearch domain, read by Resource * and by name", () => {
        const catalog = r("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", "catalog", { dataCatalogEncryptionSettings: {} });
        const workgroup = r("aws:athena/workgroup:Workgroup", "analysts", { name: "phi-analysts" });
        const notebook = r("aws:sagemaker/notebookInstance:NotebookInstance", "research", { name: "phi-research" });
        const domain = r("aws:opensearch/domain:Domain", "search", { domainName: "phi-search" });
        const g = graphOf(
            catalog,
            workgroup,
            notebook,
            domain,
            ...reader("glue-reader", { Action: "glue:GetConnection", Resource: ["arn:aws:glue:us-east-1:111122223333:catalog", "arn:aws:glue:us-east-1:111122223333:connection/*"] }),
            ...reader("analyst", { Action: ["athena:GetQueryResults", "sagemaker:CreatePresignedNotebookInstanceUrl", "es:ESHttpGet"], Resource: "*" }),
            ...reader("searcher", { Action: "es:ESHttpGet", Resource: "arn:aws:es:us-east-1:111122223333:domain/phi-search/*" }),
        );
        assert.deepEqual(readChains(g, catalog), [["glue-reader -> glue:GetConnection on catalog", false]]);
        assert.deepEqual(readChains(g, workgroup), [["analyst -> athena:GetQueryResults on analysts", false]]);
        assert.deepEqual(readChains(g, notebook), [["analyst -> sagemaker:CreatePresignedNotebookInstanceUrl on research", false]]);
        assert.deepEqual(readChains(g, domain), [
            ["analyst -> es:ESHttpGet on search", false],
            ["searcher -> es:ESHttpGet on search", false],
        ]);
    });

    it("AWS aws-native analytics stores: a Firehose stream, an Athena workgroup and the Glue catalog named in a policy before their ARNs are known", () => {
        const stream = r("aws-native:kinesisfirehose:DeliveryStream", "events", { deliveryStreamName: "phi-events", arn: UNKNOWN });
        const workgroup = r("aws-native:athena:WorkGroup", "analysts", { name: "phi-analysts" });
        const catalog = r("aws-native:glue:DataCatalogEncryptionSettings", "catalog", { catalogId: "111122223333", dataCatalogEncryptionSettings: {} });
        const g = graphOf(
            stream,
            workgroup,
            catalog,
            ...reader("analyst", {
                Action: ["firehose:UpdateDestination", "athena:GetQueryResults", "glue:GetConnection"],
                Resource: ["arn:aws:firehose:us-east-1:111122223333:deliverystream/phi-events", "arn:aws:athena:us-east-1:111122223333:workgroup/phi-analysts", "arn:aws:glue:us-east-1:111122223333:catalog"],
            }),
            ...reader("other", { Action: ["firehose:UpdateDestination", "athena:GetQueryResults"], Resource: ["arn:aws:firehose:us-east-1:111122223333:deliverystream/other", "arn:aws:athena:us-east-1:111122223333:workgroup/other"] }),
        );
        assert.deepEqual(readChains(g, stream), [["analyst -> firehose:UpdateDestination on events", false]]);
        assert.deepEqual(readChains(g, workgroup), [["analyst -> athena:GetQueryResults on analysts", false]]);
        assert.deepEqual(readChains(g, catalog), [["analyst -> glue:GetConnection on catalog", false]]);
        assert.deepEqual(g.stores().map((s) => s.urn), [stream.urn, workgroup.urn, catalog.urn]);
    });

    it("AWS aws-native streams, search, caches, vaults and notebooks are placed by their CloudFormation names, so a grant by exact ARN reaches them", () => {
        const stores = [
            r("aws-native:kinesis:Stream", "events", { name: "phi-events" }),
            r("aws-native:opensearchservice:Domain", "search", { domainName: "phi-search" }),
            r("aws-native:elasticache:ReplicationGroup", "sessions", { replicationGroupId: "phi-sessions" }),
            r("aws-native:memorydb:Cluster", "cache", { clusterName: "phi-cache" }),
            r("aws-native:backup:BackupVault", "vault", { backupVaultName: "phi-vault" }),
            r("aws-native:sagemaker:NotebookInstance", "research", { notebookInstanceName: "phi-research" }),
        ];
        const arns = [
            "arn:aws:kinesis:us-east-1:111122223333:stream/phi-events",
            "arn:aws:es:us-east-1:111122223333:domain/phi-search/*",
            "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:phi-sessions",
            "arn:aws:memorydb:us-east-1:111122223333:cluster/phi-cache",
            "arn:aws:backup:us-east-1:111122223333:backup-vault:phi-vault",
            "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/phi-research",
        ];
        const actions = ["kinesis:GetRecords", "es:ESHttpGet", "elasticache:Connect", "memorydb:Connect", "backup:StartRestoreJob", "sagemaker:CreatePresignedNotebookInstanceUrl"];
        const g = graphOf(...stores, ...reader("analyst", { Action: actions, Resource: arns }));
        assert.deepEqual(
            stores.map((s) => readChains(g, s)),
            stores.map((s, i) => [[`analyst -> ${actions[i]} on ${s.name}`, false]]),
        );
    });

    it("AWS Redshift: credentials for a database user or database of the cluster read it, by its saved ARN or its identifier; another cluster's do not", () => {
        const saved = r("aws:redshift/cluster:Cluster", "warehouse", { clusterIdentifier: "phi-warehouse", arn: "arn:aws:redshift:us-east-1:111122223333:cluster:phi-warehouse" });
        const planned = r("aws-native:redshift:Cluster", "native-warehouse", { clusterIdentifier: "phi-native" });
        const g = graphOf(
            saved,
            planned,
            ...reader("analyst", { Action: "redshift:GetClusterCredentials", Resource: "arn:aws:redshift:us-east-1:111122223333:dbuser:phi-warehouse/analyst" }),
            ...reader("loader", { Action: "redshift:GetClusterCredentialsWithIAM", Resource: "arn:aws:redshift:us-east-1:111122223333:dbname:phi-native/*" }),
            ...reader("elsewhere", { Action: "redshift:GetClusterCredentials", Resource: "arn:aws:redshift:us-east-1:111122223333:dbuser:reporting/*" }),
        );
        assert.deepEqual(readChains(g, saved), [["analyst -> redshift:GetClusterCredentials on warehouse", false]]);
        assert.deepEqual(readChains(g, planned), [["loader -> redshift:GetClusterCredentialsWithIAM on native-warehouse", false]]);
    });

    it("AWS: a read of a new store kind whose Resource is unknown at preview and built from two stores is drawn to each, unverified", () => {
        const stream = r("aws:kinesis/stream:Stream", "events", { name: "phi-events" });
        const other = r("aws:kinesis/stream:Stream", "audit", { name: "phi-audit" });
        const role = r("aws:iam/role:Role", "consumer", { name: "consumer", assumeRolePolicy: doc() });
        const policy = r("aws:iam/rolePolicy:RolePolicy", "either", { role: "consumer", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kinesis:GetRecords", Resource: UNKNOWN }] } }, { policy: [stream.urn, other.urn] });
        const g = graphOf(stream, other, role, policy);
        assert.deepEqual(readChains(g, stream), [["consumer -> kinesis:GetRecords on events", true]]);
    });

    it("Azure messaging: data receivers of an Event Hubs and a Service Bus namespace, and listKeys with Contributor inherited from the resource group", () => {
        const hub = inRg("azure-native:eventhub:Namespace", "phi-events");
        const bus = inRg("azure-native:servicebus:Namespace", "phi-orders");
        const g = graphOf(
            rg,
            hub,
            bus,
            assign("hub-receiver", ROLES.eventHubsReceiver, hub),
            assign("bus-receiver", ROLES.serviceBusReceiver, bus, "1b1b1b1b-1111-4222-8333-944445555666"),
            assign("ops", ROLES.contributor, rg, "2c2c2c2c-1111-4222-8333-944445555666"),
            // A Service Bus receiver reads no Event Hubs namespace.
            assign("bus-receiver-rg", ROLES.serviceBusReceiver, rg, "3d3d3d3d-1111-4222-8333-944445555666"),
        );
        assert.deepEqual(readChains(g, hub), [
            [`${user} -> Azure Event Hubs Data Receiver on phi-events`, false],
            ["user 2c2c2c2c-1111-4222-8333-944445555666 -> listKeys with Contributor on phi-events (inherited from resource group phi-rg)", false],
        ]);
        assert.deepEqual(readChains(g, bus), [
            ["user 1b1b1b1b-1111-4222-8333-944445555666 -> Azure Service Bus Data Receiver on phi-orders", false],
            ["user 2c2c2c2c-1111-4222-8333-944445555666 -> listKeys with Contributor on phi-orders (inherited from resource group phi-rg)", false],
            ["user 3d3d3d3d-1111-4222-8333-944445555666 -> Azure Service Bus Data Receiver on phi-orders (inherited from resource group phi-rg)", false],
        ]);
    });

    it("Azure caches and disks: Redis Cache Contributor lists a cache's keys, Disk Backup Reader exports a disk by SAS, and a role unknown at preview reads unverified", () => {
        const cache = inRg("azure-native:redis:Redis", "phi-sessions");
        const disk = inRg("azure-native:compute:Disk", "phi-scratch");
        const g = graphOf(rg, cache, disk, assign("cache-admin", ROLES.redisContributor, cache), assign("backup", ROLES.diskBackupReader, disk), assign("later", "", disk, "4e4e4e4e-1111-4222-8333-944445555666", UNKNOWN));
        assert.deepEqual(readChains(g, cache), [[`${user} -> listKeys with Redis Cache Contributor on phi-sessions`, false]]);
        assert.deepEqual(readChains(g, disk), [
            [`${user} -> beginGetAccess (a SAS to export it) with Disk Backup Reader on phi-scratch`, false],
            ["user 4e4e4e4e-1111-4222-8333-944445555666 -> a role unknown at preview on phi-scratch", true],
        ]);
    });

    it("Azure MariaDB and Redis Enterprise: Contributor resets a MariaDB admin password and lists a Redis Enterprise database's keys (any token version); Redis Cache Contributor reaches no Enterprise cluster", () => {
        const maria = inRg("azure-native:dbformariadb/v20180601:Server", "phi-maria");
        const enterprise = inRg("azure-native:redisenterprise:RedisEnterprise", "phi-amr");
        const legacy = inRg("azure-native:cache/v20230701:RedisEnterprise", "phi-ent");
        const g = graphOf(rg, maria, enterprise, legacy, assign("dba", ROLES.contributor, rg), assign("cache-admin", ROLES.redisContributor, rg, "7b7b7b7b-1111-4222-8333-944445555666"));
        assert.deepEqual(readChains(g, maria), [[`${user} -> admin password reset with Contributor on phi-maria (inherited from resource group phi-rg)`, false]]);
        for (const store of [enterprise, legacy]) assert.deepEqual(readChains(g, store), [[`${user} -> listKeys with Contributor on ${store.name} (inherited from resource group phi-rg)`, false]]);
    });

    it("Azure health data: FHIR Data Reader reads Azure API for FHIR and a FHIR service from the resource group, and DICOM Data Reader only the DICOM service", () => {
        const api = inRg("azure-native:healthcareapis:Service", "phi-fhir-api");
        const fhir = inRg("azure-native:healthcareapis:FhirService", "phi-fhir");
        const dicom = inRg("azure-native:healthcareapis:DicomService", "phi-dicom");
        const g = graphOf(rg, api, fhir, dicom, assign("clinicians", ROLES.fhirReader, rg), assign("radiology", ROLES.dicomReader, rg, "5f5f5f5f-1111-4222-8333-944445555666"));
        assert.deepEqual(readChains(g, api), [[`${user} -> FHIR Data Reader on phi-fhir-api (inherited from resource group phi-rg)`, false]]);
        assert.deepEqual(readChains(g, fhir), [[`${user} -> FHIR Data Reader on phi-fhir (inherited from resource group phi-rg)`, false]]);
        assert.deepEqual(readChains(g, dicom), [["user 5f5f5f5f-1111-4222-8333-944445555666 -> DICOM Data Reader on phi-dicom (inherited from resource group phi-rg)", false]]);
    });

    it("Azure databases: Contributor reaches PostgreSQL (flexible and single server), MySQL and Synapse by resetting the admin password; a blob reader reaches none of them", () => {
        const pg = inRg("azure-native:dbforpostgresql:Server", "phi-pg");
        const mysql = inRg("azure-native:dbformysql:Server", "phi-mysql");
        const synapse = inRg("azure-native:synapse:Workspace", "phi-analytics");
        const single = inRg("azure-native:dbforpostgresql:SingleServer", "phi-pg-single");
        const g = graphOf(rg, pg, mysql, synapse, single, assign("dba", ROLES.contributor, rg), assign("blob", ROLES.blobReader, rg, "6a6a6a6a-1111-4222-8333-944445555666"));
        for (const store of [pg, mysql, synapse, single]) {
            assert.deepEqual(readChains(g, store), [[`${user} -> admin password reset with Contributor on ${store.name} (inherited from resource group phi-rg)`, false]]);
            assert.deepEqual(g.pathsTo(store.urn, "write").map(chain), [`${user} -> Contributor on ${store.name} (inherited from resource group phi-rg)`]);
        }
    });
});

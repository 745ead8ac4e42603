// Data stores beyond buckets and databases, and the paths PHI travels to them. Each violating
// resource is otherwise hardened, so that it triggers only the control its comment names;
// expected/aws-stores.json lists the findings.
import * as aws from "@pulumi/aws";

const phi = { "data-classification": "phi" };
const storesKey = new aws.kms.Key("stores", { description: "Encrypts the sample stream, cache and warehouse stores", enableKeyRotation: true, deletionWindowInDays: 30 });

// aws-datastore-cmk: a Kinesis stream left at encryptionType NONE, its default (not encrypted).
new aws.kinesis.Stream("claims-events", { shardCount: 1, retentionPeriod: 24, tags: phi });

// aws-datastore-cmk: a Redshift cluster encrypted (the default) with the AWS-managed key.
new aws.redshift.Cluster("claims-warehouse", {
    clusterIdentifier: "claims-warehouse",
    nodeType: "ra3.xlplus",
    masterUsername: "warehouse_admin",
    manageMasterPassword: true,
    publiclyAccessible: false,
    tags: phi,
});

// aws-datastore-cmk: a Redis replication group without at-rest encryption (off by default for redis).
new aws.elasticache.ReplicationGroup("sessions-cache", {
    description: "Session cache",
    engine: "redis",
    nodeType: "cache.t4g.small",
    numCacheClusters: 2,
    transitEncryptionEnabled: true,
    tags: phi,
});

// aws-datastore-cmk: the Glue Data Catalog with encryption at rest disabled.
new aws.glue.DataCatalogEncryptionSettings("claims-catalog", {
    dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: "DISABLED" },
        connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: storesKey.arn },
    },
});

// aws-datastore-cmk: Athena query results encrypted with S3-managed keys (SSE_S3).
new aws.athena.Workgroup("claims-analysts", {
    configuration: {
        enforceWorkgroupConfiguration: true,
        resultConfiguration: { outputLocation: "s3://claims-athena-results/", encryptionConfiguration: { encryptionOption: "SSE_S3" } },
    },
    tags: phi,
});

// aws-datastore-cmk: a SageMaker notebook whose volume gets the AWS-managed key.
new aws.sagemaker.NotebookInstance("claims-notebook", {
    instanceType: "ml.t3.medium",
    roleArn: "arn:aws:iam::111122223333:role/claims-notebook",
    directInternetAccess: "Disabled",
    subnetId: "subnet-0a1b2c3d4e5f60718",
    securityGroups: ["sg-0a1b2c3d4e5f60718"],
    tags: phi,
});

// aws-transit-encryption: a search domain whose nodes talk to each other in clear text.
new aws.opensearch.Domain("claims-search", {
    engineVersion: "OpenSearch_2.13",
    clusterConfig: { instanceType: "r6g.large.search", instanceCount: 2 },
    ebsOptions: { ebsEnabled: true, volumeSize: 20 },
    encryptAtRest: { enabled: true, kmsKeyId: storesKey.arn },
    nodeToNodeEncryption: { enabled: false },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    tags: phi,
});

// aws-transit-encryption: a Valkey cache that still accepts plain connections (mode "preferred").
new aws.elasticache.ReplicationGroup("claims-cache", {
    description: "Claims cache",
    engine: "valkey",
    nodeType: "cache.t4g.small",
    numCacheClusters: 2,
    atRestEncryptionEnabled: true,
    kmsKeyId: storesKey.arn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: "preferred",
    tags: phi,
});

// aws-transit-encryption: an HTTP listener that forwards to the portal instead of redirecting to HTTPS.
const portalLb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/claims-portal/50dc6c495c0c9188";
const portalTargets = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/claims-portal/73e2d6bc24d8a067";
new aws.lb.Listener("claims-portal-http", { loadBalancerArn: portalLb, port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: portalTargets }], tags: phi });

// aws-transit-encryption: an HTTP listener that redirects to HTTPS, and a rule that forwards API calls past the redirect.
const apiLb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/claims-api/6d0ecf831eec9f09";
const apiTargets = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/claims-api/9683b2d02a6cabee";
const apiHttp = new aws.lb.Listener("claims-api-http", {
    loadBalancerArn: apiLb,
    port: 80,
    protocol: "HTTP",
    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    tags: phi,
});
new aws.lb.ListenerRule("claims-api-plain", {
    listenerArn: apiHttp.arn,
    priority: 10,
    conditions: [{ pathPattern: { values: ["/api/*"] } }],
    actions: [{ type: "forward", targetGroupArn: apiTargets }],
    tags: phi,
});

// aws-transit-encryption: a PostgreSQL parameter group that does not force SSL.
new aws.rds.ParameterGroup("claims-db-params", { family: "postgres16", parameters: [{ name: "log_connections", value: "1" }], tags: phi });

// aws-transit-encryption: a Redshift parameter group that turns require_ssl off.
new aws.redshift.ParameterGroup("claims-warehouse-params", { family: "redshift-2.0", parameters: [{ name: "require_ssl", value: "false" }], tags: phi });

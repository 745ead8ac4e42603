// Hardened streams, caches, catalogs, warehouses and the paths PHI travels to them: each store is
// encrypted with a customer-managed key and accepts only TLS 1.2.
import * as aws from "@pulumi/aws";
import { phiKey } from "./foundation";

const phi = { "data-classification": "phi" };

new aws.kinesis.Stream("claims-events", { shardCount: 1, retentionPeriod: 24, encryptionType: "KMS", kmsKeyId: phiKey.arn, tags: phi });

new aws.redshift.Cluster("claims-warehouse", {
    clusterIdentifier: "claims-warehouse",
    nodeType: "ra3.xlplus",
    masterUsername: "warehouse_admin",
    manageMasterPassword: true,
    publiclyAccessible: false,
    encrypted: "true",
    kmsKeyId: phiKey.arn,
    clusterParameterGroupName: "claims-warehouse-params",
    tags: phi,
});
new aws.redshift.ParameterGroup("claims-warehouse-params", { name: "claims-warehouse-params", family: "redshift-2.0", parameters: [{ name: "require_ssl", value: "true" }], tags: phi });

new aws.elasticache.ReplicationGroup("sessions-cache", {
    description: "Session cache",
    engine: "valkey",
    nodeType: "cache.t4g.small",
    numCacheClusters: 2,
    atRestEncryptionEnabled: true,
    kmsKeyId: phiKey.arn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    tags: phi,
});

new aws.glue.DataCatalogEncryptionSettings("claims-catalog", {
    dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: phiKey.arn },
        connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: phiKey.arn },
    },
});

new aws.athena.Workgroup("claims-analysts", {
    configuration: {
        enforceWorkgroupConfiguration: true,
        resultConfiguration: { outputLocation: "s3://claims-athena-results/", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: phiKey.arn } },
    },
    tags: phi,
});

new aws.sagemaker.NotebookInstance("claims-notebook", {
    instanceType: "ml.t3.medium",
    roleArn: "arn:aws:iam::111122223333:role/claims-notebook",
    directInternetAccess: "Disabled",
    subnetId: "subnet-0a1b2c3d4e5f60718",
    securityGroups: ["sg-0a1b2c3d4e5f60718"],
    kmsKeyId: phiKey.arn,
    tags: phi,
});

new aws.opensearch.Domain("claims-search", {
    engineVersion: "OpenSearch_2.13",
    clusterConfig: { instanceType: "r6g.large.search", instanceCount: 2 },
    ebsOptions: { ebsEnabled: true, volumeSize: 20 },
    encryptAtRest: { enabled: true, kmsKeyId: phiKey.arn },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    tags: phi,
});

// The portal: HTTPS with a TLS 1.2 policy, and an HTTP listener that only redirects to it.
const portalLb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/claims-portal/50dc6c495c0c9188";
const portalTargets = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/claims-portal/73e2d6bc24d8a067";
const portalHttps = new aws.lb.Listener("claims-portal-https", {
    loadBalancerArn: portalLb,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/9f1c2e1a-6c1e-4c8e-9d51-1a0c7c3f2b11",
    defaultActions: [{ type: "forward", targetGroupArn: portalTargets }],
    tags: phi,
});
new aws.lb.ListenerRule("claims-portal-api", {
    listenerArn: portalHttps.arn,
    priority: 10,
    conditions: [{ pathPattern: { values: ["/api/*"] } }],
    actions: [{ type: "forward", targetGroupArn: portalTargets }],
    tags: phi,
});
new aws.lb.Listener("claims-portal-http", {
    loadBalancerArn: portalLb,
    port: 80,
    protocol: "HTTP",
    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    tags: phi,
});

new aws.rds.ParameterGroup("claims-db-params", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }], tags: phi });
new aws.rds.ClusterParameterGroup("claims-aurora-params", { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }], tags: phi });

import type { EngineResource } from "../../engine/resource";
import { doc, resource, stackOf, UNKNOWN as UNKNOWN_WIRE_VALUE } from "./build";

/**
 * Synthetic but realistic stacks for the benchmark: each unit is a small PHI workload on AWS and
 * on Azure, with the companion resources, policies and role assignments that the cross-resource
 * checks join, linked by URN the way a preview links them (ids unknown, propertyDependencies set).
 */

function awsUnit(i: number): EngineResource[] {
    const key = resource("aws:kms/key:Key", `key-${i}`, { enableKeyRotation: true, deletionWindowInDays: 30, description: "phi" });
    const bucket = resource("aws:s3/bucket:Bucket", `records-${i}`, { tags: { "data-classification": "phi", team: `t${i % 7}` } });
    const vpc = resource("aws:ec2/vpc:Vpc", `vpc-${i}`, { cidrBlock: "10.0.0.0/16", enableDnsSupport: true });
    const role = resource("aws:iam/role:Role", `app-${i}`, {
        assumeRolePolicy: doc([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]),
        maxSessionDuration: 3600,
        permissionsBoundary: "arn:aws:iam::111122223333:policy/boundary",
        tags: { justification: "app runtime", ticket: `SEC-${i}`, owner: "platform" },
    });
    const policy = resource("aws:iam/policy:Policy", `reader-${i}`, {
        policy: doc([
            { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [UNKNOWN_WIRE_VALUE] },
            { Effect: i % 10 === 0 ? "Allow" : "Deny", Action: "*", Resource: "*" },
        ]),
    });
    return [
        key,
        bucket,
        resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `records-${i}-sse`, {
            bucket: UNKNOWN_WIRE_VALUE,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: i % 9 === 0 ? "AES256" : "aws:kms", kmsMasterKeyId: UNKNOWN_WIRE_VALUE } }],
        }, { bucket: [bucket.urn], rules: [key.urn] }),
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `records-${i}-pab`, {
            bucket: UNKNOWN_WIRE_VALUE, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }, { bucket: [bucket.urn] }),
        resource("aws:s3/bucketVersioning:BucketVersioning", `records-${i}-versioning`, { bucket: UNKNOWN_WIRE_VALUE, versioningConfiguration: { status: "Enabled" } }, { bucket: [bucket.urn] }),
        role,
        policy,
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `app-${i}-reader`, { role: UNKNOWN_WIRE_VALUE, policyArn: UNKNOWN_WIRE_VALUE }, { role: [role.urn], policyArn: [policy.urn] }),
        resource("aws:lambda/function:Function", `fn-${i}`, { role: UNKNOWN_WIRE_VALUE, runtime: "nodejs20.x", handler: "index.handler", environment: { variables: { TABLE: `t-${i}` } } }, { role: [role.urn] }),
        vpc,
        resource("aws:ec2/flowLog:FlowLog", `vpc-${i}-flow`, { vpcId: UNKNOWN_WIRE_VALUE, trafficType: "ALL", logDestinationType: "cloud-watch-logs" }, { vpcId: [vpc.urn] }),
        resource("aws:ec2/securityGroup:SecurityGroup", `sg-${i}`, {
            vpcId: UNKNOWN_WIRE_VALUE,
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [i % 8 === 0 ? "0.0.0.0/0" : "10.0.0.0/16"] }],
        }, { vpcId: [vpc.urn] }),
        resource("aws:cloudwatch/logGroup:LogGroup", `logs-${i}`, { retentionInDays: 2192, kmsKeyId: UNKNOWN_WIRE_VALUE }, { kmsKeyId: [key.urn] }),
    ];
}

function azureUnit(i: number): EngineResource[] {
    const rg = resource("azure-native:resources:ResourceGroup", `rg-${i}`, { location: "eastus", tags: { "data-classification": "phi" } });
    const account = resource("azure-native:storage:StorageAccount", `st${i}`, {
        resourceGroupName: UNKNOWN_WIRE_VALUE,
        kind: "StorageV2",
        sku: { name: "Standard_GRS" },
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        minimumTlsVersion: "TLS1_2",
        publicNetworkAccess: "Disabled",
        encryption: { keySource: "Microsoft.Keyvault", requireInfrastructureEncryption: true, keyVaultProperties: { keyName: "k", keyVaultUri: UNKNOWN_WIRE_VALUE } },
    }, { resourceGroupName: [rg.urn] });
    return [
        rg,
        account,
        resource("azure-native:authorization:RoleAssignment", `reader-${i}`, {
            principalId: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
            principalType: "Group",
            roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
            scope: i % 11 === 0 ? "/subscriptions/00000000-0000-0000-0000-000000000000" : UNKNOWN_WIRE_VALUE,
            description: `ticket SEC-${i}`,
        }, i % 11 === 0 ? {} : { scope: [rg.urn] }),
        resource("azure-native:network:NetworkSecurityGroup", `nsg-${i}`, {
            resourceGroupName: UNKNOWN_WIRE_VALUE,
            securityRules: [
                { name: "storage-out", priority: 100, direction: "Outbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "VirtualNetwork", sourcePortRange: "*", destinationAddressPrefix: "Storage", destinationPortRange: "443" },
                { name: "deny-internet", priority: 4000, direction: "Outbound", access: "Deny", protocol: "*", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "Internet", destinationPortRange: "*" },
            ],
        }, { resourceGroupName: [rg.urn] }),
        resource("azure-native:insights:DiagnosticSetting", `st${i}-diag`, {
            resourceUri: UNKNOWN_WIRE_VALUE,
            workspaceId: UNKNOWN_WIRE_VALUE,
            logs: [{ categoryGroup: "audit", enabled: true }],
        }, { resourceUri: [account.urn] }),
    ];
}

/** A stack of `size` resources; `awsOnly` keeps the AWS part (for AWS-only peers). */
export function syntheticStack(size: number, awsOnly = false): EngineResource[] {
    return stackOf(size, (i) => (awsOnly ? awsUnit(i) : [...awsUnit(i), ...azureUnit(i)]));
}

export const isAws = (r: EngineResource) => r.type.startsWith("aws:");

import type { EngineResource } from "../../engine/resource";

/**
 * A stack where every resource violates several controls at once, as a legacy estate does on its
 * first roll-out: public, unencrypted buckets; roles with inline administrator policies; security
 * groups open to the internet both ways; Owner assignments at subscription scope; weak storage
 * accounts. It measures the largest response the pack sends (the Pulumi CLI accepts 4 MiB).
 */
const STACK = "legacy";
const PROJECT = "estate";
const ADMIN = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] });
const OWNER = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

const KINDS: [string, (i: number) => Record<string, unknown>][] = [
    ["aws:s3/bucket:Bucket", () => ({ acl: "public-read", tags: { "data-classification": "phi" } })],
    ["aws:iam/role:Role", () => ({ assumeRolePolicy: TRUST, maxSessionDuration: 43200, inlinePolicies: [{ name: "admin", policy: ADMIN }] })],
    [
        "aws:ec2/securityGroup:SecurityGroup",
        () => ({
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        }),
    ],
    [
        "azure-native:authorization:RoleAssignment",
        (i) => ({ principalId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, principalType: "User", roleDefinitionId: OWNER, scope: "/subscriptions/00000000-0000-0000-0000-000000000000" }),
    ],
    [
        "azure-native:storage:StorageAccount",
        () => ({ kind: "StorageV2", allowBlobPublicAccess: true, allowSharedKeyAccess: true, minimumTlsVersion: "TLS1_0", enableHttpsTrafficOnly: false, publicNetworkAccess: "Enabled" }),
    ],
];

export function everyViolationStack(size: number): EngineResource[] {
    return Array.from({ length: size }, (_, i) => {
        const [type, props] = KINDS[i % KINDS.length];
        const name = `legacy-${type.split(":").pop()!.toLowerCase()}-${i}`;
        const inputs = props(i);
        return { type, name, urn: `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`, custom: true, inputs, outputs: inputs, dependencies: [], propertyDependencies: {} };
    });
}

import { strict as assert } from "assert";
import * as path from "path";
import { analyzeEach, Diagnostic, PackProcess } from "../../engine/driver";
import type { EngineResource } from "../../engine/resource";
import { unknown } from "../harness";
import { actualFindings, capturedSample, expectedFindings, SAMPLE_STACKS, sampleConfig } from "../samples";

/**
 * When each policy runs, driven over the Analyzer protocol against the built pack. Analyze is what
 * the engine calls before each resource's step (a mandatory finding stops that step, in preview and
 * during `pulumi up`, `--skip-preview` included); AnalyzeStack runs once after every step.
 */
const ROOT = path.resolve(__dirname, "../..");
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const OWNER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const ADMIN = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

function res(type: string, name: string, inputs: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): EngineResource {
    return { type, name, urn: `urn:pulumi:prod::p::${type}::${name}`, custom: true, inputs, outputs: inputs, dependencies: Object.values(propertyDependencies).flat(), propertyDependencies };
}

const mandatory = (ds: { policyName: string; enforcementLevel: string }[]) => ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName).sort();

/**
 * What a resource's own properties decide, Analyze reports alone: in a preview (dryRun true, values
 * computed in the same update unknown) and during the update itself (dryRun false, every input
 * known), which is all that runs under `pulumi up --skip-preview`.
 */
for (const dryRun of [true, false]) {
    describe(`what Analyze alone flags, ${dryRun ? "in a preview" : "during the update (`pulumi up --skip-preview`)"}`, function () {
        this.timeout(60_000);
        let pack: PackProcess;
        before(async () => {
            pack = await PackProcess.start(ROOT);
            await pack.configureStack({ project: "p", stack: "prod", dryRun });
            await pack.configure(await pack.info(), undefined);
        });
        after(async () => pack && (await pack.stop()));

        it("flags a subscription-scope Owner assignment in Analyze alone", async () => {
            const owner = res("azure-native:authorization:RoleAssignment", "ops-owner", { scope: SUB, principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: OWNER });
            const { diagnostics } = await pack.analyze(owner);
            // The missing justification is the assignment's own property too.
            assert.deepEqual(mandatory(diagnostics), ["az-grant-justification", "az-rbac-privileged-standing", "az-rbac-scope"]);
            assert.ok(diagnostics.every((d) => d.urn === owner.urn));
        });

        it("flags an admin inline policy in Analyze alone, on a role and as a RolePolicy", async () => {
            const role = res("aws:iam/role:Role", "ops", {
                assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
                permissionsBoundary: "arn:aws:iam::111122223333:policy/boundary",
                inlinePolicies: [{ name: "all", policy: ADMIN }],
                maxSessionDuration: 43200,
            });
            const rolePolicy = res("aws:iam/rolePolicy:RolePolicy", "ops-all", { role: "ops", policy: ADMIN });
            // The role's own properties also settle its session length, its missing justification and its segregation of duties;
            // the `*` on `*` statement is aws-iam-no-admin-statements' alone (one owner: the narrower IAM controls leave it).
            assert.deepEqual(mandatory((await pack.analyze(role)).diagnostics), [
                "aws-iam-grant-justification",
                "aws-iam-no-admin-statements",
                "aws-iam-session-duration",
                "aws-segregation-of-duties",
            ]);
            assert.ok(mandatory((await pack.analyze(rolePolicy)).diagnostics).includes("aws-iam-no-admin-statements"));
        });

        it("flags internet egress rules in Analyze alone", async () => {
            const sgRule = res("aws:ec2/securityGroupRule:SecurityGroupRule", "all-out", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], securityGroupId: dryRun ? unknown : "sg-0123456789abcdef0" });
            const nsgRule = res("azure-native:network:SecurityRule", "all-out", {
                direction: "Outbound", access: "Allow", protocol: "*", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "Internet", destinationPortRange: "*", priority: 100,
            });
            assert.deepEqual(mandatory((await pack.analyze(sgRule)).diagnostics), ["aws-sg-egress"]);
            assert.deepEqual(mandatory((await pack.analyze(nsgRule)).diagnostics), ["az-nsg-egress"]);
        });

        // Judgements that were stack policies before and need only the resource itself.
        const ownProperties: [string, EngineResource][] = [
            ["aws-s3-encryption-cmk", res("aws:s3/bucket:Bucket", "claims", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } })],
            ["aws-s3-encryption-cmk", res("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "claims-sse", { bucket: "claims", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })],
            ["aws-s3-public-access", res("aws:s3/bucketAclV2:BucketAclV2", "claims-acl", { bucket: "claims", acl: "public-read" })],
            ["aws-iam-no-user-credentials", res("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" })],
            ["aws-apigw-authorization", res("aws:apigatewayv2/route:Route", "connect", { apiId: "a1b2c3", routeKey: "$connect", authorizationType: "NONE" })],
            ["az-storage-public", res("azure-native:storage:StorageAccount", "phidata", { allowBlobPublicAccess: true, allowSharedKeyAccess: false, networkRuleSet: { defaultAction: "Deny" } })],
        ];
        for (const [control, resource] of ownProperties) {
            it(`${control}: flags ${resource.type} by its own properties in Analyze alone`, async () => {
                assert.ok(mandatory((await pack.analyze(resource)).diagnostics).includes(control));
            });
        }
    });
}

describe("when each policy runs, over the engine protocol", function () {
    this.timeout(60_000);
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start(ROOT);
        await pack.configureStack({ project: "p", stack: "prod", dryRun: true });
        await pack.configure(await pack.info(), undefined);
    });
    after(async () => pack && (await pack.stop()));

    it("runs a control's stack part only in AnalyzeStack: a scope unknown at preview, taken from a subscription", async () => {
        const sub = res("azure-native:subscription:Alias", "phi-sub", { workload: "Production" });
        const assignment = res("azure-native:authorization:RoleAssignment", "reader", { scope: unknown, principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7` }, { scope: [sub.urn] });
        const analyzed = await pack.analyze(assignment);
        assert.equal(analyzed.diagnostics.filter((d) => d.policyName === "az-rbac-scope").length, 0, "Analyze leaves the unknown scope to the stack, without a could-not-verify");
        const stack = await pack.analyzeStack([sub, assignment]);
        const found = stack.diagnostics.filter((d) => d.policyName === "az-rbac-scope");
        assert.deepEqual(found.map((d) => [d.enforcementLevel, d.urn]), [["mandatory", assignment.urn]]);
        assert.match(found[0].message, /assigned at subscription scope/);
    });

    it("does not report again in AnalyzeStack what Analyze reported", async () => {
        const owner = res("azure-native:authorization:RoleAssignment", "ops-owner", { scope: SUB, principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: OWNER });
        assert.deepEqual(mandatory((await pack.analyze(owner)).diagnostics), ["az-grant-justification", "az-rbac-privileged-standing", "az-rbac-scope"]);
        const stack = await pack.analyzeStack([owner]);
        assert.deepEqual(stack.diagnostics.filter((d) => ["az-rbac-scope", "az-rbac-privileged-standing"].includes(d.policyName)), []);
    });

    it("reports a control with both parts as a resource policy, and a join-only control as a stack policy", async () => {
        const types = new Map((await pack.info()).policies.map((p) => [p.name, p.type]));
        assert.equal(types.get("az-rbac-scope"), "resource");
        assert.equal(types.get("aws-s3-encryption-cmk"), "resource");
        assert.equal(types.get("aws-vpc-flow-logs"), "stack");
    });

    it("judges coverage only in AnalyzeStack: a VPC without a flow log", async () => {
        const vpc = res("aws:ec2/vpc:Vpc", "phi", { cidrBlock: "10.0.0.0/16" });
        assert.deepEqual((await pack.analyze(vpc)).diagnostics.filter((d) => d.policyName === "aws-vpc-flow-logs"), []);
        const stack = await pack.analyzeStack([vpc]);
        assert.deepEqual(stack.diagnostics.filter((d) => d.policyName === "aws-vpc-flow-logs").map((d) => d.urn), [vpc.urn]);
    });

    describe("what Analyze left open is judged from the outputs, which can say more than the inputs", () => {
        it("a bucket whose default encryption only the provider's outputs show", async () => {
            const inputs = { bucket: "claims", tags: { "data-classification": "phi" } };
            const bucket = { ...res("aws:s3/bucket:Bucket", "claims", inputs), outputs: { ...inputs, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } } };
            assert.deepEqual((await pack.analyze(bucket)).diagnostics.filter((d) => d.policyName === "aws-s3-encryption-cmk"), []);
            const found = (await pack.analyzeStack([bucket])).diagnostics.filter((d) => d.policyName === "aws-s3-encryption-cmk");
            assert.deepEqual(found.map((d) => d.urn), [bucket.urn]);
            assert.match(found[0].message, /does not use SSE-KMS .* at serverSideEncryptionConfiguration\.rule\.applyServerSideEncryptionByDefault\.sseAlgorithm/);
        });

        it("a role whose outputs list the administrator policy an attachment gave it", async () => {
            const trust = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
            const inputs = { name: "ops", assumeRolePolicy: trust, maxSessionDuration: 43200 };
            const role = { ...res("aws:iam/role:Role", "ops", inputs), outputs: { ...inputs, managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } };
            const attachment = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ops-admin", { role: "ops", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
            assert.deepEqual((await pack.analyze(role)).diagnostics.filter((d) => d.policyName === "aws-iam-session-duration"), []);
            const found = (await pack.analyzeStack([role, attachment])).diagnostics.filter((d) => d.policyName === "aws-iam-session-duration");
            assert.deepEqual(found.map((d) => d.urn), [role.urn]);
        });
    });
});

/**
 * The sample stacks as `pulumi up --skip-preview` runs the pack: Analyze before each resource's step
 * (dryRun false), then AnalyzeStack after every step. Their findings are the expected ones, none is
 * reported by both, and only these wait for AnalyzeStack, each a join or coverage: a bucket with
 * no companion resource (encryption configuration, public access block, TLS-only policy,
 * versioning, logging), a store no trail, review, lock, flow log, private endpoint or diagnostic
 * setting covers, rights a principal gets through other resources, a log group or container judged
 * by what writes to it, and settings another resource can override. The samples are captured with
 * mocks in preview mode, so values computed in the same update stay unknown in their inputs; the
 * cases above give such values known.
 */
const AFTER_EVERY_STEP: Record<string, string[]> = {
    "aws-violations": [
        "aws-access-external-reach aws:iam/role:Role::vendor-audit",
        "aws-access-human-readers aws:s3/bucket:Bucket::records-aes256",
        "aws-access-transitive-duties aws:iam/role:Role::deploy-role",
        "aws-apigw-access-logging aws:apigatewayv2/stage:Stage::open-records-http-default",
        "aws-apigw-authorization aws:apigatewayv2/route:Route::open-records-http-get",
        "aws-cloudtrail-coverage aws-native:s3:Bucket::native-aes256",
        "aws-cloudtrail-coverage aws-native:s3:Bucket::native-half-blocked",
        "aws-cloudtrail-coverage aws-native:s3:Bucket::native-public-read",
        "aws-cloudtrail-coverage aws-native:s3:Bucket::native-unversioned",
        "aws-cloudtrail-coverage aws:s3/bucket:Bucket::claims-untraced",
        "aws-cloudtrail-coverage aws:s3/bucket:Bucket::records-aes256",
        "aws-cloudtrail-coverage aws:s3/bucket:Bucket::scratch-unencrypted",
        "aws-cloudtrail-immutable-store aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration::data-trail-governance-lock",
        "aws-exfil-egress-paths aws:ec2/vpcEndpoint:VpcEndpoint::rejects-only-s3",
        "aws-exfil-external-access aws-native:secretsmanager:ResourcePolicy::native-db-secret-policy",
        "aws-exfil-external-access aws:iam/role:Role::partner-etl",
        "aws-exfil-external-access aws:kms/grant:Grant::records-key-partner",
        "aws-exfil-log-shipping aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter::app-logs-to-partner",
        "aws-exfil-replication aws:s3/bucketReplicationConfig:BucketReplicationConfig::records-to-partner",
        "aws-exfil-shared-snapshots aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission::worker-disk-share",
        "aws-iam-grant-justification aws:iam/role:Role::claims-analyst",
        "aws-iam-grant-justification aws:iam/role:Role::contractor-reader",
        "aws-iam-no-admin-attachments aws:iam/rolePolicyAttachment:RolePolicyAttachment::ops-role-admin",
        "aws-iam-no-admin-attachments aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment::sso-admins-admin",
        "aws-iam-session-duration aws:ssoadmin/permissionSet:PermissionSet::sso-admins",
        "aws-lambda-role-scope aws-native:lambda:Function::native-broad-fn",
        "aws-lambda-role-scope aws:lambda/function:Function::report-export",
        "aws-s3-encryption-cmk aws:s3/bucket:Bucket::scratch-unencrypted",
        "aws-s3-public-access aws:s3/bucket:Bucket::claims-unblocked",
        "aws-s3-public-access aws:s3/bucket:Bucket::records-aes256",
        "aws-s3-public-access aws:s3/bucket:Bucket::scratch-unencrypted",
        "aws-s3-tls-only aws:s3/bucket:Bucket::claims-plain-http",
        "aws-s3-tls-only aws:s3/bucket:Bucket::records-aes256",
        "aws-s3-tls-only aws:s3/bucket:Bucket::scratch-unencrypted",
        "aws-s3-versioning-logging aws-native:s3:Bucket::native-unversioned",
        "aws-s3-versioning-logging aws:s3/bucket:Bucket::claims-unversioned",
        "aws-s3-versioning-logging aws:s3/bucket:Bucket::records-aes256",
        "aws-s3-versioning-logging aws:s3/bucket:Bucket::records-aes256",
        "aws-s3-versioning-logging aws:s3/bucket:Bucket::scratch-unencrypted",
        "aws-s3-versioning-logging aws:s3/bucket:Bucket::scratch-unencrypted",
        "aws-segregation-of-duties aws:iam/role:Role::ops-role",
        "aws-segregation-of-duties aws:iam/role:Role::release-engineer",
        "aws-segregation-of-duties aws:ssoadmin/permissionSet:PermissionSet::sso-admins",
        "aws-threat-detection aws:guardduty/detector:Detector::phi",
        "aws-threat-detection aws:s3/bucket:Bucket::records-aes256",
        "aws-threat-detection aws:s3/bucket:Bucket::records-aes256",
        "aws-threat-detection aws:s3/bucket:Bucket::records-aes256",
        "aws-transit-encryption aws:lb/listenerRule:ListenerRule::claims-api-plain",
        "aws-vpc-endpoints aws:ec2/vpc:Vpc::no-endpoints",
        "aws-vpc-flow-logs aws:ec2/flowLog:FlowLog::rejects-only",
    ],
    "azure-violations": [
        "az-access-external-reach azure-native:managedidentity:FederatedIdentityCredential::claims-api-partner-federation",
        "az-access-human-readers azure-native:storage:StorageAccount::phiaccessclaims",
        "az-access-reviews azure-native:authorization:RoleAssignment::ops-contributor-subscription",
        "az-access-reviews azure-native:resources:ResourceGroup::phi-data-violations",
        "az-access-reviews azure-native:resources:ResourceGroup::phi-network-violations",
        "az-access-reviews azure-native:resources:ResourceGroup::phi-unreviewed",
        "az-access-reviews azure-native:resources:ResourceGroup::phi-violations",
        "az-access-transitive-duties azure-native:authorization:RoleAssignment::app-developers-deploy",
        "az-app-auth azure-native:web:WebApp::api-no-auth",
        "az-datastore-public azure-native:redis:Redis::phi-sessions",
        "az-diagnostic-settings azure-native:storage:StorageAccount::phinoauditlogs",
        "az-exfil-access-tokens azure-native:keyvault:AccessPolicy::partner-unwrap",
        "az-exfil-log-shipping azure-native:monitor:DiagnosticSetting::phi-keys-offsite",
        "az-exfil-log-shipping azure-native:monitor:SubscriptionDiagnosticSetting::activity-log-offsite",
        "az-exfil-log-shipping azure-native:operationalinsights:DataExport::audit-export-partner",
        "az-exfil-replication azure-native:sql:FailoverGroup::claims-geo",
        "az-exfil-replication azure-native:storage:ObjectReplicationPolicy::claims-to-named-account",
        "az-exfil-replication azure-native:storage:ObjectReplicationPolicy::claims-to-partner",
        "az-flow-logs azure-native:network:NetworkSecurityGroup::app-nsg",
        "az-flow-logs azure-native:network:VirtualNetwork::unlogged-vnet",
        "az-identity-scope azure-native:authorization:RoleAssignment::claims-fn-contributor",
        "az-immutable-audit-logs azure-native:storage:BlobContainer::audit-exports",
        "az-immutable-audit-logs azure-native:storage:BlobContainerImmutabilityPolicy::activity-logs-one-year",
        "az-log-retention azure-native:operationalinsights:Workspace::phi-audit-30-days",
        "az-private-link azure-native:cosmosdb:DatabaseAccount::cosmos-no-endpoint",
        "az-private-link azure-native:cosmosdb:DatabaseAccount::phi-encounters",
        "az-rbac-deny-assignments azure-native:resources:ResourceGroup::phi-data-violations",
        "az-rbac-deny-assignments azure-native:resources:ResourceGroup::phi-network-violations",
        "az-rbac-deny-assignments azure-native:resources:ResourceGroup::phi-unlocked",
        "az-rbac-deny-assignments azure-native:resources:ResourceGroup::phi-violations",
        "az-segregation-of-duties azure-native:authorization:RoleAssignment::release-blob-reader",
        "az-sql-hardening azure-native:sql:Server::sql-legacy",
        "az-vm-exposure azure-native:compute:VirtualMachine::jump-vm",
        "az-vm-exposure azure-native:compute:VirtualMachineScaleSet::claims-batch-vmss",
    ],
};

describe("the sample stacks as `pulumi up --skip-preview` runs the pack", function () {
    this.timeout(180_000);
    for (const name of SAMPLE_STACKS) {
        it(`${name}: Analyze reports all but the joins and coverage that wait for AnalyzeStack, and nothing twice`, async () => {
            const resources = await capturedSample(name);
            const pack = await PackProcess.start(ROOT);
            try {
                await pack.configureStack({ project: name, stack: "dev", dryRun: false });
                await pack.configure(await pack.info(), sampleConfig(name));
                const each = await analyzeEach(pack, resources);
                const stack = await pack.analyzeStack(resources);
                const found = (diagnostics: Diagnostic[]) => actualFindings({ diagnostics }, resources);
                assert.deepEqual(found(stack.diagnostics), AFTER_EVERY_STEP[name] ?? []);
                assert.deepEqual(found([...each.diagnostics, ...stack.diagnostics]).sort(), expectedFindings(name));
                const inAnalyze = new Set(each.diagnostics.map((d) => `${d.policyName} ${d.urn} ${d.message}`));
                assert.deepEqual(stack.diagnostics.filter((d) => inAnalyze.has(`${d.policyName} ${d.urn} ${d.message}`)), []);
            } finally {
                await pack.stop();
            }
        });
    }
});

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { CheckContext, Control, ResourceInput, Violation } from "../policies/control";
import { isStackControl, readsStack } from "../policies/control";
import { configOptions, toPolicy } from "../policies/adapter";
import { withDefaults } from "../policies/lib/config";
import { isPhi } from "../policies/lib/phi-scope";
import { StackIndex, StackResource } from "../policies/lib/stack-index";
import { canonicalType } from "../policies/lib/type-tokens";
import { isObject, sharedSnapshot } from "../policies/lib/values";
import { controls } from "../policies/registry";
import { Settled } from "../policies/lib/settled";
import { PackSettings, SETTINGS_OPTIONS } from "../policies/settings";
import { SIG_KEY, UNKNOWN_WIRE_VALUE, type EngineResource } from "../engine/resource";
import { syntheticStack } from "../scripts/bench/synthetic";
import { proxied, urnOf } from "./harness";
import { capturedSample, SAMPLE_STACKS, STACKS_DIR } from "./samples";

/**
 * Where each judgement runs. Analyze runs per resource and a mandatory finding there stops the
 * resource's step; AnalyzeStack runs after every step. So every judgement that a resource's own
 * properties settle must be in a control's checkResource, and checkStack may hold only judgements
 * that other resources change.
 *
 * That is checked on a corpus (the sample stacks, copies of them with values made unknown as at
 * preview, the bench's synthetic stack, under each PHI scope): for every kind of finding a stack
 * part makes (control, resource type, property path, fail or could-not-verify), some resource of
 * the corpus must get a different outcome from the stack part in its stack than alone in a
 * one-resource stack. A kind of finding that never changes with the other resources reads one
 * resource and belongs in checkResource.
 */

interface Report {
    urn: string;
    key: string;
}

/** A property path without indices or quoted names, so that one kind of finding has one key. */
const shape = (at: string) => at.replace(/\[\d+\]/g, "[]").replace(/"[^"]*"/g, '"…"');

/** A context that records each report as its kind of finding; `typeOf` names the type of the resource a report concerns. */
function recorder(control: Control, settings: PackSettings, config: object, typeOf: (urn: string) => string, defaultUrn = ""): { ctx: CheckContext<any>; reports: Report[] } {
    const reports: Report[] = [];
    const record = (kind: string, at: string, urn = defaultUrn) => reports.push({ urn, key: `${control.id} | ${canonicalType(typeOf(urn))} | ${kind} | ${shape(at)}` });
    const ctx: CheckContext<any> = {
        config: withDefaults(configOptions(control), config),
        settings,
        stackTags: new Map(),
        isPhi: (r) => isPhi(r.props, new Map(), settings),
        phiFromStack: () => false,
        fail: (v: Violation) => record("fail", v.at, v.urn),
        unverified: (at: string, urn?: string) => record("unverified", at, urn),
        cannotTell: (at: string, _why: string, urn?: string) => record("unverified", at, urn),
    };
    return { ctx, reports };
}

function asStackResource(r: EngineResource, props: "inputs" | "outputs"): StackResource {
    const plain = sharedSnapshot(proxied(r[props]));
    return { type: r.type, name: r.name, urn: r.urn, props: isObject(plain) ? plain : {}, parent: r.parent, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies };
}

function runResourcePart(control: Control, r: StackResource, settings: PackSettings, config: object): Report[] {
    if (isStackControl(control) || !control.types.has(r.type)) return [];
    const { ctx, reports } = recorder(control, settings, config, () => r.type, r.urn);
    control.checkResource(r as ResourceInput, ctx);
    return reports;
}

/** One deployment: Analyze of each resource (its inputs), then the stack part (the outputs); what each part reports. */
function runParts(control: Control, inputs: StackResource[], outputs: StackResource[], settings: PackSettings, config: object): { analyze: Report[]; stack: Report[] } {
    Settled.forget();
    const analyze = inputs.flatMap((r) => runResourcePart(control, r, settings, config));
    const types = new Map(outputs.map((r) => [r.urn, r.type]));
    const { ctx, reports } = recorder(control, settings, config, (urn) => types.get(urn) ?? "?");
    control.checkStack!(new StackIndex(outputs), ctx);
    return { analyze, stack: reports };
}

/** A copy of a stack with some values unknown, as a preview sees values computed in the same update (seeded, so reproducible). */
function withUnknowns(resources: readonly EngineResource[], seed: number): EngineResource[] {
    let x = seed >>> 0;
    const next = () => ((x = (x * 1664525 + 1013904223) >>> 0) / 4294967296);
    const walk = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(walk);
        // The engine's own sentinel objects (secrets, resource references) stay whole.
        if (v && typeof v === "object") return SIG_KEY in v ? v : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
        return v === null || v === undefined || next() >= 0.12 ? v : UNKNOWN_WIRE_VALUE;
    };
    return resources.map((r) => {
        const inputs = walk(r.inputs) as Record<string, unknown>;
        return { ...r, inputs, outputs: inputs };
    });
}

interface Declared {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** Property -> the resources (by name) its value was built from, as a preview links them. */
    from?: Record<string, string[]>;
}

function declared(resources: Declared[]): EngineResource[] {
    const byName = new Map(resources.map((r) => [r.name, urnOf(r)]));
    return resources.map((r) => {
        const links = Object.fromEntries(Object.entries(r.from ?? {}).map(([prop, names]) => [prop, names.map((n) => byName.get(n)!)]));
        return { type: r.type, name: r.name, urn: urnOf(r), custom: true, inputs: r.props, outputs: r.props, dependencies: Object.values(links).flat(), propertyDependencies: links };
    });
}

const unknown = UNKNOWN_WIRE_VALUE;
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const OWNER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;

/**
 * Joins the sample stacks do not happen to contain: each stack shows a kind of finding that
 * another resource changes (in the stack it passes, alone it does not, or the other way round).
 */
/** An aws-native bucket's own encryption, public access block and logging, so that a witness shows only its versioning. */
const NATIVE_HARDENED = {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: unknown } }] },
    publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    loggingConfiguration: {},
};

const WITNESSES: Record<string, Declared[]> = {
    "aws-native buckets whose own versioning status a standalone BucketVersioning overrides": [
        { type: "aws-native:s3:Bucket", name: "native-suspended", props: { ...NATIVE_HARDENED, versioningConfiguration: { status: "Suspended" } } },
        { type: "aws:s3/bucketVersioning:BucketVersioning", name: "native-suspended-versioning", props: { bucket: unknown, versioningConfiguration: { status: "Enabled" } }, from: { bucket: ["native-suspended"] } },
        { type: "aws-native:s3:Bucket", name: "native-pending", props: { ...NATIVE_HARDENED, versioningConfiguration: { status: unknown } } },
        { type: "aws:s3/bucketVersioning:BucketVersioning", name: "native-pending-versioning", props: { bucket: unknown, versioningConfiguration: { status: "Enabled" } }, from: { bucket: ["native-pending"] } },
    ],
    "an aws-native role whose inline policy has an unknown action, and a managed policy of the stack that grants both duties": [
        { type: "aws-native:iam:Role", name: "native-pending-role", props: { assumeRolePolicyDocument: { Statement: [] }, policies: [{ policyName: "p", policyDocument: { Statement: [{ Effect: "Allow", Action: unknown, Resource: "*" }] } }] } },
        {
            type: "aws-native:iam:ManagedPolicy",
            name: "native-both-duties",
            props: { roles: [unknown], policyDocument: { Statement: [{ Effect: "Allow", Action: ["codecommit:GitPush", "s3:GetObject"], Resource: "*" }] } },
            from: { roles: ["native-pending-role"] },
        },
    ],
    "an S3 endpoint whose policy is a standalone VpcEndpointPolicy": [
        { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "s3-gateway", props: { vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" } },
        {
            type: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
            name: "s3-gateway-policy",
            props: { vpcEndpointId: unknown, policy: { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": "111122223333" } } }] } },
            from: { vpcEndpointId: ["s3-gateway"] },
        },
    ],
    "a WebSocket API's $default route needs no authorizer": [
        { type: "aws:apigatewayv2/api:Api", name: "ws", props: { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" } },
        { type: "aws:apigatewayv2/route:Route", name: "ws-default", props: { apiId: unknown, routeKey: "$default", authorizationType: "NONE" }, from: { apiId: ["ws"] } },
    ],
    "a bucket outside the tagged PHI scope: its companions are not judged": [
        { type: "aws:s3/bucket:Bucket", name: "public-site", props: { tags: { purpose: "website" } } },
        { type: "aws:s3/bucketAclV2:BucketAclV2", name: "public-site-acl", props: { bucket: unknown, acl: "public-read" }, from: { bucket: ["public-site"] } },
        { type: "aws:s3/bucketAclV2:BucketAclV2", name: "public-site-acl-pending", props: { bucket: unknown, acl: unknown }, from: { bucket: ["public-site"] } },
        { type: "aws:s3/bucketPolicy:BucketPolicy", name: "public-site-policy", props: { bucket: unknown, policy: { Statement: [{ Effect: unknown, Principal: "*", Action: "s3:GetObject", Resource: "*" }] } }, from: { bucket: ["public-site"] } },
        ...["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].map((flag, i) => ({
            type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            name: `public-site-pab-${i}`,
            props: { bucket: unknown, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, [flag]: unknown },
            from: { bucket: ["public-site"] },
        })),
    ],
    "a role definition id taken from a custom RoleDefinition of the stack": [
        { type: "azure-native:authorization:RoleDefinition", name: "ops-reader", props: { roleName: "ops reader", scope: `${SUB}/resourceGroups/ops`, permissions: [{ actions: ["Microsoft.Web/sites/read"] }] } },
        { type: "azure-native:authorization:RoleAssignment", name: "ops-reader-grant", props: { principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: unknown, scope: `${SUB}/resourceGroups/ops` }, from: { roleDefinitionId: ["ops-reader"] } },
    ],
    "an access review covers a privileged assignment on its resource group": [
        { type: "azure-native:authorization:RoleAssignment", name: "phi-owner", props: { principalId: "22222222-2222-2222-2222-222222222222", roleDefinitionId: OWNER, scope: `${SUB}/resourceGroups/phi` } },
        { type: "azure-native:authorization:ScopeAccessReviewScheduleDefinitionById", name: "phi-review", props: { scope: `${SUB}/resourceGroups/phi`, type: "absoluteMonthly", interval: 3, autoApplyDecisionsEnabled: true } },
    ],
    "a private endpoint connects to a Cosmos DB account": [
        { type: "azure-native:cosmosdb:DatabaseAccount", name: "cosmos", props: { publicNetworkAccess: "Disabled" } },
        { type: "azure-native:network:PrivateEndpoint", name: "cosmos-pe", props: { privateLinkServiceConnections: [{ privateLinkServiceId: unknown, groupIds: ["Sql"] }] }, from: { privateLinkServiceConnections: ["cosmos"] } },
    ],
    "Entra-only authentication, unknown on the server, set by a ServerAzureADOnlyAuthentication": [
        { type: "azure-native:sql:Server", name: "sql-pending", props: { minimalTlsVersion: "1.2", publicNetworkAccess: "Disabled", administrators: { azureADOnlyAuthentication: unknown } } },
        { type: "azure-native:sql:ServerAzureADOnlyAuthentication", name: "sql-pending-entra-only", props: { serverName: unknown, azureADOnlyAuthentication: true }, from: { serverName: ["sql-pending"] } },
    ],
    "exfiltration destinations taken from resources of the stack, placed in its subscription": [
        { type: "azure-native:sql:Server", name: "dr-sql", props: { minimalTlsVersion: "1.2", publicNetworkAccess: "Disabled" } },
        { type: "azure-native:sql:FailoverGroup", name: "fog", props: { serverName: "sql", partnerServers: [{ id: unknown }], readWriteEndpoint: { failoverPolicy: "Manual" } }, from: { partnerServers: ["dr-sql"] } },
        { type: "azure-native:operationalinsights:Workspace", name: "audit", props: { publicNetworkAccessForQuery: "Disabled" } },
        { type: "azure-native:insights:DiagnosticSetting", name: "audit-diag", props: { resourceUri: `${SUB}/resourceGroups/phi`, workspaceId: unknown, logs: [] }, from: { workspaceId: ["audit"] } },
        { type: "azure-native:storage:StorageAccount", name: "collector", props: { allowSharedKeyAccess: false, allowCrossTenantReplication: false } },
        { type: "azure-native:monitor:DiagnosticSetting", name: "audit-diag-archive", props: { resourceUri: `${SUB}/resourceGroups/phi`, storageAccountId: unknown, logs: [] }, from: { storageAccountId: ["collector"] } },
        { type: "azure-native:operationalinsights:DataExport", name: "export", props: { workspaceName: "audit", resourceId: unknown, tableNames: ["StorageBlobLogs"] }, from: { resourceId: ["collector"] } },
    ],
    "a Redis cache with public access limited by a firewall rule of the stack": [
        { type: "azure-native:redis:Redis", name: "sessions", props: { publicNetworkAccess: "Enabled" } },
        { type: "azure-native:redis:FirewallRule", name: "sessions-office", props: { cacheName: unknown, startIP: "203.0.113.1", endIP: "203.0.113.9" }, from: { cacheName: ["sessions"] } },
    ],
    "Entra-only authentication set by a ServerAzureADOnlyAuthentication": [
        { type: "azure-native:sql:Server", name: "sql", props: { minimalTlsVersion: "1.2", publicNetworkAccess: "Disabled", keyId: unknown, administrators: { azureADOnlyAuthentication: false } } },
        { type: "azure-native:sql:ServerAzureADOnlyAuthentication", name: "sql-entra-only", props: { serverName: unknown, azureADOnlyAuthentication: true }, from: { serverName: ["sql"] } },
    ],
};

interface CorpusStack {
    name: string;
    /** What Analyze receives (inputs) and what AnalyzeStack receives (outputs), read once. */
    inputs: StackResource[];
    outputs: StackResource[];
    settings: PackSettings;
    config: Record<string, object>;
}

async function corpus(): Promise<CorpusStack[]> {
    const scopes: PackSettings[] = [withDefaults(SETTINGS_OPTIONS, {}), withDefaults(SETTINGS_OPTIONS, { phiScope: "tagged" })];
    const out: CorpusStack[] = [];
    const add = (name: string, resources: EngineResource[], config: Record<string, object>) => {
        const inputs = resources.map((r) => asStackResource(r, "inputs"));
        const outputs = resources.map((r) => asStackResource(r, "outputs"));
        for (const settings of scopes) out.push({ name: `${name} (${settings.phiScope})`, inputs, outputs, settings, config });
    };
    for (const name of SAMPLE_STACKS) {
        const file = path.join(STACKS_DIR, name, "policy-config.json");
        const config = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, object>) : {};
        const resources = await capturedSample(name);
        add(name, resources, config);
        for (const seed of [1, 2, 3, 4, 5, 6]) add(`${name} with unknowns ${seed}`, withUnknowns(resources, seed), config);
    }
    add("synthetic", syntheticStack(200), {});
    for (const [name, resources] of Object.entries(WITNESSES)) add(name, declared(resources), {});
    return out;
}

describe("where each judgement runs", function () {
    this.timeout(300_000);
    let stacks: CorpusStack[];
    before(async () => {
        stacks = await corpus();
    });

    it("gives a control with a per-resource part a validateResource, and only a control that reads the stack a validateStack", () => {
        for (const c of controls) {
            const policy = toPolicy(c) as { validateResource?: unknown; validateStack?: unknown };
            assert.equal(typeof policy.validateResource === "function", !isStackControl(c), c.id);
            assert.equal(typeof policy.validateStack === "function", readsStack(c), c.id);
            assert.equal(c.acrossResources !== undefined, readsStack(c), `${c.id}: acrossResources says what the stack part judges, exactly when there is one`);
        }
    });

    for (const control of controls.filter(readsStack)) {
        it(`${control.id}: every kind of finding its stack part makes changes with other resources`, () => {
            const unchanged = new Map<string, string>();
            const changed = new Set<string>();
            const runs = stacks.map((stack) => {
                const config = stack.config[control.id] ?? {};
                return { stack, config, full: runParts(control, stack.inputs, stack.outputs, stack.settings, config).stack };
            });
            // Every resource of a type the stack part reports on, in any stack, is also judged alone.
            const reportedTypes = new Set(runs.flatMap((run) => run.full.map((r) => r.key.split(" | ")[1])));
            for (const { stack, config, full } of runs) {
                stack.outputs.forEach((r, i) => {
                    if (!reportedTypes.has(canonicalType(r.type))) return;
                    const alone = runParts(control, [stack.inputs[i]], [r], stack.settings, config).stack;
                    const counts = new Map<string, number>();
                    for (const rep of full) if (rep.urn === r.urn) counts.set(rep.key, (counts.get(rep.key) ?? 0) + 1);
                    for (const rep of alone) if (rep.urn === r.urn) counts.set(rep.key, (counts.get(rep.key) ?? 0) - 1);
                    for (const [key, difference] of counts) {
                        if (difference !== 0) changed.add(key);
                        else if (!unchanged.has(key)) unchanged.set(key, `${r.type}::${r.name} in ${stack.name}`);
                    }
                });
            }
            const fromOneResource = [...unchanged].filter(([key]) => !changed.has(key)).map(([key, where]) => `${key} (e.g. ${where})`);
            assert.deepEqual(fromOneResource, [], "these findings of the stack part never depend on another resource: judge them in checkResource");
        });
    }

    it("never reports one finding from both parts", () => {
        const twice: string[] = [];
        for (const stack of stacks) {
            for (const control of controls.filter((c) => readsStack(c) && !isStackControl(c))) {
                const { analyze, stack: fromStack } = runParts(control, stack.inputs, stack.outputs, stack.settings, stack.config[control.id] ?? {});
                const inAnalyze = new Set(analyze.map((r) => `${r.urn} ${r.key}`));
                for (const r of fromStack) if (inAnalyze.has(`${r.urn} ${r.key}`)) twice.push(`${r.key} on ${r.urn} in ${stack.name}`);
            }
        }
        assert.deepEqual(twice, []);
    });
});

import { ActionFacts, Capability, firstGrantedWith, grantedActions } from "../aws/actions";
import { awsBoundary, AwsBoundary, accountOfPrincipal } from "../aws/boundary";
import { trustDocument } from "../aws/documents";
import { collectPrincipalRights, IAM_GROUPS, IAM_ROLES, IAM_USERS, label, principalName, readRights, unreadableAt } from "../aws/principals";
import { GROUP_MEMBERSHIPS, PrincipalKind, PRINCIPAL_TYPES } from "../aws/rights";
import { AWS_PHI_STORES, AWS_STORE_ENCRYPTION, awsStoreServices, S3_BUCKETS, S3_SSE_CONFIGURATIONS } from "../aws/stores";
import type { BoundarySettings } from "../core/boundary";
import { LAMBDA_FUNCTIONS } from "../aws-lambda";
import { KMS_KEYS } from "../aws-kms-key";
import { grantsAction, isAllow, parseDocument, Statement } from "../iam-document";
import type { StackIndex, StackResource } from "../stack-index";
import { canonicalType, types } from "../type-tokens";
import { asList, isUnknown } from "../values";
import { ArnIndex, ArnTarget, parseArn } from "./arns";
import { Access, AccessGraph, AccessNode, TargetSet } from "./graph";

/**
 * The AWS part of the access graph, read from a stack with the one IAM model: rights from
 * lib/aws/principals (every carrier of lib/aws/rights), what actions allow from lib/aws/actions,
 * stores from lib/aws/stores, accounts judged by lib/aws/boundary.
 */

export interface AwsGraphScope {
    isPhi(r: StackResource): boolean;
    settings: BoundarySettings;
}

const KIND_OF: Readonly<Record<string, PrincipalKind>> = Object.fromEntries(Object.entries(PRINCIPAL_TYPES).flatMap(([k, ts]) => ts.map((t) => [t, k as PrincipalKind])));
const TASK_DEFINITIONS = types("aws:ecs/taskDefinition:TaskDefinition");
const INSTANCES = types("aws:ec2/instance:Instance");
const INSTANCE_PROFILES = types("aws:iam/instanceProfile:InstanceProfile");
const KMS_GRANTS = types("aws:kms/grant:Grant");

/** What each capability of the action table allows on a store. */
const ACCESS_OF: Partial<Record<Capability, Access>> = { "read-phi": "read", change: "write", decrypt: "decrypt", administer: "administer" };

/** A Redshift cluster's own ARN by its identifier, in both providers. */
function redshiftCluster(name: string): Omit<ArnTarget, "account" | "region"> {
    return { service: "redshift", resource: `cluster:${name}` };
}

/** How a store is named in an ARN when its own ARN is not known yet (at preview). */
const NAME_ARNS: Readonly<Partial<Record<string, (name: string) => Omit<ArnTarget, "account" | "region">>>> = {
    "aws:s3/bucket:Bucket": (n) => ({ service: "s3", resource: n }),
    "aws:s3/bucketV2:BucketV2": (n) => ({ service: "s3", resource: n }),
    "aws:dynamodb/table:Table": (n) => ({ service: "dynamodb", resource: `table/${n}` }),
    "aws:sqs/queue:Queue": (n) => ({ service: "sqs", resource: n }),
    "aws:sns/topic:Topic": (n) => ({ service: "sns", resource: n }),
    "aws:secretsmanager/secret:Secret": (n) => ({ service: "secretsmanager", resource: `secret:${n}-??????` }),
    "aws:iam/role:Role": (n) => ({ service: "iam", resource: `role/${n}` }),
    "aws:iam/user:User": (n) => ({ service: "iam", resource: `user/${n}` }),
    "aws:lambda/function:Function": (n) => ({ service: "lambda", resource: `function:${n}` }),
    "aws-native:lambda:Function": (n) => ({ service: "lambda", resource: `function:${n}` }),
    "aws-native:s3:Bucket": (n) => ({ service: "s3", resource: n }),
    "aws-native:dynamodb:Table": (n) => ({ service: "dynamodb", resource: `table/${n}` }),
    "aws-native:rds:DbInstance": (n) => ({ service: "rds", resource: `db:${n}` }),
    "aws-native:rds:DbCluster": (n) => ({ service: "rds", resource: `cluster:${n}` }),
    "aws-native:sqs:Queue": (n) => ({ service: "sqs", resource: n }),
    "aws-native:sns:Topic": (n) => ({ service: "sns", resource: n }),
    "aws-native:secretsmanager:Secret": (n) => ({ service: "secretsmanager", resource: `secret:${n}-??????` }),
    "aws:rds/instance:Instance": (n) => ({ service: "rds", resource: `db:${n}` }),
    "aws:rds/cluster:Cluster": (n) => ({ service: "rds", resource: `cluster:${n}` }),
    "aws:kinesis/stream:Stream": (n) => ({ service: "kinesis", resource: `stream/${n}` }),
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": (n) => ({ service: "firehose", resource: `deliverystream/${n}` }),
    "aws:elasticache/replicationGroup:ReplicationGroup": (n) => ({ service: "elasticache", resource: `replicationgroup:${n}` }),
    "aws:memorydb/cluster:Cluster": (n) => ({ service: "memorydb", resource: `cluster/${n}` }),
    "aws:athena/workgroup:Workgroup": (n) => ({ service: "athena", resource: `workgroup/${n}` }),
    "aws:sagemaker/notebookInstance:NotebookInstance": (n) => ({ service: "sagemaker", resource: `notebook-instance/${n}` }),
    "aws:opensearch/domain:Domain": (n) => ({ service: "es", resource: `domain/${n}` }),
    "aws:elasticsearch/domain:Domain": (n) => ({ service: "es", resource: `domain/${n}` }),
    "aws:backup/vault:Vault": (n) => ({ service: "backup", resource: `backup-vault:${n}` }),
    // The Data Catalog is one per account: its ARN names no resource of its own.
    "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings": () => ({ service: "glue", resource: "catalog" }),
    "aws-native:glue:DataCatalogEncryptionSettings": () => ({ service: "glue", resource: "catalog" }),
    "aws-native:kinesisfirehose:DeliveryStream": (n) => ({ service: "firehose", resource: `deliverystream/${n}` }),
    "aws-native:athena:WorkGroup": (n) => ({ service: "athena", resource: `workgroup/${n}` }),
    "aws-native:kinesis:Stream": (n) => ({ service: "kinesis", resource: `stream/${n}` }),
    "aws-native:opensearchservice:Domain": (n) => ({ service: "es", resource: `domain/${n}` }),
    "aws-native:elasticache:ReplicationGroup": (n) => ({ service: "elasticache", resource: `replicationgroup:${n}` }),
    "aws-native:memorydb:Cluster": (n) => ({ service: "memorydb", resource: `cluster/${n}` }),
    "aws-native:backup:BackupVault": (n) => ({ service: "backup", resource: `backup-vault:${n}` }),
    "aws-native:sagemaker:NotebookInstance": (n) => ({ service: "sagemaker", resource: `notebook-instance/${n}` }),
    "aws:redshift/cluster:Cluster": redshiftCluster,
    "aws-native:redshift:Cluster": redshiftCluster,
};

/** A Redshift cluster's data is read with credentials for its database users and databases (see ArnTarget.aliases). */
const redshiftData = (cluster: string) => [`dbuser:${cluster}`, `dbname:${cluster}`];

/** Types whose data is read through other ARNs than their own, by what follows `cluster:`. */
const DATA_ALIASES: Readonly<Partial<Record<string, (cluster: string) => string[]>>> = {
    "aws:redshift/cluster:Cluster": redshiftData,
    "aws-native:redshift:Cluster": redshiftData,
};

/** The property holding a resource's own name, by type (default `name`). */
const NAME_PROPS: Readonly<Record<string, string>> = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:rds/instance:Instance": "identifier",
    "aws:rds/cluster:Cluster": "clusterIdentifier",
    "aws:elasticache/replicationGroup:ReplicationGroup": "replicationGroupId",
    "aws:opensearch/domain:Domain": "domainName",
    "aws:elasticsearch/domain:Domain": "domainName",
    "aws-native:lambda:Function": "functionName",
    "aws-native:s3:Bucket": "bucketName",
    "aws-native:dynamodb:Table": "tableName",
    "aws-native:rds:DbInstance": "dbInstanceIdentifier",
    "aws-native:rds:DbCluster": "dbClusterIdentifier",
    "aws-native:sqs:Queue": "queueName",
    "aws-native:sns:Topic": "topicName",
    "aws-native:kinesisfirehose:DeliveryStream": "deliveryStreamName",
    "aws-native:opensearchservice:Domain": "domainName",
    "aws-native:elasticache:ReplicationGroup": "replicationGroupId",
    "aws-native:memorydb:Cluster": "clusterName",
    "aws-native:backup:BackupVault": "backupVaultName",
    "aws-native:sagemaker:NotebookInstance": "notebookInstanceName",
    "aws:redshift/cluster:Cluster": "clusterIdentifier",
    "aws-native:redshift:Cluster": "clusterIdentifier",
};

/** Outputs that hold a resource's ARN where it is not `arn` (aws-native names a topic's and a secret's so). */
const ARN_PROPS: Readonly<Record<string, string>> = { "aws-native:sns:Topic": "topicArn", "aws-native:secretsmanager:Secret": "awsId" };

/**
 * The literal start of the ARN resource part of types whose ARN ends in an id the cloud assigns at
 * creation, unknown at preview: a pattern that names every such id (`key/*`) reaches the resource.
 */
const ID_STARTS: Readonly<Record<string, string>> = {
    "aws:kms/key:Key": "key/",
    "aws-native:kms:Key": "key/",
    "aws:efs/fileSystem:FileSystem": "file-system/",
    "aws-native:efs:FileSystem": "file-system/",
    "aws:ebs/volume:Volume": "volume/",
    "aws-native:ec2:Volume": "volume/",
    "aws:ec2/instance:Instance": "instance/",
    "aws:redshiftserverless/namespace:Namespace": "namespace/",
    "aws-native:redshiftserverless:Namespace": "namespace/",
    "aws:sagemaker/domain:Domain": "domain/",
    "aws-native:sagemaker:Domain": "domain/",
};

/** Stands for a name not known at preview, to find where it starts in the ARN its type gives it. */
const UNKNOWN_NAME = "\u0000";

/**
 * The resource as an ARN target: its known ARN, else its known name in the ARN its type gives it,
 * else its service and, where the type tells, how its resource part starts (patternMatch says which
 * patterns may then reach it).
 */
function arnTarget(r: StackResource, service: string): ArnTarget {
    const type = canonicalType(r.type);
    const target = ownArnTarget(r, type, service);
    const aliases = DATA_ALIASES[type];
    return aliases && target.resource?.startsWith("cluster:") ? { ...target, aliases: aliases(target.resource.slice("cluster:".length)) } : target;
}

function ownArnTarget(r: StackResource, type: string, service: string): ArnTarget {
    const arn = r.props[ARN_PROPS[type] ?? "arn"];
    const parsed = typeof arn === "string" ? parseArn(arn) : undefined;
    if (parsed) return parsed;
    const name = r.props[NAME_PROPS[type] ?? "name"];
    const build = NAME_ARNS[type];
    const named = typeof name === "string" && name !== "";
    if (build && (named || build.length === 0)) return { ...build(named ? name : ""), account: "", region: "" };
    if (!build) return { service, account: "", region: "", resourceStart: ID_STARTS[type] };
    const startWith = (given: string) => {
        const probe = build(`${given}${UNKNOWN_NAME}`).resource ?? "";
        const at = probe.indexOf(UNKNOWN_NAME);
        return at < 0 ? undefined : probe.slice(0, at);
    };
    // A name the program leaves unset is the provider's to give: by default the resource's name, a dash and a random suffix.
    const likelyStart = name === undefined ? startWith(`${r.name}-`) : undefined;
    return { service: build(UNKNOWN_NAME).service, account: "", region: "", resourceStart: startWith(""), likelyStart };
}

/** A role's trust, read once: who may assume it and which services run it. */
interface Trust {
    services: string[];
}

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

interface StoreTarget {
    node: AccessNode;
    r: StackResource;
    services: readonly string[];
    target: ArnTarget;
}

interface RoleTarget {
    r: StackResource;
    target: ArnTarget;
    trust: Trust;
}

/** A shared node to draw when a grant reaches several targets (made when the first grant is drawn to it). */
interface SharedNode {
    id: string;
    name: string;
    members: readonly string[];
}

/** Principals a step leads to, with the shared node standing for them when they are several. */
interface StepTargets {
    set?: SharedNode;
    members: readonly StackResource[];
    /** The members by URN, for naming the one a path goes through; made once with the set, as every principal with the grant steps to it. */
    byUrn?: ReadonlyMap<string, StackResource>;
}

/** What one list of Resource patterns reaches, grouped as its grants are drawn. */
interface PatternReach {
    /** By store type (one way of naming its actions): each type's stores, shared when several. */
    stores: { services: readonly string[]; members: StoreTarget[]; set?: SharedNode }[];
    /** The stores the reached keys encrypt, each with the first such key. */
    keys: { keyOf: Map<string, StackResource>; set?: SharedNode };
    assumable: StepTargets;
    /** By the workload services a role's trust names, in order (the first the principal launches is the one it passes the role to). */
    passable: (StepTargets & { prefixes: string[] })[];
    functions: StepTargets;
    storeUrns: Set<string>;
    keyUrns: Set<string>;
    roleUrns: Set<string>;
    functionUrns: Set<string>;
}

/** What a pattern list that reaches no target reaches. */
const NOTHING: PatternReach = Object.freeze({
    stores: [],
    keys: { keyOf: new Map() },
    assumable: { members: [] },
    passable: [],
    functions: { members: [] },
    storeUrns: new Set<string>(),
    keyUrns: new Set<string>(),
    roleUrns: new Set<string>(),
    functionUrns: new Set<string>(),
});

class AwsGraphBuilder {
    private readonly g: AccessGraph;
    private readonly boundary: AwsBoundary;
    private readonly stores: StoreTarget[] = [];
    private readonly storeByUrn = new Map<string, StoreTarget>();
    /** The PHI stores each KMS key of the stack protects, by key URN. */
    private readonly protects = new Map<string, StackResource[]>();
    private readonly keys: { r: StackResource; target: ArnTarget }[] = [];
    private readonly roles: RoleTarget[] = [];
    private readonly functions: { r: StackResource; target: ArnTarget }[] = [];
    private readonly principalsByArn = new Map<string, StackResource>();
    private readonly principalsByName = new Map<string, StackResource>();
    /** Roles whose trust admits their own account's root, so that its principals' IAM policies decide. */
    private readonly trustsOwnAccount = new Set<string>();
    /** What identity statements can reach: PHI stores, their keys, roles and functions. */
    private readonly targets = new Set<string>();
    private rights!: ReturnType<typeof collectPrincipalRights>;
    private storeIndex!: ArnIndex<StoreTarget>;
    private keyIndex!: ArnIndex<{ r: StackResource; target: ArnTarget }>;
    private roleIndex!: ArnIndex<RoleTarget>;
    private functionIndex!: ArnIndex<{ r: StackResource; target: ArnTarget }>;

    constructor(private readonly stack: StackIndex, private readonly scope: AwsGraphScope, graph: AccessGraph) {
        this.g = graph;
        this.boundary = awsBoundary(stack, scope.settings);
    }

    build(): void {
        const rights = (this.rights = collectPrincipalRights(this.stack));
        for (const { principal } of rights.values()) {
            this.principalNode(principal);
            const arn = principal.props.arn;
            if (typeof arn === "string") this.principalsByArn.set(arn.trim(), principal);
            this.principalsByName.set(`${KIND_OF[principal.type]}/${principalName(principal)}`, principal);
        }
        this.readStores();
        for (const r of this.stack.ofType(IAM_ROLES)) this.roles.push({ r, target: arnTarget(r, "iam"), trust: this.readTrust(r) });
        for (const r of this.stack.ofType(LAMBDA_FUNCTIONS)) this.functions.push({ r, target: arnTarget(r, "lambda") });
        for (const t of [...this.stores.map((s) => s.r), ...this.keys.map((k) => k.r), ...this.roles.map((r) => r.r), ...this.functions.map((f) => f.r)]) this.targets.add(t.urn);
        const spend = (units: number) => this.g.spend("aws", units);
        const index = <T extends { target: ArnTarget }>(list: readonly T[]) => new ArnIndex(list.map((item) => ({ item, target: item.target })), spend);
        this.storeIndex = index(this.stores);
        this.keyIndex = index(this.keys.filter((k) => (this.protects.get(k.r.urn) ?? []).length > 0));
        this.roleIndex = index(this.roles);
        this.functionIndex = index(this.functions);
        this.memberships();
        for (const { principal, sources } of rights.values()) {
            const read = readRights(sources);
            for (const u of read.unreadable) this.g.unread.push(`${label(principal)}: ${unreadableAt(u)}`);
            for (const g of read.statements) {
                if (!isAllow(g.statement)) continue;
                const change = firstGrantedWith(g.statement, "change");
                const node = this.principalNode(principal);
                if (typeof change === "string" && node.changes === undefined) node.changes = change;
                this.identityStatement(principal, g.statement, g.at, g.source.carrier ?? g.source.policy);
            }
        }
        this.workloads();
        this.resourcePolicies();
        this.kmsGrants();
    }

    private principalNode(r: StackResource): AccessNode {
        const kind = KIND_OF[r.type] ?? "role";
        return this.g.node({ id: r.urn, urn: r.urn, type: r.type, kind, cloud: "aws", name: r.name, human: kind !== "role", external: false });
    }

    private readStores(): void {
        for (const r of this.stack.ofType(AWS_PHI_STORES)) {
            if (!this.scope.isPhi(r)) continue;
            const node = this.g.node({ id: r.urn, urn: r.urn, type: r.type, kind: "store", cloud: "aws", name: r.name, human: false, external: false });
            const services = awsStoreServices(r.type);
            const store = { node, r, services, target: arnTarget(r, services[0] ?? "") };
            this.stores.push(store);
            this.storeByUrn.set(r.urn, store);
        }
        const phi = new Set(this.stores.map((s) => s.r.urn));
        // One key may protect every store of the stack: pairs are remembered rather than each list searched.
        const paired = new Set<string>();
        const add = (key: StackResource, store: StackResource) => {
            const pair = `${key.urn}\0${store.urn}`;
            if (!phi.has(store.urn) || paired.has(pair)) return;
            paired.add(pair);
            const list = this.protects.get(key.urn);
            if (!list) this.protects.set(key.urn, [store]);
            else list.push(store);
        };
        for (const s of this.stores) {
            const shapes = AWS_STORE_ENCRYPTION[canonicalType(s.r.type)];
            if (!Array.isArray(shapes)) continue;
            for (const shape of shapes) for (const k of this.stack.linked(s.r, shape.key.split(/[.[]/)[0])) if (KMS_KEYS.has(k.type)) add(k, s.r);
        }
        for (const sse of this.stack.ofType(S3_SSE_CONFIGURATIONS)) {
            const keys = this.stack.linked(sse, "rules").filter((k) => KMS_KEYS.has(k.type));
            for (const bucket of this.stack.linked(sse, "bucket")) if (S3_BUCKETS.has(bucket.type)) for (const k of keys) add(k, bucket);
        }
        for (const k of this.stack.ofType(KMS_KEYS)) this.keys.push({ r: k, target: arnTarget(k, "kms") });
    }

    private readTrust(role: StackResource): Trust {
        const trust: Trust = { services: [] };
        const { at, doc, holder } = trustDocument(role);
        const parsed = parseDocument(doc, holder);
        if (parsed.kind === "unknown") this.g.unread.push(`${label(role)}: ${at}`);
        if (parsed.kind !== "ok") return trust;
        for (const s of parsed.statements) {
            if (!isAllow(s) || !ASSUME_ACTIONS.some((a) => grantsAction(s, a) !== false)) continue;
            const unverified = ASSUME_ACTIONS.every((a) => grantsAction(s, a) !== true);
            const via = `${label(role)} ${at}.${s.path}`;
            const principal = s.principal;
            if (principal === undefined) continue;
            if (isUnknown(principal)) {
                this.unknownPrincipal(role, via);
                continue;
            }
            for (const [kind, values] of Object.entries(principal)) {
                if (isUnknown(values)) {
                    this.unknownPrincipal(role, via);
                    continue;
                }
                for (const v of values) {
                    if (kind === "Service") trust.services.push(v.trim().toLowerCase());
                    else if (kind === "Federated") this.federated(role, v, via, unverified);
                    else if (kind === "AWS" || kind === "*") this.trusted(role, v, via, unverified);
                }
            }
        }
        return trust;
    }

    /** A trust naming a principal whose ARN is unknown at preview: the stack principals it comes from, else one unknown principal. */
    private unknownPrincipal(role: StackResource, via: string): void {
        const linked = this.stack.linked(role, trustDocument(role).at).filter((p) => KIND_OF[p.type] !== undefined && p !== role);
        for (const p of linked) this.g.edge({ from: this.principalNode(p).id, to: role.urn, kind: "assumes", access: [], text: `assumes ${role.name}`, via, unverified: true, urn: role.urn });
        if (linked.length > 0) return;
        const node = this.g.node({ id: `aws-unknown:${role.urn}`, kind: "principal", cloud: "aws", name: "a principal unknown at preview", human: false, external: false });
        this.g.edge({ from: node.id, to: role.urn, kind: "assumes", access: [], text: `assumes ${role.name}`, via, unverified: true, urn: role.urn });
    }

    private federated(role: StackResource, provider: string, via: string, unverified: boolean): void {
        const host = provider.includes("saml-provider/") ? `SAML ${provider.slice(provider.lastIndexOf("/") + 1)}` : provider.includes("oidc-provider/") ? provider.slice(provider.indexOf("oidc-provider/") + 14) : provider;
        const node = this.g.node({ id: `aws-federation:${host}`, kind: "federation", cloud: "aws", name: host, human: true, external: false });
        this.g.node({ ...this.principalNode(role), human: true });
        this.g.edge({ from: node.id, to: role.urn, kind: "federates", access: [], text: `signs in as ${role.name}`, via, unverified, urn: role.urn });
    }

    /** An `AWS` principal of a trust: a principal of the stack, an account (its root), or anyone. */
    private trusted(role: StackResource, value: string, via: string, unverified: boolean): void {
        const v = value.trim();
        const edge = (from: AccessNode) => this.g.edge({ from: from.id, to: role.urn, kind: "assumes", access: [], text: `assumes ${role.name}`, via, unverified, urn: role.urn });
        const inStack = this.principalByArn(v);
        if (inStack) {
            if (IAM_USERS.has(inStack.type)) this.g.node({ ...this.principalNode(role), human: true });
            return edge(this.principalNode(inStack));
        }
        if (v === "*") return edge(this.publicNode());
        const account = accountOfPrincipal(v);
        if (!account) return;
        const resource = parseArn(v)?.resource;
        if (resource !== undefined && resource !== "root") return edge(this.outsidePrincipal(v, account));
        this.g.node({ ...this.principalNode(role), human: true });
        const node = this.accountNode(account);
        if (!node.external) this.trustsOwnAccount.add(role.urn);
        edge(node);
    }

    /** A user or role named by ARN that the stack does not hold: a person when it is a user. */
    private outsidePrincipal(arn: string, account: string): AccessNode {
        const resource = parseArn(arn)!.resource;
        const external = this.boundary.account(account) === "outside";
        return this.g.node({ id: `aws-arn:${arn.trim()}`, kind: "principal", cloud: "aws", name: `${resource} in account ${account}`, human: resource.startsWith("user/"), external });
    }

    private publicNode(): AccessNode {
        return this.g.node({ id: "aws-public", kind: "public", cloud: "aws", name: "anyone (Principal *)", human: true, external: true });
    }

    /** An account's root: any principal of that account its own IAM policies allow. */
    private accountNode(account: string): AccessNode {
        const external = this.boundary.account(account) === "outside";
        return this.g.node({ id: `aws-account:${account}`, kind: "account", cloud: "aws", name: `account ${account}`, human: true, external });
    }

    private principalByArn(v: string): StackResource | undefined {
        const known = this.principalsByArn.get(v);
        if (known) return known;
        const parts = parseArn(v);
        if (!parts || parts.service !== "iam") return undefined;
        // By name only inside the boundary: a role of another account is not the stack's role of that name.
        const inside = parts.account === "" || this.boundary.account(parts.account) === "inside";
        const [kind] = parts.resource.split("/");
        const name = parts.resource.slice(parts.resource.lastIndexOf("/") + 1);
        return inside ? this.principalsByName.get(`${kind}/${name}`) : undefined;
    }

    private memberships(): void {
        for (const r of this.stack.resources) {
            const m = GROUP_MEMBERSHIPS[r.type];
            if (!m) continue;
            const groups = this.stack.linked(r, m.groups).filter((g) => IAM_GROUPS.has(g.type));
            for (const user of m.users === undefined ? [r] : this.stack.linked(r, m.users).filter((u) => IAM_USERS.has(u.type))) {
                for (const group of groups) {
                    this.g.edge({ from: this.principalNode(user).id, to: this.principalNode(group).id, kind: "member-of", access: [], text: `member of ${group.name}`, via: label(r), unverified: false });
                }
            }
        }
    }

    /** What one Allow statement of a principal's identity policies reaches: stores, keys, roles to assume or pass, functions to change. */
    private identityStatement(principal: StackResource, s: Statement, at: string, carrier: StackResource | undefined): void {
        const granted = grantedActions(s);
        const actionsUnknown = isUnknown(granted);
        // NotResource is drawn as every resource: what it leaves out is not subtracted (never a path hidden).
        const items = s.notResources !== undefined ? ["*"] : s.resourceItems === undefined || isUnknown(s.resourceItems) ? undefined : s.resourceItems;
        const known = [...new Set((items ?? []).filter((i): i is string => typeof i === "string").map((i) => i.trim()))].sort();
        const unknownItems = items === undefined || items.some(isUnknown);
        // A Resource unknown at preview is another resource's ARN: one of the resources the document
        // was built from. When it was built from one such resource only, that is the one.
        const linked = unknownItems && carrier ? new Set(this.stack.linked(carrier, carrierDocumentProp(carrier)).filter((r) => this.targets.has(r.urn)).map((r) => r.urn)) : new Set<string>();
        const reach = this.reachOf(known);
        const maybe = this.maybeReachOf(known);
        const from = this.principalNode(principal).id;
        const via = at;
        const storeActions = (services: readonly string[]) => (actionsUnknown ? undefined : granted.filter((a) => services.includes(a.service)));
        const decrypt = actionsUnknown ? undefined : granted.filter((a) => a.service === "kms" && a.capabilities.has("decrypt"));
        const assume = ASSUME_ACTIONS.some((a) => grantsAction(s, a) === true);
        const passRole = grantsAction(s, "iam:PassRole") === true;
        const changesCode = grantsAction(s, "lambda:UpdateFunctionCode") === true;

        // Targets the known patterns reach (drawn once to a shared node when they are more than
        // one), then those they may reach, whose names are not known at preview (unverified).
        for (const [targets, unsure] of [
            [reach, false],
            [maybe, true],
        ] as const) {
            for (const group of targets.stores) {
                const actions = storeActions(group.services);
                if (group.set) this.storeSetEdge(from, group.set, actions, actionsUnknown || unsure, via);
                else for (const store of group.members) this.storeEdge(from, store.r, actions, actionsUnknown || unsure, via, "");
            }
            if (!decrypt || decrypt.length > 0) {
                if (targets.keys.set) this.keySetEdge(from, targets.keys.set, targets.keys.keyOf, decrypt, actionsUnknown || unsure, via);
                else for (const [storeUrn, key] of targets.keys.keyOf) this.keyEdge(from, key, this.storeByUrn.get(storeUrn)!.r, decrypt, actionsUnknown || unsure, via);
            }
            if (assume) this.stepEdges(from, targets.assumable, (role) => `assumes ${role.name}`, "assumes", via, unsure);
            if (passRole) {
                for (const group of targets.passable) {
                    const prefix = group.prefixes.find((p) => this.launches(principal, p));
                    if (prefix !== undefined) this.stepEdges(from, group, (role) => `passes ${role.name} to a ${prefix} workload (iam:PassRole)`, "passes-role", via, unsure);
                }
            }
            if (changesCode) this.stepEdges(from, targets.functions, (fn) => `lambda:UpdateFunctionCode on ${fn.name}`, "changes-code", via, unsure);
        }

        // Targets a Resource unknown at preview may be: the resources the document was built from.
        if (linked.size === 0) return;
        const unverified = linked.size > 1;
        for (const store of this.linkedIn(this.stores, linked)) {
            if (reach.storeUrns.has(store.r.urn)) continue;
            this.storeEdge(from, store.r, storeActions(store.services), unverified || actionsUnknown, via, "");
        }
        if (!decrypt || decrypt.length > 0) {
            for (const key of this.linkedIn(this.keys, linked)) {
                if (reach.keyUrns.has(key.r.urn)) continue;
                for (const store of this.protects.get(key.r.urn) ?? []) this.keyEdge(from, key.r, store, decrypt, unverified || actionsUnknown, via);
            }
        }
        for (const role of this.linkedIn(this.roles, linked)) {
            if (reach.roleUrns.has(role.r.urn)) continue;
            if (assume && this.trustsAccountOf(role.r)) this.g.edge({ from, to: role.r.urn, kind: "assumes", access: [], text: `assumes ${role.r.name}`, via, unverified });
            if (passRole) {
                const prefix = this.prefixesOf(role.trust).find((p) => this.launches(principal, p));
                if (prefix !== undefined) this.g.edge({ from, to: role.r.urn, kind: "passes-role", access: [], text: `passes ${role.r.name} to a ${prefix} workload (iam:PassRole)`, via, unverified });
            }
        }
        for (const fn of changesCode ? this.linkedIn(this.functions, linked) : []) {
            if (reach.functionUrns.has(fn.r.urn)) continue;
            this.g.edge({ from, to: fn.r.urn, kind: "changes-code", access: [], text: `lambda:UpdateFunctionCode on ${fn.r.name}`, via, unverified });
        }
    }

    private readonly positions = new Map<readonly { r: StackResource }[], Map<string, number>>();

    /** The targets of a list (stores, keys, roles, functions) that a set of URNs names, in the list's order, found without a pass over the list. */
    private linkedIn<T extends { r: StackResource }>(list: readonly T[], urns: ReadonlySet<string>): T[] {
        let at = this.positions.get(list);
        if (!at) this.positions.set(list, (at = new Map(list.map((t, i) => [t.r.urn, i]))));
        const found: number[] = [];
        for (const urn of urns) {
            const i = at.get(urn);
            if (i !== undefined) found.push(i);
        }
        return found.sort((a, b) => a - b).map((i) => list[i]);
    }

    private readonly reaches = new Map<string, PatternReach>();

    /**
     * What a list of Resource patterns reaches, worked out once per distinct list (a list many
     * principals share, such as `*`, costs once) and grouped into the shared nodes its grants are drawn to.
     */
    private reachOf(patterns: readonly string[]): PatternReach {
        return this.reachBy(patterns, "", (index) => (patterns.length === 1 ? index.reached(patterns[0]) : index.reachedByAny(patterns)));
    }

    /**
     * What a list of Resource patterns may reach and does not reach for sure: targets whose names
     * are not known at preview, of a kind the patterns name. Their grants are drawn unverified.
     */
    private maybeReachOf(patterns: readonly string[]): PatternReach {
        return this.reachBy(patterns, "maybe:", (index) => (patterns.length === 1 ? index.maybeReached(patterns[0]) : index.maybeReachedByAny(patterns)));
    }

    private reachBy(patterns: readonly string[], kind: string, list: <T>(index: ArnIndex<T>) => readonly T[]): PatternReach {
        const key = `${kind}${patterns.join("\n")}`;
        let reach = this.reaches.get(key);
        if (reach) return reach;
        const stores = list(this.storeIndex);
        const keys = list(this.keyIndex);
        const roles = list(this.roleIndex);
        const functions = list(this.functionIndex);
        this.g.spend("aws", stores.length + keys.length + roles.length + functions.length);
        // Most pattern lists may reach nothing beyond what they surely reach: one answer serves them all.
        if (stores.length + keys.length + roles.length + functions.length === 0) {
            this.reaches.set(key, NOTHING);
            return NOTHING;
        }
        const setId = (what: string) => `aws-set:${what}:${key}`;
        const byType = new Map<string, StoreTarget[]>();
        for (const s of stores) {
            const type = canonicalType(s.r.type);
            const group = byType.get(type);
            if (group) group.push(s);
            else byType.set(type, [s]);
        }
        const keyOf = new Map<string, StackResource>();
        for (const k of keys) for (const store of this.protects.get(k.r.urn) ?? []) if (!keyOf.has(store.urn)) keyOf.set(store.urn, k.r);
        const shared = (what: string, name: string, members: readonly StackResource[]): SharedNode | undefined => (members.length > 1 ? { id: setId(what), name, members: members.map((m) => m.urn) } : undefined);
        const step = (what: string, name: string, members: readonly StackResource[]): StepTargets => {
            const set = shared(what, name, members);
            return { set, members, byUrn: set && new Map(members.map((m) => [m.urn, m])) };
        };
        const passable = new Map<string, { prefixes: string[]; members: StackResource[] }>();
        for (const role of roles) {
            const prefixes = this.prefixesOf(role.trust);
            if (prefixes.length === 0) continue;
            const group = passable.get(prefixes.join(","));
            if (group) group.members.push(role.r);
            else passable.set(prefixes.join(","), { prefixes, members: [role.r] });
        }
        reach = {
            stores: [...byType].map(([type, members]) => ({ services: members[0].services, members, set: shared(`stores:${type}`, `${members.length} ${type} stores`, members.map((m) => m.r)) })),
            keys: { keyOf, set: keyOf.size > 1 ? { id: setId("keys"), name: `${keyOf.size} stores encrypted by ${keys.length} KMS keys`, members: [...keyOf.keys()] } : undefined },
            assumable: step("assume", "roles the account's principals may assume", roles.filter((r) => this.trustsAccountOf(r.r)).map((r) => r.r)),
            passable: [...passable.values()].map((g) => ({ prefixes: g.prefixes, ...step(`pass:${g.prefixes.join(",")}`, `roles that ${g.prefixes.join(", ")} workloads run as`, g.members) })),
            functions: step("functions", "Lambda functions", functions.map((f) => f.r)),
            storeUrns: new Set(stores.map((s) => s.r.urn)),
            keyUrns: new Set(keys.map((k) => k.r.urn)),
            roleUrns: new Set(roles.map((r) => r.r.urn)),
            functionUrns: new Set(functions.map((f) => f.r.urn)),
        };
        this.reaches.set(key, reach);
        return reach;
    }

    /** Steps from a principal to principals: to their shared node when there are several, else to each. */
    private stepEdges(from: string, targets: StepTargets, text: (to: StackResource) => string, kind: "assumes" | "passes-role" | "changes-code", via: string, unverified: boolean): void {
        if (targets.set) {
            const set = this.shared(targets.set);
            const byUrn = targets.byUrn!;
            return this.g.edge({ from, to: set.id, kind, access: [], text: text({ name: `one of the ${set.name}` } as StackResource), via, unverified, render: (n) => text(byUrn.get(n.id) ?? ({ name: n.name } as StackResource)) });
        }
        for (const m of targets.members) this.g.edge({ from, to: m.urn, kind, access: [], text: text(m), via, unverified });
    }

    /** Whether a role's trust lets principals of its own account in through their IAM policies (it trusts the account root). */
    private trustsAccountOf(role: StackResource): boolean {
        return this.trustsOwnAccount.has(role.urn);
    }

    /** The workload services that run a role, as action prefixes, in the order its trust names them. */
    private prefixesOf(trust: Trust): string[] {
        return trust.services.map((s) => SERVICE_PREFIXES[s]).filter((p): p is string => p !== undefined);
    }

    private readonly launching = new Map<string, boolean>();

    /**
     * Whether a principal may create or change workloads of a service (an action the table marks as
     * a change): with iam:PassRole on a role that service runs, it can start code that acts as the role.
     */
    private launches(principal: StackResource, prefix: string): boolean {
        const key = `${principal.urn}\0${prefix}`;
        let yes = this.launching.get(key);
        if (yes === undefined) {
            const rights = readRights(this.rights.get(principal.urn)?.sources ?? []);
            yes = rights.statements.some((g) => {
                if (!isAllow(g.statement)) return false;
                const granted = grantedActions(g.statement);
                return !isUnknown(granted) && granted.some((a) => a.service === prefix && a.capabilities.has("change"));
            });
            this.launching.set(key, yes);
        }
        return yes;
    }

    /** What each kind of access a list of actions gives, each shown by one action: the shortest name stands for the rest (the familiar ones, s3:GetObject, are short). */
    private shownActions(actions: readonly ActionFacts[] | undefined): Map<Access, string> {
        const byAccess = new Map<Access, string>();
        if (actions === undefined) byAccess.set("read", "actions unknown at preview");
        else {
            for (const a of actions) for (const c of a.capabilities) {
                const access = ACCESS_OF[c];
                const shown = access && byAccess.get(access);
                if (access && (shown === undefined || a.action.length < shown.length || (a.action.length === shown.length && a.action < shown))) byAccess.set(access, a.action);
            }
        }
        return byAccess;
    }

    private storeEdge(from: string, store: StackResource, actions: readonly ActionFacts[] | undefined, unverified: boolean, via: string, suffix: string): void {
        for (const [access, action] of this.shownActions(actions)) {
            this.g.edge({ from, to: store.urn, kind: "grants", access: [access], text: `${action} on ${store.name}${suffix}`, via, unverified });
        }
    }

    /** The graph's node for a shared target, made when the first grant is drawn to it. */
    private shared(node: SharedNode): TargetSet {
        return this.g.set(node.id, "aws", node.name, node.members);
    }

    private storeSetEdge(from: string, shared: SharedNode, actions: readonly ActionFacts[] | undefined, unverified: boolean, via: string): void {
        const set = this.shared(shared);
        for (const [access, action] of this.shownActions(actions)) {
            this.g.edge({ from, to: set.id, kind: "grants", access: [access], text: `${action} on ${set.name}`, via, unverified, render: (store) => `${action} on ${store.name}` });
        }
    }

    private keyEdge(from: string, key: StackResource, store: StackResource, actions: readonly ActionFacts[] | undefined, unverified: boolean, via: string): void {
        const action = actions === undefined ? "actions unknown at preview" : actions[0].action;
        this.g.edge({ from, to: store.urn, kind: "grants", access: ["decrypt"], text: `${action} on key ${key.name} of ${store.name}`, via, unverified });
    }

    private keySetEdge(from: string, shared: SharedNode, keyOf: ReadonlyMap<string, StackResource>, actions: readonly ActionFacts[] | undefined, unverified: boolean, via: string): void {
        const action = actions === undefined ? "actions unknown at preview" : actions[0].action;
        const set = this.shared(shared);
        this.g.edge({ from, to: set.id, kind: "grants", access: ["decrypt"], text: `${action} on the keys of ${set.name}`, via, unverified, render: (store) => `${action} on key ${keyOf.get(store.id)?.name} of ${store.name}` });
    }

    /** Workloads act as their roles: functions, ECS tasks, EC2 instances through their instance profiles. */
    private workloads(): void {
        const runsAs = (w: StackResource, prop: string, roles: StackResource[], unverified = false) => {
            const node = this.g.node({ id: w.urn, urn: w.urn, type: w.type, kind: "workload", cloud: "aws", name: w.name, human: false, external: false });
            for (const role of roles) this.g.edge({ from: node.id, to: role.urn, kind: "runs-as", access: [], text: `runs as ${role.name}`, via: `${label(w)} ${prop}`, unverified });
        };
        for (const fn of this.stack.ofType(LAMBDA_FUNCTIONS)) runsAs(fn, "role", this.stack.linked(fn, "role").filter((r) => IAM_ROLES.has(r.type)));
        for (const task of this.stack.ofType(TASK_DEFINITIONS)) runsAs(task, "taskRoleArn", this.stack.linked(task, "taskRoleArn").filter((r) => IAM_ROLES.has(r.type)));
        for (const vm of this.stack.ofType(INSTANCES)) {
            const profiles = this.stack.linked(vm, "iamInstanceProfile").filter((p) => INSTANCE_PROFILES.has(p.type));
            runsAs(vm, "iamInstanceProfile", profiles.flatMap((p) => this.stack.linked(p, "role").filter((r) => IAM_ROLES.has(r.type))));
        }
    }

    /** Bucket, queue, topic and secret policies and key policies: who they let in, and to what. */
    private resourcePolicies(): void {
        const phi = new Map(this.stores.map((s) => [s.r.urn, s]));
        for (const [type, prop, targetProp] of RESOURCE_POLICIES) {
            for (const r of this.stack.ofType(types(type))) {
                const targets = targetProp === undefined ? [r] : this.stack.linked(r, targetProp);
                for (const target of targets) {
                    const store = phi.get(target.urn);
                    const keyStores = KMS_KEYS.has(target.type) ? (this.protects.get(target.urn) ?? []) : [];
                    if (!store && keyStores.length === 0) continue;
                    const parsed = parseDocument(r.props[prop], r.props);
                    if (parsed.kind === "unknown") this.g.unread.push(`${label(r)}: ${prop}`);
                    if (parsed.kind !== "ok") continue;
                    for (const s of parsed.statements) {
                        if (!isAllow(s) || s.principal === undefined) continue;
                        const via = `${label(r)} ${prop}.${s.path}`;
                        const granted = grantedActions(s);
                        for (const from of this.resourcePolicyPrincipals(r, prop, s)) {
                            if (store) this.storeEdge(from.node.id, store.r, isUnknown(granted) ? undefined : granted.filter((a) => store.services.includes(a.service)), from.unverified || isUnknown(granted), via, " (resource policy)");
                            const decrypt = isUnknown(granted) ? undefined : granted.filter((a) => a.service === "kms" && a.capabilities.has("decrypt"));
                            if (decrypt && decrypt.length === 0) continue;
                            for (const ks of keyStores) this.keyEdge(from.node.id, target, ks, decrypt, from.unverified || isUnknown(granted), via);
                        }
                    }
                }
            }
        }
    }

    /**
     * The principals a resource policy statement names. The stack's own account root is left out:
     * in the same account it delegates to the principals' IAM policies, which the graph reads.
     */
    private resourcePolicyPrincipals(r: StackResource, prop: string, s: Statement): { node: AccessNode; unverified: boolean }[] {
        const out: { node: AccessNode; unverified: boolean }[] = [];
        const principal = s.principal!;
        const values = isUnknown(principal) ? [undefined] : Object.entries(principal).filter(([k]) => k === "AWS" || k === "*").flatMap(([, v]) => (isUnknown(v) ? [undefined] : v));
        for (const v of values) {
            if (v === undefined) {
                for (const p of this.stack.linked(r, prop).filter((p) => KIND_OF[p.type] !== undefined)) out.push({ node: this.principalNode(p), unverified: true });
                continue;
            }
            const inStack = this.principalByArn(v);
            if (inStack) out.push({ node: this.principalNode(inStack), unverified: false });
            else if (v.trim() === "*") out.push({ node: this.publicNode(), unverified: false });
            else {
                const account = accountOfPrincipal(v);
                if (account && this.boundary.account(account) !== "inside") out.push({ node: this.accountNode(account), unverified: false });
            }
        }
        return out;
    }

    /** KMS grants: the grantee may use the key for the operations granted. */
    private kmsGrants(): void {
        for (const grant of this.stack.ofType(KMS_GRANTS)) {
            for (const key of this.stack.linked(grant, "keyId").filter((k) => KMS_KEYS.has(k.type))) {
                const stores = this.protects.get(key.urn) ?? [];
                if (stores.length === 0) continue;
                const ops = asList(grant.props.operations);
                const decrypts = isUnknown(ops) ? undefined : ops.some((o) => isUnknown(o) || (typeof o === "string" && DECRYPTING_GRANT_OPERATIONS.includes(o.trim().toLowerCase())));
                if (decrypts === false) continue;
                const via = `${label(grant)} granteePrincipal`;
                const grantee = grant.props.granteePrincipal;
                const froms: { node: AccessNode; unverified: boolean }[] = [];
                if (typeof grantee === "string") {
                    const p = this.principalByArn(grantee);
                    const account = accountOfPrincipal(grantee);
                    if (p) froms.push({ node: this.principalNode(p), unverified: false });
                    else if (account) froms.push({ node: this.accountNode(account), unverified: false });
                } else for (const p of this.stack.linked(grant, "granteePrincipal").filter((p) => KIND_OF[p.type] !== undefined)) froms.push({ node: this.principalNode(p), unverified: false });
                for (const f of froms) {
                    for (const store of stores) {
                        this.g.edge({ from: f.node.id, to: store.urn, kind: "grants", access: ["decrypt"], text: `KMS grant Decrypt on key ${key.name} of ${store.name}`, via, unverified: f.unverified || decrypts === undefined });
                    }
                }
            }
        }
    }
}

/** Grant operations that let the grantee read what a key protects (CreateGrant lets it give itself the others). */
const DECRYPTING_GRANT_OPERATIONS = ["decrypt", "reencryptfrom", "creategrant"];

/** Resource policies by type: the document property and the property naming what it governs (none: the resource itself). */
const RESOURCE_POLICIES: readonly [string, string, string | undefined][] = [
    ["aws:s3/bucketPolicy:BucketPolicy", "policy", "bucket"],
    ["aws:sqs/queuePolicy:QueuePolicy", "policy", "queueUrl"],
    ["aws:sns/topicPolicy:TopicPolicy", "policy", "arn"],
    ["aws:secretsmanager/secretPolicy:SecretPolicy", "policy", "secretArn"],
    ["aws-native:s3:BucketPolicy", "policyDocument", "bucket"],
    ["aws-native:sqs:QueueInlinePolicy", "policyDocument", "queue"],
    ["aws-native:sns:TopicPolicy", "policyDocument", "topics"],
    ["aws-native:sns:TopicInlinePolicy", "policyDocument", "topicArn"],
    ["aws-native:secretsmanager:ResourcePolicy", "resourcePolicy", "secretId"],
    ["aws:kms/key:Key", "policy", undefined],
    ["aws-native:kms:Key", "keyPolicy", undefined],
    ["aws:kms/keyPolicy:KeyPolicy", "policy", "keyId"],
];

/** The action prefix of the workloads a service principal runs. */
const SERVICE_PREFIXES: Readonly<Record<string, string>> = {
    "lambda.amazonaws.com": "lambda",
    "ecs-tasks.amazonaws.com": "ecs",
    "ec2.amazonaws.com": "ec2",
    "codebuild.amazonaws.com": "codebuild",
    "states.amazonaws.com": "states",
    "glue.amazonaws.com": "glue",
    "sagemaker.amazonaws.com": "sagemaker",
};

/** The property of a rights carrier that holds its document (for the resources it was built from). */
function carrierDocumentProp(carrier: StackResource): string {
    const type = canonicalType(carrier.type);
    if (type === "aws:iam/role:Role") return "inlinePolicies";
    if (type === "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy") return "inlinePolicy";
    return "policy";
}

export function addAwsEdges(stack: StackIndex, scope: AwsGraphScope, graph: AccessGraph): void {
    new AwsGraphBuilder(stack, scope, graph).build();
}

import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { AccountJudge, accountOfArn } from "../../lib/aws/boundary";
import { AWS_PHI_STORES } from "../../lib/aws/stores";
import { inferred } from "../../lib/hipaa";
import { everyResourceIsPhi } from "../../lib/phi-scope";
import { Settled } from "../../lib/settled";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { canonicalType, types } from "../../lib/type-tokens";
import { asList, isUnknown, Plain } from "../../lib/values";

/** Resources that share a snapshot or image with other accounts, by the property that names them. */
const SHARING: Readonly<Record<string, { prop: string; many: boolean }>> = {
    "aws:rds/snapshot:Snapshot": { prop: "sharedAccounts", many: true },
    "aws:rds/clusterSnapshot:ClusterSnapshot": { prop: "sharedAccounts", many: true },
    "aws:rds/snapshotCopy:SnapshotCopy": { prop: "sharedAccounts", many: true },
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": { prop: "sharedAccounts", many: true },
    "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission": { prop: "accountId", many: false },
    "aws:ec2/amiLaunchPermission:AmiLaunchPermission": { prop: "accountId", many: false },
};
const LAUNCH_PERMISSION = "aws:ec2/amiLaunchPermission:AmiLaunchPermission";

/** Where each snapshot, copy, image or permission comes from: the property that names its source. */
const SOURCE_OF: Readonly<Record<string, string>> = {
    "aws:rds/snapshot:Snapshot": "dbInstanceIdentifier",
    "aws:rds/clusterSnapshot:ClusterSnapshot": "dbClusterIdentifier",
    "aws:rds/snapshotCopy:SnapshotCopy": "sourceDbSnapshotIdentifier",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": "sourceDbClusterSnapshotIdentifier",
    "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission": "snapshotId",
    "aws:ec2/amiLaunchPermission:AmiLaunchPermission": "imageId",
    "aws:ebs/snapshot:Snapshot": "volumeId",
    "aws:ebs/snapshotCopy:SnapshotCopy": "sourceSnapshotId",
    "aws:ec2/amiFromInstance:AmiFromInstance": "sourceInstanceId",
    "aws:ec2/amiCopy:AmiCopy": "sourceAmiId",
};
const SHARERS = types(...Object.keys(SHARING));

/**
 * Whether what a resource shares may hold PHI: the store it was taken from, followed through
 * copies, snapshots and images, is in the PHI scope. When the chain leaves the stack before it
 * reaches a store, the classification of what the stack holds (the share, the copies) decides.
 */
function holdsPhi(stack: StackIndex, r: StackResource, ctx: CheckContext<unknown>): boolean {
    const seen: StackResource[] = [];
    let current: StackResource | undefined = r;
    while (current !== undefined && seen.length < 6 && !seen.includes(current)) {
        if (AWS_PHI_STORES.has(current.type)) return ctx.isPhi(current);
        seen.push(current);
        const prop: string | undefined = SOURCE_OF[canonicalType(current.type)];
        current = prop === undefined ? undefined : stack.linked(current, prop)[0];
    }
    return seen.some((v) => ctx.isPhi(v));
}

/** The organization id in an Organizations ARN (`arn:aws:organizations::111122223333:organization/o-abc`, `.../ou/o-abc/ou-x`). */
const organizationOf = (arn: string): string | undefined => /:(?:organization|ou)\/(o-[a-z0-9]+)/i.exec(arn)?.[1];

/** The accounts a sharing resource names, each with its path; UNKNOWN-valued entries included. */
function sharedWith(r: ResourceInput): { at: string; value: Plain }[] | "unknown" {
    const { prop, many } = SHARING[canonicalType(r.type)];
    if (!many) return [{ at: prop, value: r.props[prop] }];
    const list = asList(r.props[prop]);
    return isUnknown(list) ? "unknown" : list.map((value, i) => ({ at: `${prop}[${i}]`, value }));
}

const isAll = (v: Plain) => typeof v === "string" && v.trim().toLowerCase() === "all";

/** What needs no other resource: a share with `all`, a public image, values unknown at preview. */
function judgeOwn(r: ResourceInput, ctx: CheckContext<unknown>, urn?: string): void {
    const shared = sharedWith(r);
    if (shared === "unknown") ctx.unverified(SHARING[canonicalType(r.type)].prop, urn);
    else {
        for (const { at, value } of shared) {
            if (isUnknown(value)) ctx.unverified(at, urn);
            else if (isAll(value)) ctx.fail({ problem: "a snapshot of PHI is shared with every AWS account (`all`)", at, fix: "remove `all`: nobody outside the organisation may restore PHI", urn });
        }
    }
    if (canonicalType(r.type) !== LAUNCH_PERMISSION) return;
    const group = r.props.group;
    if (isUnknown(group)) ctx.unverified("group", urn);
    else if (isAll(group)) ctx.fail({ problem: "an image of PHI is public: its launch permission is the group `all`", at: "group", fix: "remove the public launch permission", urn });
    for (const prop of ["organizationArn", "organizationalUnitArn"]) if (isUnknown(r.props[prop])) ctx.unverified(prop, urn);
}

/** What needs the boundary: the accounts and organizations named. */
function judgeAccounts(r: StackResource, judge: AccountJudge, ctx: CheckContext<unknown>): void {
    const shared = sharedWith(r);
    for (const { at, value } of shared === "unknown" ? [] : shared) {
        if (typeof value !== "string" || value.trim() === "" || isAll(value) || !judge.isOutside(value)) continue;
        ctx.fail({ problem: `a snapshot or image of PHI is shared with account ${value.trim()}, outside the organisation's boundary`, at, fix: "share only with accounts in trustedAwsAccountIds (phi-guard-settings)", urn: r.urn });
    }
    if (canonicalType(r.type) !== LAUNCH_PERMISSION) return;
    for (const prop of ["organizationArn", "organizationalUnitArn"]) {
        const arn = r.props[prop];
        if (typeof arn !== "string" || arn.trim() === "") continue;
        const org = organizationOf(arn);
        if (org !== undefined && judge.boundary.trustsOrganization(org)) continue;
        // An organization whose management account is inside the boundary is the organisation's own.
        const account = accountOfArn(arn);
        if (account !== undefined && !judge.isOutside(account)) continue;
        ctx.fail({ problem: "an image of PHI is shared with an organization that is not a trusted one", at: prop, fix: "share only with organizations in trustedAwsOrganizationIds (phi-guard-settings)", urn: r.urn });
    }
}

const settled = new Settled();

export const awsExfilSharedSnapshots: ResourceControl = {
    id: "aws-exfil-shared-snapshots",
    title: "No snapshot or image of a PHI store is shared publicly or with an untrusted account",
    cloud: "aws",
    category: "data-exfiltration",
    severity: "critical",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)")],
    description:
        "Sharing a database snapshot, an EBS snapshot or an image gives the other account a full copy of the data it holds, which it can restore in its own account beyond any of the organisation's controls; sharing with `all` gives it to everyone. Snapshots and images of PHI stores are shared, if at all, only with accounts inside the organisation's boundary.",
    remediation:
        "Remove `all` and untrusted accounts from sharedAccounts, SnapshotCreateVolumePermission.accountId and AmiLaunchPermission (accountId, group, organizationArn, organizationalUnitArn); share only with accounts in trustedAwsAccountIds or organizations in trustedAwsOrganizationIds (phi-guard-settings).",
    unknowns:
        "A shared-account list, account, group or organization unknown at preview is reported as unverified (advisory). With no trusted account configured and none shown by the stack, named accounts are not judged and the control says so once for the stack. Under a PHI scope other than `all`, what is shared is PHI when the store it comes from is (followed through copies and images in the stack) or, when that store is not in the stack, when the share or a copy on the way is classified PHI.",
    acrossResources:
        "The accounts named, against the boundary (the stack's own accounts by default); and, when the PHI scope depends on tags, the store each snapshot or image comes from, followed through copies and images.",
    types: SHARERS,
    judges: types(...Object.keys(SOURCE_OF), ...AWS_PHI_STORES.canonical),
    checkResource(r, ctx) {
        // Whether what is shared is PHI needs its store, unless every resource is in scope.
        const own = everyResourceIsPhi(ctx);
        if (own) judgeOwn(r, ctx);
        settled.record(r.urn, own);
    },
    checkStack(stack, ctx) {
        const judge = new AccountJudge(stack, ctx.settings);
        for (const r of stack.ofType(SHARERS)) {
            if (!settled.has(r.urn)) {
                if (!holdsPhi(stack, r, ctx)) continue;
                judgeOwn(r, ctx, r.urn);
            }
            judgeAccounts(r, judge, ctx);
        }
        judge.finish(ctx, "shared snapshots and images");
    },
};

import type { CheckContext, StackControl } from "../../control";
import { AccountJudge, accountOfArn } from "../../lib/aws/boundary";
import { AWS_PHI_STORES } from "../../lib/aws/stores";
import { inferred } from "../../lib/hipaa";
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
 * reaches a store, nothing shows the data is not PHI, so it counts as PHI.
 */
function holdsPhi(stack: StackIndex, r: StackResource, ctx: CheckContext<unknown>): boolean {
    let current = r;
    for (let hop = 0; hop < 6; hop++) {
        if (AWS_PHI_STORES.has(current.type)) return ctx.isPhi(current);
        const prop = SOURCE_OF[canonicalType(current.type)];
        const next = prop === undefined ? undefined : stack.linked(current, prop)[0];
        if (next === undefined) return true;
        current = next;
    }
    return true;
}

/** The organization id in an Organizations ARN (`arn:aws:organizations::111122223333:organization/o-abc`, `.../ou/o-abc/ou-x`). */
const organizationOf = (arn: string): string | undefined => /:(?:organization|ou)\/(o-[a-z0-9]+)/i.exec(arn)?.[1];

export const awsExfilSharedSnapshots: StackControl = {
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
        "A shared-account list or account unknown at preview is reported as unverified (advisory). With no trusted account configured and none shown by the stack, named accounts are not judged and the control says so once for the stack. What is shared counts as PHI unless the store it comes from (followed through copies and images in the stack) is outside the PHI scope.",
    acrossResources: "The store each snapshot or image comes from (its PHI classification), followed through copies and images; the stack's own accounts as the default boundary.",
    judges: types(...Object.keys(SOURCE_OF), ...AWS_PHI_STORES.canonical),
    checkStack(stack, ctx) {
        const judge = new AccountJudge(stack, ctx.settings);
        for (const r of stack.ofType(SHARERS)) {
            if (!holdsPhi(stack, r, ctx)) continue;
            const { prop, many } = SHARING[canonicalType(r.type)];
            const accounts = many ? asList(r.props[prop]) : [r.props[prop]];
            if (isUnknown(accounts)) {
                ctx.unverified(prop, r.urn);
                continue;
            }
            accounts.forEach((a, i) => checkAccount(a, many ? `${prop}[${i}]` : prop, r, judge, ctx));
            if (canonicalType(r.type) === LAUNCH_PERMISSION) checkLaunchPermission(r, judge, ctx);
        }
        judge.finish(ctx, "shared snapshots and images");
    },
};

function checkAccount(value: Plain, at: string, r: StackResource, judge: AccountJudge, ctx: CheckContext<unknown>): void {
    if (isUnknown(value)) return ctx.unverified(at, r.urn);
    if (typeof value !== "string" || value.trim() === "") return;
    if (value.trim().toLowerCase() === "all") {
        ctx.fail({ problem: "a snapshot of PHI is shared with every AWS account (`all`)", at, fix: "remove `all`: nobody outside the organisation may restore PHI", urn: r.urn });
    } else if (judge.isOutside(value)) {
        ctx.fail({ problem: `a snapshot or image of PHI is shared with account ${value.trim()}, outside the organisation's boundary`, at, fix: "share only with accounts in trustedAwsAccountIds (phi-guard-settings)", urn: r.urn });
    }
}

/** An image's launch permission for a group (`all`) or an organization / organizational unit. */
function checkLaunchPermission(r: StackResource, judge: AccountJudge, ctx: CheckContext<unknown>): void {
    const group = r.props.group;
    if (isUnknown(group)) ctx.unverified("group", r.urn);
    else if (typeof group === "string" && group.trim().toLowerCase() === "all") {
        ctx.fail({ problem: "an image of PHI is public: its launch permission is the group `all`", at: "group", fix: "remove the public launch permission", urn: r.urn });
    }
    for (const prop of ["organizationArn", "organizationalUnitArn"]) {
        const arn = r.props[prop];
        if (isUnknown(arn)) {
            ctx.unverified(prop, r.urn);
            continue;
        }
        if (typeof arn !== "string" || arn.trim() === "") continue;
        const org = organizationOf(arn);
        if (org !== undefined && judge.boundary.trustsOrganization(org)) continue;
        // An organization whose management account is inside the boundary is the organisation's own.
        const account = accountOfArn(arn);
        if (account !== undefined && !judge.isOutside(account)) continue;
        ctx.fail({
            problem: "an image of PHI is shared with an organization that is not a trusted one",
            at: prop,
            fix: "share only with organizations in trustedAwsOrganizationIds (phi-guard-settings)",
            urn: r.urn,
        });
    }
}

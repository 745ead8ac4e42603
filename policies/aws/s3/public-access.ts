import type { CheckContext, StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { restrictsCaller } from "../../lib/aws/conditions";
import { isPublicPrincipal } from "../../lib/iam-document";
import { forEachAllowStatement } from "../../lib/aws/documents";
import { concernsPhi, publicAccessBlockGaps, publicAccessCoverage, reportJudgement, S3_ACLS, S3_POLICIES, S3_PUBLIC_ACCESS_BLOCKS, S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS, S3Buckets, S3_BUCKETS } from "../../lib/aws-s3";
import type { StackResource } from "../../lib/stack-index";
import { asList, at, isUnknown, Plain } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

/** Canned ACLs that let anyone (or any AWS account) read or write. */
const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GROUP = /^https?:\/\/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)\/?$/i;

type Ctx = CheckContext<unknown>;

function checkCannedAcl(acl: Plain, path: string, urn: string, ctx: Ctx): void {
    if (isUnknown(acl)) ctx.unverified(path, urn);
    else if (typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl.trim().toLowerCase())) {
        // A canned ACL name is an enum, safe to echo.
        ctx.fail({ problem: `the canned ACL "${acl.trim()}" makes the bucket public`, at: path, fix: 'use the "private" ACL (or none, with BucketOwnerEnforced ownership)', urn });
    }
}

/** Grants to the AllUsers / AuthenticatedUsers groups, as grantee URIs (ACL resources) or `uri` (inline grants). */
function checkGrants(grants: Plain, path: string, uriPath: string, urn: string, ctx: Ctx): void {
    const list = asList(grants);
    if (isUnknown(list)) return ctx.unverified(path, urn);
    list.forEach((g, i) => {
        const uri = at(g, uriPath);
        if (isUnknown(uri)) ctx.unverified(`${path}[${i}].${uriPath}`, urn);
        else if (typeof uri === "string" && PUBLIC_GROUP.test(uri.trim())) {
            ctx.fail({ problem: "a grant to the AllUsers/AuthenticatedUsers group makes the bucket public", at: `${path}[${i}].${uriPath}`, fix: "remove the grant; give access to named principals through IAM", urn });
        }
    });
}

function checkPolicy(doc: Plain, path: string, urn: string, ctx: Ctx): void {
    if (doc === "") return;
    forEachAllowStatement(
        [{ at: path, doc }],
        ctx,
        (s, where) => {
            // Allow with NotPrincipal reaches everyone it does not name.
            const open = s.notPrincipal !== undefined ? (isUnknown(s.notPrincipal) ? s.notPrincipal : true) : isPublicPrincipal(s.principal);
            if (open === false) return;
            const restricted = restrictsCaller(s);
            if (restricted === true) return;
            if (open === true && restricted === false) {
                ctx.fail({
                    problem: s.notPrincipal !== undefined ? "Allow with NotPrincipal grants access to everyone else" : 'Allow to Principal "*" without a condition that restricts the caller',
                    at: where,
                    fix: "name the principals, or restrict the statement with aws:PrincipalOrgID, aws:SourceVpce, aws:SourceArn or aws:SourceAccount",
                    urn,
                });
            } else ctx.unverified(where, urn);
        },
        urn,
    );
}

export const awsS3PublicAccess: StackControl = {
    id: "aws-s3-public-access",
    title: "S3 buckets are not public",
    cloud: "aws",
    judges: unionOf(S3_BUCKETS, S3_PUBLIC_ACCESS_BLOCKS, S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS, S3_ACLS, S3_POLICIES),
    category: "public-exposure",
    severity: "critical",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "Every PHI bucket must be covered by a public access block with all four flags on (its own or the account's), and no ACL or bucket policy may open it to everyone. A single public-read ACL or Principal \"*\" statement exposes PHI to the internet, and the block is what stops a later change from doing so.",
    remediation:
        "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true (or an aws.s3.AccountPublicAccessBlock), remove public ACLs and grants, and restrict bucket policy statements to named principals or an organization/VPC endpoint condition.",
    unknowns: "Block flags, ACLs, grantee URIs and policy documents unknown at preview are reported as unverified; a bucket whose only block has unknown flags is unverified.",
    checkStack(stack, ctx) {
        const s3 = new S3Buckets(stack);
        const judged = (c: StackResource) => concernsPhi(s3, c, ctx);
        for (const block of [...stack.ofType(S3_PUBLIC_ACCESS_BLOCKS), ...stack.ofType(S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS)]) {
            if (S3_PUBLIC_ACCESS_BLOCKS.has(block.type) && !judged(block)) continue;
            const { off, unknown } = publicAccessBlockGaps(block.props);
            if (off.length > 0) ctx.fail({ problem: `the public access block leaves ${off.join(", ")} off`, at: off[0], fix: "set all four flags to true", urn: block.urn });
            else if (unknown.length > 0) ctx.unverified(unknown[0], block.urn);
        }
        for (const acl of stack.ofType(S3_ACLS)) {
            if (!judged(acl)) continue;
            checkCannedAcl(acl.props.acl, "acl", acl.urn, ctx);
            checkGrants(at(acl.props, "accessControlPolicy.grants"), "accessControlPolicy.grants", "grantee.uri", acl.urn, ctx);
        }
        for (const policy of stack.ofType(S3_POLICIES)) {
            if (judged(policy)) checkPolicy(policy.props.policy, "policy", policy.urn, ctx);
        }
        for (const bucket of s3.buckets) {
            if (!ctx.isPhi(bucket)) continue;
            checkCannedAcl(bucket.props.acl, "acl", bucket.urn, ctx);
            checkGrants(bucket.props.grants, "grants", "uri", bucket.urn, ctx);
            checkPolicy(bucket.props.policy, "policy", bucket.urn, ctx);
            // Gaps in the bucket's own blocks are reported on those blocks; here, only a bucket that has none.
            if (s3.companions(bucket, "publicAccessBlock").length > 0) continue;
            const coverage = publicAccessCoverage(s3, bucket);
            // An account block with unknown flags was reported as unverified above.
            if (coverage.kind !== "unknown") reportJudgement(coverage, ctx, "add an aws.s3.BucketPublicAccessBlock for the bucket with all four flags true");
        }
    },
};

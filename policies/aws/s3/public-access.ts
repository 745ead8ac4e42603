import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { allowsEveryone } from "../../lib/aws/conditions";
import { forEachAllowStatement } from "../../lib/aws/documents";
import { blockGaps, bucketPolicyDocument, isAwsNative, inlinePublicAccessBlock, ownPublicAccessBlocks, PublicAccessBlock, publicAccessCoverage, reportJudgement, S3_ACLS, S3_BUCKETS, S3_POLICIES, S3_PUBLIC_ACCESS_BLOCKS, S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS, S3Buckets } from "../../lib/aws-s3";
import { S3_OBJECTS } from "../../lib/aws/stores";
import { types, unionOf } from "../../lib/type-tokens";
import { asList, at, isUnknown, Plain } from "../../lib/values";

/** Canned ACLs that let anyone (or any AWS account) read or write, compared without dashes: aws-native spells them `PublicRead`. */
const PUBLIC_CANNED_ACLS = ["publicread", "publicreadwrite", "authenticatedread"];
const PUBLIC_GROUP = /^https?:\/\/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)\/?$/i;

type Ctx = CheckContext<unknown>;

function checkCannedAcl(acl: Plain, path: string, urn: string, ctx: Ctx, what = "bucket"): void {
    if (isUnknown(acl)) ctx.unverified(path, urn);
    else if (typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl.trim().toLowerCase().replace(/-/g, ""))) {
        // A canned ACL name is an enum, safe to echo.
        ctx.fail({ problem: `the canned ACL "${acl.trim()}" makes the ${what} public`, at: path, fix: 'use the "private" ACL (or none, with BucketOwnerEnforced ownership)', urn });
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
            const open = allowsEveryone(s);
            if (open === false) return;
            if (open === true) {
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

/** A public access block (standalone, an account's, or an aws-native bucket's inline one), judged on its own flags. */
function checkBlock(block: PublicAccessBlock, ctx: Ctx): void {
    const { off, unknownAt } = blockGaps(block);
    if (off.length > 0) ctx.fail({ problem: `the public access block leaves ${off.join(", ")} off`, at: `${block.prefix}${off[0]}`, fix: "set all four flags to true", urn: block.urn });
    else if (unknownAt !== undefined) ctx.unverified(unknownAt, block.urn);
}

/** A bucket's companions (its block, ACL, policy and objects) and account blocks, judged on their own settings. */
function checkCompanion(r: ResourceInput, ctx: Ctx): void {
    if (S3_OBJECTS.has(r.type)) checkCannedAcl(r.props.acl, "acl", r.urn, ctx, "object");
    else if (S3_ACLS.has(r.type)) {
        checkCannedAcl(r.props.acl, "acl", r.urn, ctx);
        checkGrants(at(r.props, "accessControlPolicy.grants"), "accessControlPolicy.grants", "grantee.uri", r.urn, ctx);
    } else if (S3_POLICIES.has(r.type)) {
        const { at: path, doc } = bucketPolicyDocument(r);
        checkPolicy(doc, path, r.urn, ctx);
    } else checkBlock({ flags: r.props, urn: r.urn, prefix: "" }, ctx);
}

const COMPANIONS = types(...S3_PUBLIC_ACCESS_BLOCKS.canonical, ...S3_ACLS.canonical, ...S3_POLICIES.canonical, ...S3_OBJECTS.canonical);

export const awsS3PublicAccess: ResourceControl = {
    id: "aws-s3-public-access",
    title: "S3 buckets are not public",
    cloud: "aws",
    judges: unionOf(S3_BUCKETS, S3_PUBLIC_ACCESS_BLOCKS, S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS, S3_ACLS, S3_POLICIES, S3_OBJECTS),
    category: "public-exposure",
    severity: "critical",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "Every PHI bucket must be covered by a public access block with all four flags on (its own or the account's), and no ACL, bucket policy or object ACL (BucketObject, BucketObjectv2) may open it or what it holds to everyone. A single public-read ACL or Principal \"*\" statement exposes PHI to the internet, and the block is what stops a later change from doing so.",
    remediation:
        "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true (or an aws.s3.AccountPublicAccessBlock), remove public ACLs and grants (on the bucket and on every object uploaded into it: no public-read, public-read-write or authenticated-read object ACL), and restrict bucket policy statements to named principals or an organization/VPC endpoint condition.",
    unknowns: "Block flags, bucket and object ACLs, grantee URIs and policy documents unknown at preview are reported as unverified; a bucket whose only block has unknown flags is unverified.",
    acrossResources:
        "Coverage: a PHI bucket without a public access block of its own must be covered by the account's block. Under tagged PHI scope, whether a bucket's standalone block, ACL, policy or object belongs to a PHI bucket.",
    types: types(...S3_BUCKETS.canonical, ...S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS.canonical, ...COMPANIONS.canonical),
    checkResource(r, ctx) {
        if (S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS.has(r.type) || (COMPANIONS.has(r.type) && !ctx.phiFromStack(r))) return checkCompanion(r, ctx);
        if (!S3_BUCKETS.has(r.type) || !ctx.isPhi(r)) return;
        checkCannedAcl(r.props.acl, "acl", r.urn, ctx);
        checkCannedAcl(r.props.accessControl, "accessControl", r.urn, ctx);
        checkGrants(r.props.grants, "grants", "uri", r.urn, ctx);
        checkPolicy(r.props.policy, "policy", r.urn, ctx);
        const inline = inlinePublicAccessBlock(r);
        if (inline) checkBlock(inline, ctx);
    },
    checkStack(stack, ctx) {
        const s3 = new S3Buckets(stack);
        // A standalone block, ACL or policy takes its bucket's PHI scope (see ctx.isPhi).
        for (const c of stack.ofType(COMPANIONS)) if (ctx.phiFromStack(c) && ctx.isPhi(c)) checkCompanion(c, ctx);
        for (const bucket of s3.buckets) {
            // Gaps in the bucket's own blocks are reported on those blocks; here, only a bucket that has none.
            if (!ctx.isPhi(bucket) || ownPublicAccessBlocks(s3, bucket).length > 0) continue;
            const coverage = publicAccessCoverage(s3, bucket);
            // An account block with unknown flags is reported as unverified on that block.
            const fix = isAwsNative(bucket.type) ? "set publicAccessBlockConfiguration with all four flags true" : "add an aws.s3.BucketPublicAccessBlock for the bucket with all four flags true";
            if (coverage.kind !== "unknown") reportJudgement(coverage, ctx, fix);
        }
    },
};

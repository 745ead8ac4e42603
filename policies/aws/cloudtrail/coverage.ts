import type { StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { CLOUDTRAIL_TRAILS, trailEnabled, trailLoggingProp } from "../../lib/aws-cloudtrail";
import { s3BucketName, S3Buckets, S3_BUCKETS } from "../../lib/aws-s3";
import type { StackResource } from "../../lib/stack-index";
import { asBool, asList, asString, at, isObject, isUnknown, Plain, Unknown, UNKNOWN } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

interface Config {
    requireOrganizationTrail: boolean;
    managedCentrally: boolean;
}

type Coverage = boolean | Unknown;

function either(a: Coverage, b: Coverage): Coverage {
    if (a === true || b === true) return true;
    return isUnknown(a) || isUnknown(b) ? UNKNOWN : false;
}

function both(a: Coverage, b: Coverage): Coverage {
    if (a === false || b === false) return false;
    return isUnknown(a) || isUnknown(b) ? UNKNOWN : true;
}

const not = (a: Coverage): Coverage => (isUnknown(a) ? a : !a);

/**
 * How a selector property relates to a bucket through propertyDependencies: built from this
 * bucket's outputs, built only from other resources' outputs, or no dependency recorded.
 */
type Link = "this" | "other" | "none";

function linkOf(trail: StackResource, prop: string, bucket: StackResource): Link {
    const deps = trail.propertyDependencies[prop] ?? [];
    return deps.includes(bucket.urn) ? "this" : deps.length > 0 ? "other" : "none";
}

/** What a value unknown at preview selects: this bucket if built from it, not it if built only from others. */
const unknownSelects = (link: Link): Coverage => (link === "this" ? true : link === "other" ? false : UNKNOWN);

/** How much of a bucket's objects one ARN value reaches under an operator. */
type Reach = "all" | "some" | "none";

/** How an advanced selector operator compares an object's ARN with its values. */
type Comparison = "equals" | "startsWith" | "endsWith";

/**
 * The operators of an advanced field selector as @pulumi/aws v7 spells them (TrailAdvancedEventSelectorFieldSelector
 * in @pulumi/aws/types/input.d.ts), each with how it compares and whether it includes or excludes.
 * CloudTrail combines the operators of one field selector, and the field selectors of one
 * selector, with AND; the values of one operator with OR.
 */
const ARN_OPERATORS: readonly [string, Comparison, "include" | "exclude"][] = [
    ["equals", "equals", "include"],
    ["startsWiths", "startsWith", "include"],
    ["endsWiths", "endsWith", "include"],
    ["notEquals", "equals", "exclude"],
    ["notStartsWiths", "startsWith", "exclude"],
    ["notEndsWiths", "endsWith", "exclude"],
];

/** An S3 ARN (or prefix of one) in the `aws` partition and lower case, so `arn:aws-us-gov:s3:::b/` compares with `arn:aws:s3:::b/`. */
const normalArn = (v: string) => v.trim().toLowerCase().replace(/^arn:aws[a-z-]*(?=:|$)/, "arn:aws");
const EVERY_BUCKET = "arn:aws:s3:::";

/**
 * What one ARN value reaches of a bucket's objects (`arn:aws:s3:::<name>/<key>`): a prefix reaches
 * all of them when the bucket's object prefix starts with it (`arn:aws:s3`, `arn:aws:s3:::acme-`,
 * `arn:aws:s3:::acme-records/`) and some when it starts with the bucket's (`.../phi/`); an exact
 * ARN reaches at most one object, a suffix some objects of any bucket. UNKNOWN when the answer
 * depends on a bucket name unknown at preview.
 */
function reach(value: string, comparison: Comparison, name: string | Unknown | undefined): Reach | Unknown {
    const v = normalArn(value);
    if (comparison === "endsWith") return v === "" ? "all" : "some";
    if (comparison === "startsWith" && EVERY_BUCKET.startsWith(v)) return "all";
    if (typeof name !== "string") return UNKNOWN;
    const objects = `${EVERY_BUCKET}${name.trim().toLowerCase()}/`;
    if (comparison === "startsWith" && objects.startsWith(v)) return "all";
    return v.startsWith(objects) ? "some" : "none";
}

/**
 * Whether the values of one operator, taken together, include every object of the bucket (or,
 * for an exclusion, leave every object in). A value unknown at preview counts by its link.
 */
function operatorCovers(values: Plain, comparison: Comparison, effect: "include" | "exclude", bucket: StackResource, linked: Link): Coverage {
    const name = s3BucketName(bucket);
    const list = asList(values);
    const include = effect === "include";
    if (isUnknown(list)) return include ? unknownSelects(linked) : not(unknownSelects(linked));
    let result: Coverage = !include;
    for (const v of list) {
        let c: Coverage;
        if (isUnknown(v)) c = include ? unknownSelects(linked) : not(unknownSelects(linked));
        else if (typeof v !== "string") continue;
        else {
            const r = reach(v, comparison, name);
            c = isUnknown(r) ? UNKNOWN : include ? r === "all" : r === "none";
        }
        result = include ? either(result, c) : both(result, c);
    }
    return result;
}

/** Classic data resource values are ARN prefixes: `arn:aws:s3` (every bucket), `arn:aws:s3:::bucket/`, `arn:aws:s3:::bucket/prefix`. */
const selectsBucket = (values: Plain, bucket: StackResource, linked: Link): Coverage => operatorCovers(values, "startsWith", "include", bucket, linked);

/** Classic event selectors: a data resource of type AWS::S3::Object that selects the bucket, reads and writes. */
function classicCoverage(trail: StackResource, bucket: StackResource): Coverage {
    const selectors = asList(trail.props.eventSelectors);
    if (isUnknown(selectors)) return UNKNOWN;
    const linked = linkOf(trail, "eventSelectors", bucket);
    let result: Coverage = false;
    for (const selector of selectors) {
        if (isUnknown(selector)) return UNKNOWN;
        const rw = asString(at(selector, "readWriteType"));
        if (isUnknown(rw)) result = either(result, UNKNOWN);
        else if (rw !== undefined && rw.toLowerCase() !== "all") continue;
        const resources = asList(at(selector, "dataResources"));
        if (isUnknown(resources)) return UNKNOWN;
        for (const r of resources) {
            const type = asString(at(r, "type"));
            if (isUnknown(type)) result = either(result, UNKNOWN);
            else if (type?.toLowerCase() === "aws::s3::object") result = either(result, selectsBucket(at(r, "values"), bucket, linked));
        }
    }
    return result;
}

/** Advanced event selectors: eventCategory Data, resources.type AWS::S3::Object, no read-only filter, ARN filter (if any) selecting the bucket. */
function advancedCoverage(trail: StackResource, bucket: StackResource): Coverage {
    const selectors = asList(trail.props.advancedEventSelectors);
    if (isUnknown(selectors)) return UNKNOWN;
    const linked = linkOf(trail, "advancedEventSelectors", bucket);
    let result: Coverage = false;
    for (const selector of selectors) {
        const fields = asList(at(selector, "fieldSelectors"));
        if (isUnknown(fields) || fields.some((f) => !isObject(f))) {
            result = either(result, UNKNOWN);
            continue;
        }
        const field = (name: string) => fields.filter((f) => isObject(f) && typeof f.field === "string" && f.field.toLowerCase() === name.toLowerCase());
        const equalsValue = (name: string, value: string): Coverage => {
            let r: Coverage = false;
            for (const f of field(name)) {
                const eq = asList(at(f, "equals"));
                if (isUnknown(eq) || eq.some(isUnknown)) r = either(r, UNKNOWN);
                else if (eq.some((v) => typeof v === "string" && v.toLowerCase() === value.toLowerCase())) r = true;
            }
            return r;
        };
        const data = equalsValue("eventCategory", "Data");
        const s3 = equalsValue("resources.type", "AWS::S3::Object");
        if (data === false || s3 === false) continue;
        // A read-only or write-only filter leaves half of the accesses unrecorded.
        if (field("readOnly").length > 0) continue;
        let selects: Coverage = both(data, s3);
        for (const f of field("resources.ARN")) {
            for (const [operator, comparison, effect] of ARN_OPERATORS) {
                const values = at(f, operator);
                if (values !== undefined && values !== null) selects = both(selects, operatorCovers(values, comparison, effect, bucket, linked));
            }
        }
        result = either(result, selects);
    }
    return result;
}

/** The bucket a known ARN value names whole (`arn:aws:s3:::<name>/...`), in lower case; undefined for a prefix of names or of every bucket. */
const namedBucket = (v: string): string | undefined => /^arn:aws:s3:::([^/]+)\//.exec(normalArn(v))?.[1];

/**
 * The buckets a trail can record at all, by name: when each of its selectors that may record S3
 * objects names its buckets by known ARNs, its coverage of any other bucket with a known name is
 * false (see reach). "any" when one selects every bucket, a prefix of names, or a value unknown at
 * preview. It only spares the stack control from judging each bucket against every trail.
 */
function trailScope(trail: StackResource): "any" | Set<string> {
    const names = new Set<string>();
    const allNamed = (values: Plain): boolean => {
        const list = asList(values);
        if (isUnknown(list)) return false;
        for (const v of list) {
            if (isUnknown(v)) return false;
            if (typeof v !== "string") continue;
            const name = namedBucket(v);
            if (name === undefined) return false;
            names.add(name);
        }
        return true;
    };
    const classic = asList(trail.props.eventSelectors);
    if (isUnknown(classic)) return "any";
    for (const selector of classic) {
        const resources = asList(at(selector, "dataResources"));
        if (isUnknown(selector) || isUnknown(at(selector, "readWriteType")) || isUnknown(resources)) return "any";
        for (const r of resources) {
            const type = asString(at(r, "type"));
            if (isUnknown(type) || (type?.toLowerCase() === "aws::s3::object" && !allNamed(at(r, "values")))) return "any";
        }
    }
    const advanced = asList(trail.props.advancedEventSelectors);
    if (isUnknown(advanced)) return "any";
    for (const selector of advanced) {
        const fields = asList(at(selector, "fieldSelectors"));
        if (isUnknown(fields) || fields.some((f) => !isObject(f))) return "any";
        const named = (f: Plain) => isObject(f) && typeof f.field === "string" && f.field.toLowerCase() === "resources.arn";
        // One include operator that names its buckets narrows the whole selector (its field selectors are ANDed).
        const narrowed = fields.filter(named).some((f) => ["equals", "startsWiths"].some((op) => at(f, op) !== undefined && at(f, op) !== null && allNamed(at(f, op))));
        if (!narrowed) return "any";
    }
    return names;
}

export const awsCloudtrailCoverage: StackControl<Config> = {
    id: "aws-cloudtrail-coverage",
    title: "CloudTrail records every region and the object-level access to PHI buckets",
    cloud: "aws",
    judges: unionOf(CLOUDTRAIL_TRAILS, S3_BUCKETS),
    category: "audit-logging",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(b)")],
    description:
        "A stack with trails needs at least one enabled multi-region trail that includes global service events (an organization trail where configured), and every PHI bucket's object reads and writes must be recorded as S3 data events. Management events alone do not show who read which record.",
    remediation:
        'Create an aws.cloudtrail.Trail with isMultiRegionTrail: true, includeGlobalServiceEvents: true (isOrganizationTrail: true in the management account) and an event selector { readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: [`${bucket.arn}/`] }] } (or "arn:aws:s3" for every bucket).',
    unknowns:
        "Trail flags or event selectors unknown at preview are reported as unverified; a selector value built from a bucket's outputs (a propertyDependency on the bucket) selects that bucket.",
    acrossResources: "Every judgement is coverage: some enabled multi-region trail of the stack, and for each PHI bucket some trail whose data event selectors record it.",
    config: {
        requireOrganizationTrail: { type: "boolean", default: false, description: "Require the multi-region trail to be an organization trail (isOrganizationTrail)." },
        managedCentrally: {
            type: "boolean",
            default: false,
            description: "CloudTrail is managed outside this stack (e.g. an organization trail with data events in the management account): skip this control.",
        },
    },
    checkStack(stack, ctx) {
        if (ctx.config.managedCentrally) return;
        const trails = stack.ofType(CLOUDTRAIL_TRAILS);
        const s3 = new S3Buckets(stack);
        const phiBuckets = s3.buckets.filter((b) => ctx.isPhi(b));
        if (trails.length === 0) {
            // With no trail in the stack the gap is about the PHI the stack holds: report it on each PHI bucket.
            for (const b of phiBuckets) {
                ctx.fail({
                    problem: "no CloudTrail trail in the stack records this PHI bucket's object-level (data) events",
                    at: "eventSelectors",
                    fix: 'add a multi-region aws.cloudtrail.Trail with an AWS::S3::Object data event selector for the bucket, or set managedCentrally when an organization trail records it',
                    urn: b.urn,
                });
            }
            return;
        }
        checkMultiRegion(trails, ctx);
        // Each bucket is judged against the trails that can record it: those of any bucket, and those naming it.
        const broad: StackResource[] = [];
        const naming = new Map<string, StackResource[]>();
        for (const t of trails) {
            const scope = trailScope(t);
            if (scope === "any") broad.push(t);
            else for (const name of scope) naming.get(name)?.push(t) ?? naming.set(name, [t]);
        }
        for (const bucket of phiBuckets) {
            const name = s3BucketName(bucket);
            const candidates = typeof name === "string" ? [...broad, ...(naming.get(name.trim().toLowerCase()) ?? [])] : trails;
            // A trail whose logging is off records nothing, whatever its selectors say.
            let covered: Coverage = false;
            for (const t of candidates) {
                covered = either(covered, both(trailEnabled(t), either(classicCoverage(t, bucket), advancedCoverage(t, bucket))));
                if (covered === true) break;
            }
            if (covered === true) continue;
            if (isUnknown(covered)) ctx.unverified("eventSelectors", bucket.urn);
            else {
                ctx.fail({
                    problem: "no enabled trail records this PHI bucket's object-level reads and writes (S3 data events)",
                    at: "eventSelectors",
                    fix: 'add { readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: [`${bucket.arn}/`] }] } to a trail\'s eventSelectors',
                    urn: bucket.urn,
                });
            }
        }
    },
};

/** At least one trail is enabled, multi-region, with global service events (and an organization trail when required). */
function checkMultiRegion(trails: StackResource[], ctx: Parameters<StackControl<Config>["checkStack"]>[1]): void {
    const gaps = new Map<StackResource, string[]>();
    const unknown: StackResource[] = [];
    for (const t of trails) {
        const checks: [string, boolean | Unknown][] = [
            [trailLoggingProp(t.type), trailEnabled(t)],
            ["isMultiRegionTrail", asBool(t.props.isMultiRegionTrail) ?? false],
            ["includeGlobalServiceEvents", asBool(t.props.includeGlobalServiceEvents) ?? true],
        ];
        if (ctx.config.requireOrganizationTrail) checks.push(["isOrganizationTrail", asBool(t.props.isOrganizationTrail) ?? false]);
        const off = checks.filter(([, v]) => v === false).map(([k]) => k);
        if (off.length === 0 && checks.every(([, v]) => v === true)) return;
        if (off.length === 0) unknown.push(t);
        else gaps.set(t, off);
    }
    if (unknown.length > 0) {
        for (const t of unknown) ctx.unverified("isMultiRegionTrail", t.urn);
        return;
    }
    for (const [t, off] of gaps) {
        ctx.fail({
            problem: `no trail in the stack is an enabled multi-region trail with global service events${ctx.config.requireOrganizationTrail ? " for the organization" : ""}; this one has ${off.join(", ")} off`,
            at: off[0],
            fix: `set ${off.map((k) => `${k}: true`).join(", ")} on one trail`,
            urn: t.urn,
        });
    }
}

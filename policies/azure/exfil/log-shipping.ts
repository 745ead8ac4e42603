import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { publicAccessDisabled } from "../../lib/azure/stores";
import { azureBoundary, BoundaryFindings, destinationSide } from "../../lib/azure/boundary";
import { DIAGNOSTIC_SETTINGS, LOG_ANALYTICS_WORKSPACES, SUBSCRIPTION_DIAGNOSTIC_SETTINGS } from "../../lib/azure/types";
import { types, unionOf } from "../../lib/type-tokens";
import { isUnknown } from "../../lib/values";

export const WORKSPACE_DATA_EXPORTS = types("azure-native:operationalinsights:DataExport");

/** Where a diagnostic setting can send logs: each property holds a destination resource id. */
const DESTINATIONS = ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"];
const ALL_DIAGNOSTIC_SETTINGS = unionOf(DIAGNOSTIC_SETTINGS, SUBSCRIPTION_DIAGNOSTIC_SETTINGS);

export const azExfilLogShipping: ResourceControl = {
    id: "az-exfil-log-shipping",
    title: "PHI logs ship only to trusted subscriptions; workspaces not publicly queryable",
    cloud: "azure",
    category: "data-exfiltration",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(b)"), inferred("164.312(a)(1)")],
    description:
        "Diagnostic and audit logs of PHI stores carry PHI (SQL statements, blob names, request bodies) and the record of who read it; a diagnostic setting or workspace data export pointed at a workspace, storage account or event hub in another subscription copies them to whoever controls it. Destinations must be inside the organisation's boundary, and a workspace holding them must not answer queries from public networks.",
    remediation:
        'Point every diagnostic setting (workspaceId, storageAccountId, eventHubAuthorizationRuleId, marketplacePartnerId) and workspace data export (resourceId) at resources in a trusted subscription (phi-guard-settings trustedAzureSubscriptionIds), by full resource id; set publicNetworkAccessForQuery: "Disabled" on Log Analytics workspaces and query them through a private link scope.',
    unknowns:
        "An unknown publicNetworkAccessForQuery is unverified. A destination unknown at preview is placed through the stack resource it is taken from, else unverified; a destination without a subscription in it is unverified because its owner cannot be told.",
    acrossResources:
        "Destinations: each diagnostic setting (resource or subscription) and workspace data export is placed inside or outside the boundary (lib/azure/boundary.ts), which needs the stack's providers and resource ids; when the stack does not show its own subscription, one advisory asks for the trusted ids.",
    types: LOG_ANALYTICS_WORKSPACES,
    judges: unionOf(LOG_ANALYTICS_WORKSPACES, ALL_DIAGNOSTIC_SETTINGS, WORKSPACE_DATA_EXPORTS),
    checkResource(workspace, ctx) {
        if (!ctx.isPhi(workspace)) return;
        const disabled = publicAccessDisabled(workspace.props.publicNetworkAccessForQuery);
        if (isUnknown(disabled)) ctx.unverified("publicNetworkAccessForQuery");
        else if (!disabled) {
            ctx.fail({
                problem: "the workspace answers log queries from public networks (publicNetworkAccessForQuery Enabled, the default)",
                at: "publicNetworkAccessForQuery",
                fix: 'set publicNetworkAccessForQuery: "Disabled" and query through an Azure Monitor private link scope',
            });
        }
    },
    checkStack(stack, ctx) {
        const boundary = azureBoundary(stack, ctx.settings);
        const findings = new BoundaryFindings(ctx);
        const problem = "logs are shipped to a destination in a subscription outside the organisation's boundary";
        for (const setting of stack.ofType(ALL_DIAGNOSTIC_SETTINGS)) {
            for (const prop of DESTINATIONS) {
                const given = setting.props[prop] !== undefined && setting.props[prop] !== null && setting.props[prop] !== "";
                if (given || (setting.propertyDependencies[prop] ?? []).length > 0) {
                    findings.judge(destinationSide(stack, boundary, setting, prop), { problem, at: prop, urn: setting.urn });
                }
            }
        }
        for (const exp of stack.ofType(WORKSPACE_DATA_EXPORTS)) {
            findings.judge(destinationSide(stack, boundary, exp, "resourceId"), { problem: "a workspace data export ships logs to a destination in a subscription outside the organisation's boundary", at: "resourceId", urn: exp.urn });
        }
        findings.finish();
    },
};

import type { ResourceControl, ResourceInput } from "../../control";
import { AZ_COSMOS_ACCOUNTS, AZ_KEY_VAULTS, AZ_PHI_STORES, AZ_SQL_SERVERS, AZ_STORAGE_ACCOUNTS } from "../../lib/azure/stores";
import { prowler } from "../../lib/hipaa";
import type { TypeSet } from "../../lib/type-tokens";
import { types, unionOf } from "../../lib/type-tokens";
import { isUnknown, Unknown } from "../../lib/values";

interface Config {
    requiredPlans: string[];
    defenderManagedCentrally: boolean;
    purviewManagedCentrally: boolean;
}

const PRICINGS = types("azure-native:security:Pricing");
const PURVIEW_ACCOUNTS = types("azure-native:purview:Account");

/** Defender plans that protect one kind of store: a missing plan is reported on those stores. */
const PLAN_STORES: Record<string, TypeSet> = {
    storageaccounts: AZ_STORAGE_ACCOUNTS,
    keyvaults: AZ_KEY_VAULTS,
    sqlservers: AZ_SQL_SERVERS,
    cosmosdbs: AZ_COSMOS_ACCOUNTS,
};

/** The required plan a Pricing sets (lower case), UNKNOWN when its name is unknown, undefined for any other plan. */
function requiredPlan(pricing: ResourceInput, config: Config): string | undefined | Unknown {
    const name = pricing.props.pricingName;
    if (isUnknown(name)) return name;
    if (typeof name !== "string") return undefined;
    const plan = name.trim().toLowerCase();
    return config.requiredPlans.some((p) => p.toLowerCase() === plan) ? plan : undefined;
}

export const azDefenderPurview: ResourceControl<Config> = {
    id: "az-defender-purview",
    title: "Defender plans and Purview watch the PHI stores",
    cloud: "azure",
    judges: unionOf(AZ_PHI_STORES, PRICINGS),
    category: "monitoring",
    severity: "medium",
    phiScoped: true,
    hipaa: [prowler("164.308(a)(5)(ii)(C)")],
    description:
        "A stack holding PHI stores needs Microsoft Defender for Cloud plans at the Standard tier for Storage, Key Vault, SQL and Resource Manager, which flag unusual access and mass reads, and a Microsoft Purview account that classifies where PHI lives. Without them an insider's bulk download or key export raises no alert.",
    remediation:
        "Add azure-native security.Pricing resources (pricingName \"StorageAccounts\", \"KeyVaults\", \"SqlServers\", \"Arm\"; pricingTier \"Standard\"; scopeId the subscription) and a purview.Account, or set defenderManagedCentrally / purviewManagedCentrally when a platform team enables them for the subscription.",
    unknowns: "Unknown pricingName or pricingTier values are reported as unverified (advisory).",
    config: {
        requiredPlans: {
            type: "array",
            items: { type: "string" },
            default: ["StorageAccounts", "KeyVaults", "SqlServers", "Arm"],
            description: "Defender plan names (security.Pricing pricingName) that must be at the Standard tier when the stack holds PHI stores. Store plans are required only when the stack holds stores of that kind.",
        },
        defenderManagedCentrally: {
            type: "boolean",
            default: false,
            description: "Defender plans are enabled outside this stack (e.g. by a platform subscription policy): do not require Pricing resources here. Pricing resources declared here are still checked.",
        },
        purviewManagedCentrally: {
            type: "boolean",
            default: false,
            description: "PHI classification runs in a central Purview account outside this stack: do not require a purview.Account here.",
        },
    },
    acrossResources: "Coverage: a stack holding PHI stores must declare each required plan and a Purview account.",
    types: PRICINGS,
    checkResource(pricing, ctx) {
        const plan = requiredPlan(pricing, ctx.config);
        if (isUnknown(plan)) return ctx.unverified("pricingName");
        if (plan === undefined) return;
        const tier = pricing.props.pricingTier;
        if (isUnknown(tier)) ctx.unverified("pricingTier");
        else if (typeof tier !== "string" || tier.trim().toLowerCase() !== "standard") {
            ctx.fail({
                problem: `the Defender plan ${ctx.config.requiredPlans.find((p) => p.toLowerCase() === plan)} is not at the Standard tier`,
                at: "pricingTier",
                fix: 'set pricingTier: "Standard"',
            });
        }
    },
    checkStack(stack, ctx) {
        // A declared plan at a lower tier is reported on its Pricing (in Analyze), not as a missing plan.
        const declared = new Set(stack.ofType(PRICINGS).map((p) => requiredPlan(p, ctx.config)));
        const stores = stack.ofType(AZ_PHI_STORES).filter((s) => ctx.isPhi(s));
        if (stores.length === 0) return;
        // Findings that concern the whole stack go on its first PHI store: a stable, visible anchor.
        const anchor = stores[0];
        if (!ctx.config.defenderManagedCentrally) {
            for (const plan of ctx.config.requiredPlans) {
                if (declared.has(plan.toLowerCase())) continue;
                const kind = PLAN_STORES[plan.toLowerCase()];
                const concerned = kind ? stores.filter((s) => kind.has(s.type)) : [anchor];
                for (const store of concerned) {
                    ctx.fail({
                        problem: `no Defender for Cloud plan ${plan} at the Standard tier covers this stack's PHI stores`,
                        at: "(security.Pricing)",
                        fix: `add a security.Pricing with pricingName "${plan}", pricingTier "Standard" and scopeId the subscription, or set defenderManagedCentrally`,
                        urn: store.urn,
                    });
                }
            }
        }
        if (!ctx.config.purviewManagedCentrally && stack.ofType(PURVIEW_ACCOUNTS).length === 0) {
            ctx.fail({
                problem: "no Microsoft Purview account classifies this stack's PHI stores",
                at: "(purview.Account)",
                fix: "add a purview.Account (with publicNetworkAccess \"Disabled\") and register the stores as data sources, or set purviewManagedCentrally",
                urn: anchor.urn,
            });
        }
    },
};

import type { ResourceControl } from "../../control";
import { isOneOf } from "../../lib/property-checks";
import { prowler } from "../../lib/hipaa";
import { apiDate, STORAGE_ACCOUNTS } from "../../lib/azure-storage";
import { asBool, isUnknown } from "../../lib/values";

/** enableHttpsTrafficOnly has defaulted to true since this API version; older ones default to false. */
const HTTPS_DEFAULT_SINCE = "20190401";
const ACCEPTED_TLS = ["TLS1_2", "TLS1_3"];

export const azStorageTls: ResourceControl = {
    id: "az-storage-tls",
    title: "Storage accounts accept only HTTPS with TLS 1.2 or later",
    cloud: "azure",
    category: "encryption-in-transit",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(e)(1)")],
    description:
        "A storage account that accepts plain HTTP or TLS 1.0/1.1 lets PHI and the tokens that authorize access to it travel readably or with broken ciphers. Only HTTPS with TLS 1.2 or later protects them in transit.",
    remediation: 'Set minimumTlsVersion: "TLS1_2" on the storage account and leave enableHttpsTrafficOnly unset or true.',
    unknowns:
        "An unknown enableHttpsTrafficOnly or minimumTlsVersion is reported as unverified (advisory). An omitted enableHttpsTrafficOnly passes (the API default is true since 2019-04-01; older versioned tokens fail); an omitted minimumTlsVersion fails (the API default is TLS 1.0).",
    types: STORAGE_ACCOUNTS,
    remediate: {
        valueFor: (at) => (at === "minimumTlsVersion" ? "TLS1_2" : at === "enableHttpsTrafficOnly" ? true : undefined),
        changes: 'sets minimumTlsVersion: "TLS1_2" and enableHttpsTrafficOnly: true on a PHI storage account that allows less',
        safe: "Both are updated in place (Storage Accounts Update); no data moves. Only clients that use plain HTTP or TLS before 1.2, which this control forbids for PHI, are refused.",
    },
    checkResource(account, ctx) {
        if (!ctx.isPhi(account)) return;
        const https = asBool(account.props.enableHttpsTrafficOnly);
        const date = apiDate(account.type);
        if (isUnknown(https)) ctx.unverified("enableHttpsTrafficOnly");
        else if (https === false || (https === undefined && date !== undefined && date < HTTPS_DEFAULT_SINCE)) {
            ctx.fail({ problem: "the account accepts plain HTTP requests", at: "enableHttpsTrafficOnly", fix: "set enableHttpsTrafficOnly: true" });
        }
        const tls = account.props.minimumTlsVersion;
        const accepted = isOneOf(tls, ...ACCEPTED_TLS);
        if (isUnknown(accepted)) ctx.unverified("minimumTlsVersion");
        else if (!accepted) {
            const shown = isOneOf(tls, "TLS1_0", "TLS1_1") === true ? `${String(tls).trim()}` : tls === undefined ? "unset, so TLS1_0" : "not a TLS version";
            ctx.fail({ problem: `the minimum TLS version is below 1.2 (${shown})`, at: "minimumTlsVersion", fix: 'set minimumTlsVersion: "TLS1_2"' });
        }
    },
};

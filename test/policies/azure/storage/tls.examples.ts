import { azStorageTls as control } from "../../../../policies/azure/storage/tls";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const account = (props: Record<string, unknown>) => resource("azure-native:storage:StorageAccount", "records", { resourceGroupName: "rg-phi", kind: "StorageV2", sku: { name: "Standard_ZRS" }, minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true, ...props });
const tls10 = account({ minimumTlsVersion: "TLS1_0" });
const http = account({ enableHttpsTrafficOnly: false });
const unknownTls = account({ minimumTlsVersion: unknown });

export default defineExamples({
    control,
    passing: { baseline: { says: "TLS 1.2 and HTTPS only", resources: [account({})] } },
    failing: {
        "tls-1-0": { says: "TLS 1.0 accepted", resources: [tls10], findings: [fails(tls10, "minimumTlsVersion")] },
        "http-allowed": { says: "plain HTTP accepted", resources: [http], findings: [fails(http, "enableHttpsTrafficOnly")] },
        "unknown-tls": { says: "TLS version unknown until the update", resources: [unknownTls], findings: [unverifiedAt(unknownTls, "minimumTlsVersion")] },
    },
});

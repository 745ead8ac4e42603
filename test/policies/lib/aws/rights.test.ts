import { strict as assert } from "assert";
import { GROUP_MEMBERSHIPS, IDENTITY_DOCUMENT_PROPS, IDENTITY_DOCUMENT_TYPES, PRINCIPAL_TYPES, RESOURCE_POLICY_PROPS, RIGHTS_CARRIERS } from "../../../../policies/lib/aws/rights";
import { awsDatastoreCmk } from "../../../../policies/aws/datastore/cmk";
import { awsThreatDetection } from "../../../../policies/aws/threat/detection";
import { AWS_PHI_COMPANIONS, AWS_PHI_STORES, AWS_RECORD_STORES, AWS_STORE_ENCRYPTION, S3_BUCKETS } from "../../../../policies/lib/aws/stores";
import { sdkHasInput, sdkHasType } from "../sdk-types";

describe("lib/aws/rights and lib/aws/stores: proven against @pulumi/aws and @pulumi/aws-native", () => {
    for (const [type, carrier] of Object.entries(RIGHTS_CARRIERS)) {
        const props = [...carrier.holders.map((h) => h.prop), carrier.document, carrier.inlineList?.prop, carrier.arns?.prop, carrier.customerReference].filter((p): p is string => p !== undefined);
        it(`${type} carries rights through ${props.join(", ")}`, () => {
            assert.ok(sdkHasType(type), "type token");
            for (const p of props) assert.ok(sdkHasInput(type, p), p);
            for (const h of carrier.holders) assert.ok(PRINCIPAL_TYPES[h.kind]);
        });
    }

    for (const [type, props] of Object.entries({ ...GROUP_MEMBERSHIPS, ...Object.fromEntries(Object.entries({ ...IDENTITY_DOCUMENT_PROPS, ...RESOURCE_POLICY_PROPS }).map(([t, p]) => [t, { p }])) })) {
        it(`${type} has ${Object.values(props).join(", ")}`, () => {
            assert.ok(sdkHasType(type), "type token");
            for (const p of Object.values(props)) assert.ok(sdkHasInput(type, p), p);
        });
    }

    it("judges a permission set's inline policy as an identity document, like every other inline policy", () => {
        assert.ok(IDENTITY_DOCUMENT_TYPES.has("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy"));
        assert.ok(IDENTITY_DOCUMENT_TYPES.has("aws:iam/role:Role") && IDENTITY_DOCUMENT_TYPES.has("aws:iam/policy:Policy"));
    });

    for (const [type, shapes] of Object.entries(AWS_STORE_ENCRYPTION)) {
        it(`PHI store ${type} declares encryption where the SDK does`, () => {
            assert.ok(sdkHasType(type), "type token");
            if (typeof shapes === "string") return;
            for (const s of shapes) for (const p of [s.flag, s.key, s.keyKind?.path, s.onlyIf, ...(s.unless ?? [])]) if (p) assert.ok(sdkHasInput(type, p), p);
        });
    }

    it("counts Redshift, DocumentDB, Neptune and OpenSearch as PHI stores", () => {
        for (const t of ["aws:redshift/cluster:Cluster", "aws:docdb/cluster:Cluster", "aws:neptune/cluster:Cluster", "aws:opensearch/domain:Domain"]) assert.ok(AWS_PHI_STORES.has(t), t);
    });

    for (const [type, prop] of Object.entries(AWS_PHI_COMPANIONS)) {
        it(`${type} names its store through ${prop}, and takes its PHI scope`, () => {
            assert.ok(sdkHasType(type), "type token");
            assert.ok(sdkHasInput(type, prop), prop);
        });
    }

    it("keeps the record stores inside the catalog", () => {
        for (const t of AWS_RECORD_STORES.canonical) assert.ok(AWS_PHI_STORES.has(t), t);
    });

    it("has the customer-managed-key check and threat detection judge every record store alike", () => {
        for (const t of AWS_RECORD_STORES.canonical) {
            if (S3_BUCKETS.has(t)) continue; // buckets have their own encryption control
            assert.ok(awsDatastoreCmk.types.has(t), `aws-datastore-cmk ${t}`);
            assert.ok(awsThreatDetection.judges.has(t), `aws-threat-detection ${t}`);
        }
    });
});

import { awsExfilExternalAccess as control } from "../../../../policies/aws/exfil/external-access";
import { change, defineExamples, fails, iamDoc, resource } from "../../../examples";
import { boundary, OUTSIDER, OWN, TRUSTED } from "./fixtures";

const vendorTrust = (condition?: object) =>
    iamDoc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
const vendor = resource("aws:iam/role:Role", "monitoring-vendor", { assumeRolePolicy: vendorTrust({ StringEquals: { "sts:ExternalId": "acme-7f3a9c" } }) });
const key = resource("aws:kms/key:Key", "records-key", {
    enableKeyRotation: true,
    policy: iamDoc(
        { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "Analytics", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${TRUSTED}:role/analytics` }, Action: "kms:Decrypt", Resource: "*" },
    ),
});
const grant = resource("aws:kms/grant:Grant", "records-key-reader", { keyId: "alias/records", granteePrincipal: `arn:aws:iam::${TRUSTED}:role/reader`, operations: ["Decrypt"] });
const baseline = [vendor, key, grant];

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a vendor role held by an external id, and decryption only for trusted accounts", resources: baseline, options: boundary },
    },
    failing: {
        "trust-without-external-id": {
            says: "another account trusted to assume the role with no sts:ExternalId or aws:PrincipalOrgID",
            resources: change(baseline, "monitoring-vendor", { assumeRolePolicy: vendorTrust() }),
            options: boundary,
            findings: [fails(vendor, "assumeRolePolicy.Statement[0].Principal")],
        },
        "grant-to-outsider": {
            says: "a KMS grant letting an untrusted account decrypt the PHI key",
            resources: change(baseline, "records-key-reader", { granteePrincipal: `arn:aws:iam::${OUTSIDER}:role/reader` }),
            options: boundary,
            findings: [fails(grant, "granteePrincipal")],
        },
        "trust-held-to-another-organization": {
            says: "a cross-account trust whose aws:PrincipalOrgID names an organization that is not a trusted one",
            resources: change(baseline, "monitoring-vendor", { assumeRolePolicy: vendorTrust({ StringEquals: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" } }) }),
            options: { settings: { ...boundary.settings, trustedAwsOrganizationIds: ["o-a1b2c3d4e5"] } },
            findings: [fails(vendor, "assumeRolePolicy.Statement[0].Principal")],
        },
    },
});

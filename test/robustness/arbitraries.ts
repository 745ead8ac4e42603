/**
 * Generators of hostile input for every control: arbitrary and malformed property bags (wrong
 * types, nulls, empty and huge arrays, deep nesting, unknown preview values anywhere, secrets),
 * shaped by the vocabulary the controls themselves use so that generated bags reach their logic.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { isStackControl, type Control } from "../../policies/control";
import { secret, TestResource, unknown, urnOf } from "../harness";

const POLICIES = path.resolve(__dirname, "../../policies");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [fs.readFileSync(p, "utf8")] : [];
    });
}

const TEXT = sources(POLICIES).join("\n");

/** Every type token the policies mention: the resources any control may read. */
export const TYPE_TOKENS = [...new Set(TEXT.match(/(?:aws|azure-native):[A-Za-z0-9/]+:[A-Za-z0-9]+/g) ?? [])].sort();

/** Property names and enum-like words the policies mention, plus the IAM document grammar. */
const WORDS = [...new Set([...(TEXT.match(/\b[a-z][A-Za-z0-9]{2,40}\b/g) ?? []), ...(TEXT.match(/"([A-Z][A-Za-z0-9]{1,30})"/g) ?? []).map((w) => w.slice(1, -1))])];
const IAM_KEYS = ["Version", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition", "AWS", "Service", "Federated"];
export const KEYS = [...IAM_KEYS, ...WORDS];

/** Strings a control might mistake or choke on. */
const TRICKY = [
    "*", "", " ", "Allow", "allow", "Deny", "Outbound", "Inbound", "Internet", "0.0.0.0/0", "::/0", "0.0.0.0/1", "10.0.0.0/8", "22", "0-65535", "20-25", "-1",
    "aws:kms", "AES256", "alias/aws/s3", "NONE", "AWS_IAM", "Disabled", "Enabled", "TLS1_0", "TLS1_2", "1.2", "true", "false", "PT12H", "PT1H", "2192", "0",
    "/", "/subscriptions/00000000-0000-0000-0000-000000000000", "/subscriptions/x/resourceGroups/rg", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "b24988ac-6180-42a0-ab88-20f7382dd24c", "arn:aws:iam::aws:policy/AdministratorAccess", "s3:*", "s3:Get*", "*Object", "iam:PassRole", "kms:*",
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', '{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}', "{not json", "[]", "null",
    "x".repeat(5000), "\u0000", "😀", "__proto__", "constructor",
];

export const secretValues = [
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "-----BEGIN RSA PRIVATE KEY-----MIIEpAIBAAKCAQEA7bq-----END RSA PRIVATE KEY-----",
    "Sup3r$ecretPassw0rd!",
    "Server=tcp:db.example.net;Database=phi;User ID=admin;Password=Hunter2Hunter2;",
    "postgres://phi_admin:S3cretPw9@db.internal:5432/records",
    "q8Zr3Lk0Vb7Nw2Xc5Mp9Ts4Gh1Jd6Fy0Ae8Ku3Wo",
];

export const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom(...TRICKY),
        fc.constant(unknown),
        fc.constantFrom(...secretValues),
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(...WORDS.slice(0, 400)),
        tie("v").map((v) => secret(v)),
        fc.array(tie("v"), { maxLength: 5 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 6 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 6 }).map((d) => JSON.stringify(d)),
    ),
})).v;

export const props: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 12 });

/** Inputs for one control: a resource of one of its types, or a small linked stack. */
export function inputsFor(control: Control): fc.Arbitrary<TestResource[]> {
    const types = isStackControl(control) ? TYPE_TOKENS : control.types.canonical;
    const resource = fc.record({
        type: fc.constantFrom(...types).chain((t) => fc.constantFrom(t, t.replace(/^azure-native:([^:]+):/, "azure-native:$1/v20230101:"))),
        props,
    });
    const count = isStackControl(control) ? 6 : 1;
    return fc.array(resource, { minLength: 1, maxLength: count }).chain((rs) =>
        fc.tuple(...rs.map(() => fc.dictionary(fc.constantFrom(...KEYS), fc.array(fc.nat(rs.length - 1), { maxLength: 2 }), { maxKeys: 3 }))).map((links) =>
            rs.map((r, i) => {
                const named = { ...r, name: `r${i}` };
                const propertyDependencies = Object.fromEntries(
                    Object.entries(links[i]).map(([k, targets]) => [k, targets.map((t) => urnOf({ type: rs[t].type, name: `r${t}` }))]),
                );
                return { ...named, propertyDependencies };
            }),
        ),
    );
}

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { canonicalToken, fromYamlProgram, parseInterpolation, YamlProgram } from "../../../cli/targets/yaml";
import { TargetError } from "../../../cli/targets/target";
import { ARCHIVE_SIG, ASSET_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_ARCHIVE_WIRE_VALUE, UNKNOWN_ASSET_WIRE_VALUE, UNKNOWN_WIRE_VALUE, wireSecret } from "../../../engine/resource";
import { proxied } from "../../harness";
import { tempDir } from "../run-cli";

const U = UNKNOWN_WIRE_VALUE;

function program(yaml: string, config: Record<string, string> = {}, secretKeys: string[] = [], file = "/project/Pulumi.yaml"): YamlProgram {
    const out = fromYamlProgram({ document: YAML.parse(yaml), file, project: "proj", stack: "dev", config, secretKeys }, new Map());
    for (const r of out.resources) proxied(r.inputs);
    return out;
}

const inputsOf = (p: YamlProgram, name: string) => p.resources.find((r) => r.name === name)!.inputs;

function refused(yaml: string, message: RegExp, config: Record<string, string> = {}): void {
    assert.throws(() => program(yaml, config), (e: unknown) => e instanceof TargetError && message.test(e.message) && !e.message.includes("\n"));
}

describe("Pulumi YAML programs, evaluated as the YAML runtime does in a preview", () => {
    it("expands type tokens as the bridged AWS provider names them, and leaves native providers' as they are", () => {
        assert.equal(canonicalToken("aws:s3:Bucket"), "aws:s3/bucket:Bucket");
        assert.equal(canonicalToken("aws:s3/bucket:Bucket"), "aws:s3/bucket:Bucket");
        assert.equal(canonicalToken("aws:iam:getPolicyDocument"), "aws:iam/getPolicyDocument:getPolicyDocument");
        assert.equal(canonicalToken("aws-native:s3:Bucket"), "aws-native:s3:Bucket");
        assert.equal(canonicalToken("azure-native:storage:StorageAccount"), "azure-native:storage:StorageAccount");
        assert.equal(canonicalToken("eks:Cluster"), "eks:index:Cluster");
    });

    it("parses interpolations: names, quoted keys, indexes and $$", () => {
        assert.deepEqual(parseInterpolation('a$${x}b${r.p[0]["k.\\"q"]}'), [{ text: "a${x}b", access: ["r", "p", 0, 'k."q'] }]);
    });

    it("names each resource by its URN, children qualified by their parent, as the engine does", () => {
        const p = program(`
resources:
  parent: { type: "eks:Cluster" }
  child:
    type: aws:s3:Bucket
    name: renamed
    options: { parent: "\${parent}" }
`);
        assert.deepEqual(
            p.resources.map((r) => r.urn),
            ["urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev", "urn:pulumi:dev::proj::eks:index:Cluster::parent", "urn:pulumi:dev::proj::eks:index:Cluster$aws:s3/bucket:Bucket::renamed"],
        );
        assert.equal(p.resources[2].parent, p.resources[1].urn);
    });

    it("evaluates interpolations, variables, config, toJSON, join, split and select", () => {
        const p = program(
            `
config:
  account: { type: string }
  retention: { type: integer, default: 30 }
variables:
  bucketArn: arn:aws:s3:::\${pulumi.project}-\${pulumi.stack}
  statement:
    Effect: Allow
    Action: [ "s3:GetObject" ]
    Resource: "\${bucketArn}/*"
    Principal: { AWS: "arn:aws:iam::\${account}:root" }
resources:
  policy:
    type: aws:iam:Policy
    properties:
      policy:
        fn::toJSON:
          Version: "2012-10-17"
          Statement: [ "\${statement}" ]
      description:
        fn::join: [ "-", [ a, "\${retention}", { fn::select: [ 1, { fn::split: [ ",", "x,y,z" ] } ] } ] ]
      days: \${retention}
      tags: { "\${account}": owner }
`,
            { "proj:account": "123456789012" },
        );
        assert.deepEqual(inputsOf(p, "policy"), {
            policy: '{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Resource":"arn:aws:s3:::proj-dev/*"}],"Version":"2012-10-17"}',
            description: "a-30-y",
            days: 30,
            tags: { "123456789012": "owner" },
        });
    });

    it("echoes a resource's own inputs and makes its id and computed outputs unknown, recording the dependency", () => {
        const p = program(`
resources:
  bucket: { type: aws:s3:Bucket, properties: { bucket: records } }
  sse:
    type: aws:s3:BucketServerSideEncryptionConfiguration
    properties:
      bucket: \${bucket.bucket}
      expectedBucketOwner: \${bucket.id}
      rules: [ { applyServerSideEncryptionByDefault: { sseAlgorithm: aws:kms, kmsMasterKeyId: "\${bucket.arn}" } } ]
`);
        const sse = p.resources.find((r) => r.name === "sse")!;
        assert.deepEqual(sse.inputs, { bucket: "records", expectedBucketOwner: U, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: U } }] });
        const bucket = "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::bucket";
        assert.deepEqual(sse.propertyDependencies, { bucket: [bucket], expectedBucketOwner: [bucket], rules: [bucket] });
        assert.deepEqual(sse.dependencies, [bucket]);
    });

    it("makes a secure config value an unknown secret, recorded as a value the scan cannot read", () => {
        const p = program(
            `
config:
  policyDoc: { type: string, secret: true }
resources:
  admin: { type: aws:iam:Policy, properties: { policy: "\${policyDoc}", name: "x-\${policyDoc}" } }
`,
            { "proj:policyDoc": U },
            ["proj:policyDoc"],
        );
        assert.deepEqual(inputsOf(p, "admin"), { policy: wireSecret(U), name: wireSecret(U) });
        assert.deepEqual(p.unreadable, [
            { urn: "urn:pulumi:dev::proj::aws:iam/policy:Policy::admin", path: "policy", reason: "secure-config" },
            { urn: "urn:pulumi:dev::proj::aws:iam/policy:Policy::admin", path: "name", reason: "secure-config" },
        ]);
    });

    it("keeps fn::secret values secret and fn::unsecret ones plain", () => {
        const p = program(`
resources:
  s: { type: aws:secretsmanager:SecretVersion, properties: { secretString: { fn::secret: abc }, plain: { fn::unsecret: { fn::secret: def } }, joined: "x\${v}" } }
variables:
  v: { fn::secret: y }
`);
        assert.deepEqual(inputsOf(p, "s"), { secretString: wireSecret("abc"), plain: "def", joined: wireSecret("xy") });
    });

    it("renders aws:iam:getPolicyDocument (either form) as the provider does, so the policy it builds is judged", () => {
        const p = program(`
variables:
  admin:
    fn::aws:iam:getPolicyDocument:
      statements:
        - actions: [ "*" ]
          resources: [ "*" ]
resources:
  viaVariable: { type: aws:iam:Policy, properties: { policy: "\${admin.json}" } }
  inline:
    type: aws:iam:Policy
    properties:
      policy:
        fn::invoke:
          function: aws:iam/getPolicyDocument:getPolicyDocument
          arguments: { statements: [ { actions: [ "s3:GetObject" ], resources: [ "arn:aws:s3:::b/*" ] } ] }
          return: minifiedJson
`);
        assert.deepEqual(JSON.parse(inputsOf(p, "viaVariable").policy as string), { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
        assert.equal(inputsOf(p, "inline").policy, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}');
        assert.deepEqual(p.notExamined, []);
    });

    it("answers other invokes, and getPolicyDocument with unknown arguments, with unknowns, and lists them as not examined", () => {
        const p = program(`
resources:
  bucket: { type: aws:s3:Bucket }
  key:
    type: aws:kms:Key
    properties:
      policy: { fn::invoke: { function: "aws:iam:getPolicyDocument", arguments: { statements: [ { actions: [ "*" ], resources: [ "\${bucket.arn}" ] } ] }, return: json } }
      description: { fn::aws:index:getCallerIdentity: {} }
`);
        assert.deepEqual(inputsOf(p, "key"), { policy: U, description: U });
        assert.deepEqual(
            p.notExamined.map((n) => `${n.kind}: ${n.reason}`),
            [
                "unanswered-invoke: aws:iam/getPolicyDocument:getPolicyDocument: its arguments hold values unknown during preview (1 use), so what the program built from its result is unknown",
                "unanswered-invoke: aws:index/getCallerIdentity:getCallerIdentity: the scan cannot answer this invoke (1 use), so what the program built from its result is unknown",
            ],
        );
    });

    it("says that a remote component's children are not seen, and that a resource read with get is not examined", () => {
        const p = program(`
resources:
  cluster: { type: eks:Cluster, properties: { vpcId: vpc-1 } }
  existing: { type: aws:s3:Bucket, get: { id: legacy-bucket } }
`);
        assert.deepEqual(
            p.notExamined.map((n) => [n.kind, n.urn, n.reason.split(":")[0]]),
            [
                ["opaque-component", "urn:pulumi:dev::proj::eks:index:Cluster::cluster", "is a remote component"],
                ["read-from-cloud", "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::existing", "is read from the cloud (`get`), so the scan cannot see its properties"],
            ],
        );
        assert.equal(p.resources.find((r) => r.name === "cluster")!.custom, false);
        assert.ok(!p.resources.some((r) => r.name === "existing"));
    });

    it("builds assets and archives the pack's runtime accepts", () => {
        const p = program(`
resources:
  fn:
    type: aws:lambda:Function
    properties:
      code: { fn::assetArchive: { "index.js": { fn::stringAsset: "exports.h = 1" }, "lib": { fn::fileArchive: ./lib } } }
      empty: { fn::stringAsset: "" }
      remote: { fn::remoteArchive: "https://example.com/a.zip" }
      unknownMember: { fn::assetArchive: { "a": { fn::stringAsset: "" } } }
`);
        assert.deepEqual(inputsOf(p, "fn"), {
            code: { [SIG_KEY]: ARCHIVE_SIG, assets: { "index.js": { [SIG_KEY]: ASSET_SIG, text: "exports.h = 1" }, lib: { [SIG_KEY]: ARCHIVE_SIG, path: "./lib" } } },
            empty: UNKNOWN_ASSET_WIRE_VALUE,
            remote: { [SIG_KEY]: ARCHIVE_SIG, uri: "https://example.com/a.zip" },
            unknownMember: UNKNOWN_ARCHIVE_WIRE_VALUE,
        });
    });

    it("reads a policy document from a file with fn::readFile, refusing a FIFO", () => {
        const tmp = tempDir();
        try {
            fs.writeFileSync(path.join(tmp.dir, "admin.json"), '{"Statement":[]}');
            const doc = "resources:\n  p: { type: aws:iam:Policy, properties: { policy: { fn::readFile: ./admin.json } } }\n";
            const p = fromYamlProgram({ document: YAML.parse(doc), file: path.join(tmp.dir, "Pulumi.yaml"), project: "proj", stack: "dev", config: {}, secretKeys: [] }, new Map());
            assert.deepEqual(p.resources[1].inputs, { policy: '{"Statement":[]}' });
            require("child_process").spawnSync("mkfifo", [path.join(tmp.dir, "pipe")]);
            const fifo = "resources:\n  p: { type: aws:iam:Policy, properties: { policy: { fn::readFile: ./pipe } } }\n";
            assert.throws(
                () => fromYamlProgram({ document: YAML.parse(fifo), file: path.join(tmp.dir, "Pulumi.yaml"), project: "proj", stack: "dev", config: {}, secretKeys: [] }, new Map()),
                /resource p properties\.policy fn::readFile cannot read \.\/pipe: is a FIFO \(named pipe\), not a file/,
            );
        } finally {
            tmp.remove();
        }
    });

    it("treats an unknown fn:: key as a plain key, as pulumi-yaml does", () => {
        assert.deepEqual(inputsOf(program("resources:\n  b: { type: aws:s3:Bucket, properties: { tags: { fn::custom: x } } }\n"), "b"), { tags: { "fn::custom": "x" } });
    });

    it("refuses what the YAML runtime refuses, in one line naming where", () => {
        refused("resources:\n  b: { type: aws:s3:Bucket, properties: { bucket: \"${nowhere.name}\" } }\n", /resource b properties\.bucket refers to nowhere, which is not a resource, variable or config key/);
        refused("resources:\n  b: { type: aws:s3:Bucket, properties: { bucket: \"${b.x\" } }\n", /has a malformed interpolation: unterminated interpolation/);
        refused("resources:\n  b: { properties: {} }\n", /resource b has no type/);
        refused("variables:\n  a: ${b}\n  b: ${a}\nresources:\n  r: { type: aws:s3:Bucket, properties: { bucket: \"${a}\" } }\n", /variable (a|b) depends on itself/);
        refused("resources:\n  a: { type: aws:s3:Bucket, properties: { bucket: \"${b.bucket}\" } }\n  b: { type: aws:s3:Bucket, properties: { bucket: \"${a.bucket}\" } }\n", /depends on itself through its properties/);
        refused("config:\n  needed: { type: string }\nresources: {}\n", /the program needs config key proj:needed: set it in .*Pulumi\.dev\.yaml or choose a stack with --stack/);
        refused("resources:\n  b: { type: aws:s3:Bucket, properties: { x: { fn::select: [ 5, [ a ] ] } } }\n", /selects index 5 of a list of 1/);
        refused("resources:\n  a: { type: aws:s3:Bucket, options: { parent: \"${a}\" } }\n", /is its own ancestor/);
        refused("resources:\n  p: { type: aws:iam:Policy, properties: { policy: { fn::aws:iam:getPolicyDocument: { statements: [ { effect: Maybe } ] } } } }\n", /fails as the provider would fail it: statements\[0\]\.effect must be Allow or Deny/);
        refused(`resources:\n  a: { type: aws:s3:Bucket, properties: { code: { "${SIG_KEY}": "${ARCHIVE_SIG}" } } }\n`, /resource a properties\.code uses 4dabf18193072939515e22adb298388d, the key Pulumi reserves/);
        // Config is data the evaluation does not walk: a literal in the config section, or JSON text from the stack (found by npm run fuzz, seed 1795989662658).
        refused(`config:\n  p: { "${SIG_KEY}": "${SECRET_SIG}", ciphertext: "v1:abc" }\nresources: {}\n`, /config p uses 4dabf18193072939515e22adb298388d, the key Pulumi reserves/);
        refused("resources: {}\n", /config p\.a uses 4dabf18193072939515e22adb298388d, the key Pulumi reserves/, { "proj:p": `{"a":{"${SIG_KEY}":"${ASSET_SIG}","text":"x"}}` });
    });

    it("refuses properties nested more than 256 levels deep", () => {
        let deep: unknown = "x";
        for (let i = 0; i < 2000; i++) deep = { d: deep };
        assert.throws(
            () => fromYamlProgram({ document: { resources: { b: { type: "aws:s3:Bucket", properties: { tags: deep } } } }, file: "Pulumi.yaml", project: "p", stack: "dev", config: {}, secretKeys: [] }, new Map()),
            /resource b properties\.tags(\.d)+\.\.\. is nested more than 256 levels deep/,
        );
    });
});

import { strict as assert } from "assert";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/**
 * patches/@pulumi+policy+1.21.0.patch (applied by `npm install`) makes the runtime read each
 * request once for all policies instead of once per policy, and not wait a tick after each
 * synchronous resource policy. These drive the patched handlers directly and prove each policy
 * still sees what the unpatched runtime gave it.
 */
const server = require("@pulumi/policy/server");
const NOT_APPLIED = "the runtime is not patched: run `npm install`, whose postinstall applies patches/";

function resource(urn: string, props: object, parent?: string): analyzer.AnalyzerResource {
    const r = new analyzer.AnalyzerResource();
    r.setUrn(urn);
    r.setType("test:index:Thing");
    r.setName(urn.split("::").pop()!);
    r.setProperties(Struct.fromJavaScript(props as any));
    r.setOptions(new analyzer.AnalyzerResourceOptions());
    if (parent) {
        r.setParent(parent);
        r.setDependenciesList([parent]);
        const deps = new analyzer.AnalyzerPropertyDependencies();
        deps.setUrnsList([parent]);
        r.getPropertydependenciesMap().set("owner", deps);
    }
    return r;
}

function invoke(handler: (call: object, cb: (err: unknown, res: analyzer.AnalyzeResponse) => void) => void, request: object): Promise<analyzer.AnalyzeResponse> {
    return new Promise((resolve, reject) => handler({ request }, (err, res) => (err ? reject(err) : resolve(res))));
}

/** An Analyze (or Remediate) request for a resource of this type with no properties. */
function emptyRequest(type: string): analyzer.AnalyzeRequest {
    const req = new analyzer.AnalyzeRequest();
    req.setUrn(`urn:${type}::a`);
    req.setType(type);
    req.setName("a");
    req.setProperties(Struct.fromJavaScript({}));
    req.setOptions(new analyzer.AnalyzerResourceOptions());
    return req;
}

/** One advisory stack policy over these resources, run by the patched AnalyzeStack handler. */
function analyzeStackWith(resources: analyzer.AnalyzerResource[], validateStack: (args: any) => void): Promise<analyzer.AnalyzeResponse> {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(resources);
    return invoke(server.makeAnalyzeStackRpcFun("pack", "1.0.0", "advisory", [{ name: "one", description: "one", enforcementLevel: "advisory", validateStack }]), req);
}

describe("the @pulumi/policy runtime patch", () => {
    it("builds AnalyzeStack resources once: every stack policy gets its own list of the same linked resources", async () => {
        const seen: any[][] = [];
        const policy = (name: string) => ({ name, description: name, enforcementLevel: "advisory", validateStack: (args: any) => void seen.push(args.resources) });
        const req = new analyzer.AnalyzeStackRequest();
        req.setResourcesList([resource("urn:a::a", { x: 1 }), resource("urn:b::b", { y: "z" }, "urn:a::a")]);
        await invoke(server.makeAnalyzeStackRpcFun("pack", "1.0.0", "advisory", [policy("one"), policy("two")]), req);

        assert.equal(seen.length, 2);
        assert.notEqual(seen[0], seen[1], "a policy may reorder its own list without affecting the next");
        assert.deepEqual(seen[0], seen[1]);
        seen[1].forEach((r, i) => assert.equal(r, seen[0][i], NOT_APPLIED));
        const [a, b] = seen[0];
        assert.equal(b.props.y, "z");
        assert.equal(b.parent, a);
        assert.deepEqual(b.dependencies, [a]);
        assert.deepEqual(b.propertyDependencies.owner, [a]);
    });

    it("reads an Analyze request once: every resource policy gets the same properties, with its own config", async () => {
        const seen: any[] = [];
        const policy = (name: string) => ({ name, description: name, enforcementLevel: "advisory", validateResource: (args: any) => void seen.push(args) });
        const req = new analyzer.AnalyzeRequest();
        req.setUrn("urn:a::a");
        req.setType("test:index:Thing");
        req.setName("a");
        req.setProperties(Struct.fromJavaScript({ x: 1 }));
        req.setOptions(new analyzer.AnalyzerResourceOptions());
        await invoke(server.makeAnalyzeRpcFun("pack", "1.0.0", "advisory", [policy("one"), policy("two")]), req);

        assert.equal(seen.length, 2);
        assert.equal(seen[0].props, seen[1].props, NOT_APPLIED);
        assert.equal(seen[1].props.x, 1);
        assert.deepEqual(seen[0].opts, seen[1].opts);
        assert.notEqual(seen[0].getConfig, seen[1].getConfig);
    });

    it("gives each policy one frozen config for every request until the next Configure", async () => {
        const configs: object[] = [];
        const policy = { name: "one", description: "one", enforcementLevel: "advisory", validateResource: (args: any) => void configs.push(args.getConfig()) };
        const analyze = server.makeAnalyzeRpcFun("pack", "1.0.0", "advisory", [policy]);
        for (const urn of ["urn:a::a", "urn:b::b"]) {
            const req = new analyzer.AnalyzeRequest();
            req.setUrn(urn);
            req.setType("test:index:Thing");
            req.setName(urn.split("::").pop()!);
            req.setProperties(Struct.fromJavaScript({}));
            req.setOptions(new analyzer.AnalyzerResourceOptions());
            await invoke(analyze, req);
        }

        assert.equal(configs.length, 2);
        assert.equal(configs[0], configs[1], NOT_APPLIED);
        assert.ok(Object.isFrozen(configs[0]), "shared, so no policy can change another evaluation's config");
        assert.deepEqual(configs[0], {});
    });

    it("deserializes a stack resource's properties only when a policy reads them", async () => {
        const read = resource("urn:a::a", { x: 1 });
        const unread = resource("urn:b::b", { y: 2 });
        const conversions = new Map<string, number>();
        for (const r of [read, unread]) {
            const struct = r.getProperties()!;
            const toJavaScript = struct.toJavaScript.bind(struct);
            struct.toJavaScript = () => (conversions.set(r.getUrn(), (conversions.get(r.getUrn()) ?? 0) + 1), toJavaScript());
        }
        const xs: unknown[] = [];
        const policy = (name: string) => ({ name, description: name, enforcementLevel: "advisory", validateStack: (args: any) => void xs.push(args.resources[0].props.x) });
        const req = new analyzer.AnalyzeStackRequest();
        req.setResourcesList([read, unread]);
        await invoke(server.makeAnalyzeStackRpcFun("pack", "1.0.0", "advisory", [policy("one"), policy("two")]), req);

        assert.deepEqual(xs, [1, 1]);
        assert.deepEqual(Object.fromEntries(conversions), { "urn:a::a": 1 }, NOT_APPLIED);
    });

    it("reads one top-level property of a stack resource out of the request without converting the others", async () => {
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "arn:aws:iam::1:role/r" };
        const r = resource("urn:a::a", { arn: secret, name: "n", tags: { a: "b" } });
        let conversions = 0;
        const struct = r.getProperties()!;
        const toJavaScript = struct.toJavaScript.bind(struct);
        struct.toJavaScript = () => (conversions++, toJavaScript());
        const read: unknown[] = [];
        const property = Symbol.for("@pulumi/policy/requestProperty");
        await analyzeStackWith([r], (args: any) => void read.push(...["arn", "name", "tags", "id"].map((k) => args.resources[0][property]?.(k))));

        assert.deepEqual(read, ["arn:aws:iam::1:role/r", "n", { a: "b" }, undefined], NOT_APPLIED);
        assert.equal(conversions, 0);
    });

    it("gives a stack resource's property dependencies as URNs of the request's resources, without linking resource objects", async () => {
        const b = resource("urn:b::b", {}, "urn:a::a");
        const outside = new analyzer.AnalyzerPropertyDependencies();
        outside.setUrnsList(["urn:gone::gone", "urn:a::a"]);
        b.getPropertydependenciesMap().set("mixed", outside);
        const urns = Symbol.for("@pulumi/policy/propertyDependencyUrns");
        const read: unknown[] = [];
        await analyzeStackWith([resource("urn:a::a", {}), b], (args: any) => {
            const r = args.resources[1];
            read.push(r[urns]?.());
            read.push(Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]: [string, any]) => [k, v.map((d: any) => d.urn)])));
            r.propertyDependencies = { owner: [] };
            read.push(r[urns]?.());
        });

        assert.deepEqual(read[0], { owner: ["urn:a::a"], mixed: ["urn:a::a"] }, NOT_APPLIED);
        assert.deepEqual(read[1], read[0], "the same URNs as the runtime's own field links");
        assert.deepEqual(read[2], { owner: [] }, "once assigned, the field answers");
    });

    it("gives stack resources the runtime's own enumerable, assignable fields, and isType/asType that work detached", async () => {
        let seen: any;
        await analyzeStackWith([resource("urn:a::a", { x: 1 }), resource("urn:b::b", { y: "z" }, "urn:a::a")], (args: any) => void (seen = args.resources[1]));

        assert.deepEqual(Object.keys(seen), ["type", "props", "urn", "name", "opts", "dependencies", "propertyDependencies", "isType", "asType", "parent"]);
        const copy = { ...seen };
        assert.deepEqual(copy.props, { y: "z" });
        assert.equal(copy.parent.urn, "urn:a::a");
        const { isType, asType } = seen;
        const thing = { __pulumiType: "test:index:Thing" };
        assert.equal(isType(thing), true);
        assert.deepEqual(asType(thing), { y: "z" });
        seen.props = { y: "changed" };
        seen.dependencies = [];
        assert.deepEqual(seen.props, { y: "changed" });
        assert.deepEqual(seen.dependencies, []);
    });

    it("lets a stack resource's request copy go once its properties are read, and still answers one property", async () => {
        const r = resource("urn:a::a", { arn: "arn:aws:iam::1:role/r", id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        const property = Symbol.for("@pulumi/policy/requestProperty");
        const read: unknown[] = [];
        await analyzeStackWith([r], (args: any) => {
            const it = args.resources[0];
            assert.equal(it.props.arn, "arn:aws:iam::1:role/r");
            assert.equal(r.getProperties(), undefined, NOT_APPLIED);
            // The runtime's sentinel for a value unknown at preview comes back as the request holds it.
            read.push(it[property]("arn"), it[property]("id"), it[property]("absent"));
            it.props = { arn: "assigned" };
            read.push(it[property]("arn"));
        });

        assert.deepEqual(read, ["arn:aws:iam::1:role/r", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", undefined, "assigned"]);
    });

    it("lets a policy convert a stack resource's properties from the request itself, which every later policy then reads", async () => {
        const r = resource("urn:a::a", { x: 1 });
        const kept = resource("urn:b::b", { y: 2 });
        const readWith = Symbol.for("@pulumi/policy/readPropertiesWith");
        const seen: unknown[] = [];
        const first = {
            name: "one",
            description: "one",
            enforcementLevel: "advisory",
            validateStack: (args: any) => {
                const [a, b] = args.resources;
                seen.push(a[readWith]?.((s: Struct) => ({ converted: s.toJavaScript() })));
                assert.equal(r.getProperties(), undefined, "the request's copy is let go");
                seen.push(a[readWith]((s: Struct) => s), "read already");
                // A conversion that declines leaves the reading to the runtime.
                seen.push(b[readWith](() => undefined), b.props.y);
            },
        };
        const second = { name: "two", description: "two", enforcementLevel: "advisory", validateStack: (args: any) => void seen.push(args.resources[0].props) };
        const req = new analyzer.AnalyzeStackRequest();
        req.setResourcesList([r, kept]);
        await invoke(server.makeAnalyzeStackRpcFun("pack", "1.0.0", "advisory", [first, second]), req);

        assert.deepEqual(seen, [{ converted: { x: 1 } }, undefined, "read already", undefined, 2, { converted: { x: 1 } }], NOT_APPLIED);
    });

    it("reads a provider once for all the stack resources it manages, and each provider apart", async () => {
        const provider = (urn: string, region: string) => {
            const p = new analyzer.AnalyzerProviderResource();
            p.setUrn(urn);
            p.setType("pulumi:providers:aws");
            p.setName(urn.split("::").pop()!);
            p.setProperties(Struct.fromJavaScript({ region }));
            return p;
        };
        const [a, b, c, d] = ["urn:a::a", "urn:b::b", "urn:c::c", "urn:d::d"].map((urn) => resource(urn, {}));
        a.setProvider(provider("urn:p::east", "us-east-1"));
        b.setProvider(provider("urn:p::east", "us-east-1"));
        c.setProvider(provider("urn:p::west", "us-west-2"));
        let seen: any[] = [];
        await analyzeStackWith([a, b, c, d], (args: any) => void (seen = args.resources.map((r: any) => r.provider)));

        assert.deepEqual(
            seen.map((p) => p && { type: p.type, name: p.name, urn: p.urn, region: p.props.region }),
            [
                { type: "pulumi:providers:aws", name: "east", urn: "urn:p::east", region: "us-east-1" },
                { type: "pulumi:providers:aws", name: "east", urn: "urn:p::east", region: "us-east-1" },
                { type: "pulumi:providers:aws", name: "west", urn: "urn:p::west", region: "us-west-2" },
                undefined,
            ],
        );
        assert.equal(seen[0], seen[1], NOT_APPLIED);
        assert.equal(a.getProvider(), undefined, "the request's copy is let go");
    });

    it("does not call a resource validation for a type its appliesToType says it does nothing for", async () => {
        const called: string[] = [];
        const validateResource = Object.assign((args: any) => void called.push(args.type), { appliesToType: (type: string) => type === "test:index:Judged" });
        const analyze = server.makeAnalyzeRpcFun("pack", "1.0.0", "advisory", [{ name: "one", description: "one", enforcementLevel: "advisory", validateResource }]);
        for (const type of ["test:index:Judged", "test:index:Other", "test:index:Judged"]) {
            const res = await invoke(analyze, emptyRequest(type));
            assert.equal(res.getNotApplicableList().length, 0, "skipped as a validation that returns nothing would be: no record");
        }

        assert.deepEqual(called, ["test:index:Judged", "test:index:Judged"], NOT_APPLIED);
    });

    it("does not call a remediation for a type its appliesToType says it does nothing for, and lists it with its reason", async () => {
        const called: string[] = [];
        const remediateResource = Object.assign((args: any) => void called.push(args.type), { appliesToType: (type: string) => type === "test:index:Judged", notApplicableReason: "not mine" });
        const remediate = server.makeRemediateRpcFun("pack", "1.0.0", "advisory", [{ name: "fixer", description: "fixer", enforcementLevel: "remediate", remediateResource }]);
        const notApplicable: string[][] = [];
        for (const type of ["test:index:Judged", "test:index:Other"]) {
            const res = (await invoke(remediate, emptyRequest(type))) as unknown as analyzer.RemediateResponse;
            notApplicable.push(res.getNotApplicableList().map((n) => `${n.getPolicyName()}: ${n.getReason()}`));
        }

        assert.deepEqual(called, ["test:index:Judged"], NOT_APPLIED);
        assert.deepEqual(notApplicable, [[], ["fixer: not mine"]]);
    });

    it("runs synchronous resource policies back to back and still waits for one that returns a promise", async () => {
        const log: string[] = [];
        const policy = (name: string, validate: () => unknown) => ({ name, description: name, enforcementLevel: "advisory", validateResource: validate });
        const req = new analyzer.AnalyzeRequest();
        req.setUrn("urn:a::a");
        req.setType("test:index:Thing");
        req.setName("a");
        req.setProperties(Struct.fromJavaScript({}));
        req.setOptions(new analyzer.AnalyzerResourceOptions());
        const policies = [
            policy("sync", () => void (log.push("sync"), queueMicrotask(() => log.push("tick")))),
            policy("next", () => void log.push("next")),
            policy("async", () => new Promise<void>((resolve) => setTimeout(() => (log.push("async"), resolve()), 5))),
            policy("last", () => void log.push("last")),
        ];
        await invoke(server.makeAnalyzeRpcFun("pack", "1.0.0", "advisory", policies), req);

        // Unpatched, the runtime waits a tick after every policy, so "tick" would come before "next".
        assert.deepEqual(log, ["sync", "next", "tick", "async", "last"], NOT_APPLIED);
    });
});

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

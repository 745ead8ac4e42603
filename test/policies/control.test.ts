import { strict as assert } from "assert";
import { isStackControl, judgedTypes, readsOneResource } from "../../policies/control";
import { controls } from "../../policies/registry";
import { expectedEntries, SAMPLE_STACKS } from "../samples";

describe("judgedTypes: the resource types each control judges", () => {
    it("is a resource control's types, and a non-empty declared set for every control with a stack part", () => {
        for (const c of controls) {
            if (readsOneResource(c)) assert.equal(judgedTypes(c), c.types, c.id);
            else assert.ok(c.judges, `${c.id} has a stack part but declares no judges`);
            assert.ok(judgedTypes(c).canonical.length > 0, `${c.id} judges no type`);
        }
    });

    it("includes the types a dual control's resource part judges", () => {
        for (const c of controls) {
            if (isStackControl(c) || !c.judges) continue;
            assert.deepEqual(c.types.canonical.filter((t) => !judgedTypes(c).has(t)), [], c.id);
        }
    });

    it("covers the type of every resource a sample stack's expected findings name", () => {
        const byId = new Map(controls.map((c) => [c.id, c]));
        const outside: string[] = [];
        for (const f of SAMPLE_STACKS.flatMap(expectedEntries)) {
            const control = byId.get(f.policy);
            if (control && !judgedTypes(control).has(f.type)) outside.push(`${f.policy}: ${f.type}`);
        }
        assert.deepEqual([...new Set(outside)], []);
    });
});

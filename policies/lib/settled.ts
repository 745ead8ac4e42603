/**
 * Which resources a control's per-resource part settled in Analyze, for its stack part in the
 * AnalyzeStack that follows.
 *
 * Analyze reads a resource's inputs; AnalyzeStack reads its outputs, which can say more: a provider
 * fills in an S3 bucket's default encryption, the policies attached to a role, a table's
 * retention. A stack part that re-derived from outputs what Analyze had settled could skip a
 * resource that Analyze left open, and nobody would judge it. The engine runs Analyze for every
 * resource it registers, in the pack's one process, before AnalyzeStack (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go: analyzeAll per registration, AnalyzeResources once all
 * steps are done; analyze_snapshot.go does the same for `pulumi policy analyze`), so a stack part
 * asks here what Analyze did. A resource that Analyze left open, or never saw, is judged whole in
 * AnalyzeStack, from its outputs.
 */
export class Settled {
    /** Resource URN -> one bit per control that settled it. */
    private static readonly byUrn = new Map<string, number>();
    private static controls = 0;
    private readonly bit: number;

    constructor() {
        if (Settled.controls >= 31) throw new Error("Settled: at most 31 controls can record what Analyze settled");
        this.bit = 1 << Settled.controls++;
    }

    /** Records what Analyze did with a resource: settled it (and reported all there is), or left it to the stack, reporting nothing. */
    record(urn: string, settled: boolean): void {
        const bits = settled ? (Settled.byUrn.get(urn) ?? 0) | this.bit : (Settled.byUrn.get(urn) ?? 0) & ~this.bit;
        if (bits === 0) Settled.byUrn.delete(urn);
        else Settled.byUrn.set(urn, bits);
    }

    has(urn: string): boolean {
        return ((Settled.byUrn.get(urn) ?? 0) & this.bit) !== 0;
    }

    /** Forgets every record, as a new deployment starts from none (tests begin each run with it). */
    static forget(): void {
        Settled.byUrn.clear();
    }
}

// Mocha's dot reporter plus a plain closing line, "N passed, N failed[, N skipped]", which CI
// tooling reads in any language.
const Mocha = require("mocha");

class DotWithTotals extends Mocha.reporters.Dot {
    constructor(runner, options) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const { passes, failures, pending } = this.stats;
            console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`);
        });
    }
}

module.exports = DotWithTotals;

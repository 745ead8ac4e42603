/**
 * The date that exemption expiries are judged against (UTC, YYYY-MM-DD): today from the system
 * clock, or the policy config's `asOf` (phi-guard-settings) when the config owner pins it, as
 * `phi-guard scan --as-of` does to re-run an audit. No environment variable moves it: under
 * `pulumi preview` the pack inherits the CLI's environment, and whoever sets CI variables must
 * not be able to revive an expired exemption.
 */
export function today(asOf?: string): string {
    return asOf && isIsoDate(asOf) ? asOf : systemToday();
}

const DAY_MS = 86_400_000;
// Asked at the first finding of every evaluation: the date is formatted once per UTC day.
let day = { text: "", from: 0, until: 0 };

function systemToday(): string {
    const now = Date.now();
    if (now < day.from || now >= day.until) {
        const from = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
        day = { text: new Date(from).toISOString().slice(0, 10), from, until: from + DAY_MS };
    }
    return day.text;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
    const d = new Date(`${s}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
    return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

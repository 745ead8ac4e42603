/**
 * Today's date (UTC, YYYY-MM-DD) for expiry checks. PHI_GUARD_TODAY pins it, so that tests and
 * re-runs of an audit scan give the same answer on any day.
 */
export function today(): string {
    const pinned = process.env.PHI_GUARD_TODAY;
    return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : new Date().toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
    const d = new Date(`${s}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

import { brotliDecompressSync } from "zlib";

/**
 * A large generated table (scripts/aws-model/generate.js packs it as brotli-compressed base64 of
 * `key\tvalue` lines) unpacked on first use: loading the module costs a few milliseconds, and a
 * pack run that never looks a key up never pays for the rest.
 */
export function packedTable(packed: string): () => ReadonlyMap<string, string> {
    let table: Map<string, string> | undefined;
    return () => {
        if (!table) {
            table = new Map();
            const text = brotliDecompressSync(Buffer.from(packed, "base64")).toString("utf8");
            for (const line of text.split("\n")) {
                const tab = line.indexOf("\t");
                if (tab > 0) table.set(line.slice(0, tab), line.slice(tab + 1));
            }
        }
        return table;
    };
}
